using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs;

/// <summary>How someone came into a program; decides the source recorded when they consent.</summary>
public enum EnrolmentOrigin
{
    SelfEnrolled,
    Imported,
}

public enum EnrolmentState
{
    /// <summary>On an owner's list, asked to join, not yet answered. Never matched.</summary>
    Invited,

    Consented,

    /// <summary>Said no to an invitation. Kept so nobody nags them again.</summary>
    Declined,

    /// <summary>Consented earlier and left. Kept so nobody is re-invited by the next import.</summary>
    Withdrawn,
}

public enum ConsentSource
{
    /// <summary>Joined on their own in chat.</summary>
    SelfEnrolledInChat,

    /// <summary>Imported by an owner, then said yes in chat themselves.</summary>
    ImportedAndConfirmed,
}

/// <summary>When and how a person agreed to take part, kept as evidence.</summary>
public sealed record Consent(DateTimeOffset GivenAt, ConsentSource Source);

/// <summary>
/// One person's place in one program. Nobody is matched without opting in: an owner's import only invites, and
/// only the person's own "yes" in chat records a <see cref="Consent"/>.
/// </summary>
public sealed record Enrolment(
    ProgramId Program,
    UserId Person,
    EnrolmentOrigin Origin,
    EnrolmentState State,
    DateTimeOffset Since,
    Consent? Consent = null)
{
    public bool MayBeMatched => State == EnrolmentState.Consented && Consent is not null;

    public static Enrolment Invite(ProgramId program, UserId person, DateTimeOffset now) =>
        new(program, person, EnrolmentOrigin.Imported, EnrolmentState.Invited, now);

    public static Enrolment SelfEnrol(ProgramId program, UserId person, DateTimeOffset now) =>
        new(program, person, EnrolmentOrigin.SelfEnrolled, EnrolmentState.Consented, now, new Consent(now, ConsentSource.SelfEnrolledInChat));

    /// <summary>
    /// The person says yes in chat. Allowed from any state: someone who declined or left may change their mind,
    /// and it is their choice, not the owner's.
    /// </summary>
    public Enrolment Confirm(DateTimeOffset now)
    {
        if (MayBeMatched)
        {
            return this;
        }

        var source = Origin == EnrolmentOrigin.Imported ? ConsentSource.ImportedAndConfirmed : ConsentSource.SelfEnrolledInChat;
        return this with { State = EnrolmentState.Consented, Since = now, Consent = new Consent(now, source) };
    }

    public Enrolment Decline(DateTimeOffset now) => State == EnrolmentState.Invited
        ? this with { State = EnrolmentState.Declined, Since = now }
        : this;

    /// <summary>Leaving is always possible and drops the consent, so matching cannot pick them up again.</summary>
    public Enrolment Withdraw(DateTimeOffset now) => State is EnrolmentState.Withdrawn or EnrolmentState.Declined
        ? this
        : this with { State = EnrolmentState.Withdrawn, Since = now, Consent = null };
}
