using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;

namespace MentorBot.Core.Programs;

/// <summary>A private "this isn't working / I'm uncomfortable". Only the program owner ever reads it.</summary>
public sealed record PrivateConcern(MentorshipId MentorshipId, UserId RaisedBy, string? Details, DateTimeOffset RaisedAt)
{
    public static int MaxDetailsLength => TextLimits.MaxLength(FreeTextField.ConcernText);
}

/// <summary>For the program owner (or the tenant's default owners when the pair is in no program).</summary>
public sealed record ProgramOwnerAlert(ProgramId? Program, MentorshipId MentorshipId, UserId RaisedBy, string? Details);

/// <summary>
/// What the other person is told: that the pairing is paused, and nothing else — no reason, no "who". It carries
/// no field that could leak either, so a card builder cannot show one by mistake.
/// </summary>
public sealed record NeutralPauseNotice(UserId Recipient, MentorshipId MentorshipId);

/// <summary>
/// The decision for a raised concern. <see cref="Mentorship"/> is paused (reason <see cref="PauseReason.Concern"/>),
/// and nudges stop with it. <see cref="NoticeToOther"/> is null when the pair was already paused: a second notice
/// would itself hint that something happened.
/// </summary>
public sealed record ConcernRaised(
    Mentorship Mentorship,
    PrivateConcern Concern,
    ProgramOwnerAlert Alert,
    NeutralPauseNotice? NoticeToOther);

public enum ConcernError
{
    NotAParticipant,
    MentorshipEnded,
    DetailsTooLong,
}

public static class Concerns
{
    public static Result<ConcernRaised, ConcernError> Raise(
        Mentorship mentorship, UserId raisedBy, string? details, DateTimeOffset now)
    {
        if (!mentorship.Involves(raisedBy))
        {
            return ConcernError.NotAParticipant;
        }

        if (mentorship.State.Status == MentorshipStatus.Ended)
        {
            return ConcernError.MentorshipEnded;
        }

        var text = string.IsNullOrWhiteSpace(details) ? null : details.Trim();
        if (TextLimits.Check(FreeTextField.ConcernText, details) is not null)
        {
            return ConcernError.DetailsTooLong;
        }

        var concern = new PrivateConcern(mentorship.Id, raisedBy, text, now);
        var alert = new ProgramOwnerAlert(mentorship.Program, mentorship.Id, raisedBy, text);
        if (mentorship.State.Status == MentorshipStatus.Paused)
        {
            // Already quiet: the owner still hears about it, the other person hears nothing new.
            return new ConcernRaised(mentorship, concern, alert, null);
        }

        var paused = mentorship.Pause(PauseReason.Concern, now).Unwrap();
        return new ConcernRaised(paused, concern, alert, new NeutralPauseNotice(mentorship.OtherThan(raisedBy), mentorship.Id));
    }
}
