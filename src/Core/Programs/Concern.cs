using System.Globalization;
using System.Text;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs;

public readonly record struct ConcernId(string Value)
{
    public static ConcernId New(Guid value) => new($"c-{value:N}");

    public override string ToString() => Value;
}

public enum ConcernState
{
    Open,
    Acknowledged,
    Resolved,
}

/// <summary>What an owner did about a concern, as recorded in the audit trail.</summary>
public enum OwnerActionKind
{
    Acknowledge,
    PausePairing,
    RePair,
    Close,
}

/// <summary>What the mentorship side must carry out after an owner's decision; the concern itself only records it.</summary>
public enum PairingFollowUp
{
    None,
    PausePairing,

    /// <summary>End this pairing and look for a new partner for the person who raised the concern.</summary>
    EndAndRePair,
}

public enum ConcernRefusal
{
    NotAnOwner,
    OtherProgram,
    AlreadyResolved,
    NoteRequired,
    NoteTooLong,
}

/// <summary>
/// "This isn't working", raised privately by one person in a pair. The text is for the program owners only: it leaves
/// the model through <see cref="ProgramAccess.ConcernsFor"/> and nowhere else, and it is kept out of
/// <see cref="ToString"/> so a log line or exception message can never carry it.
/// </summary>
/// <param name="About">The other person in the pairing; with <paramref name="RaisedBy"/> it decides who may read the
/// concern (<see cref="ConcernAudience"/>). Null only on rows stored before it was recorded.</param>
public sealed record Concern(
    ConcernId Id,
    ProgramId Program,
    MentorshipId Mentorship,
    UserId RaisedBy,
    DateTimeOffset RaisedAt,
    string Text,
    ConcernState State,
    UserId? About = null)
{
    public static int MaxTextLength => TextLimits.MaxLength(FreeTextField.ConcernText);
    public const int MaxNoteLength = 2000;

    public static Concern Raise(
        ConcernId id, ProgramId program, MentorshipId mentorship, UserId raisedBy, string? text, DateTimeOffset now, UserId? about = null)
    {
        var clean = string.IsNullOrWhiteSpace(text) ? "" : text.Trim();

        // Never refuse a concern for being long: a refused concern is lost entirely, and the chat side limits input anyway.
        return new Concern(id, program, mentorship, raisedBy, now, clean.Length > MaxTextLength ? clean[..MaxTextLength] : clean, ConcernState.Open, about);
    }

    /// <summary>Fills in <see cref="About"/> from the pairing on a row stored before it was recorded.</summary>
    public Concern WithPairing(Mentorship pairing) =>
        About is null && pairing.Id == Mentorship && pairing.Involves(RaisedBy) ? this with { About = pairing.OtherThan(RaisedBy) } : this;

    /// <summary>
    /// The owners' record of a concern raised in chat (<see cref="Concerns.Raise"/> already paused the pair). The
    /// program is passed in because a pair outside any program goes to the tenant's default program's owners.
    /// </summary>
    public static Concern FromRaised(ConcernId id, ProgramId program, PrivateConcern raised, UserId about) =>
        Raise(id, program, raised.MentorshipId, raised.RaisedBy, raised.Details, raised.RaisedAt, about);

    /// <summary>
    /// Applies an owner's action. Every accepted action yields an audit entry; the caller saves both together and then
    /// carries out the <see cref="ConcernDecision.Decided.FollowUp"/> on the mentorship. Only the concern's readers
    /// (<see cref="ConcernAudience"/>) may act: an owner who is one of the pair is refused like anyone else.
    /// </summary>
    public ConcernDecision Handle(OwnerAction action, MentoringProgram program, DateTimeOffset now, IEnumerable<UserId>? defaultContacts = null)
    {
        if (program.Id != Program)
        {
            return new ConcernDecision.Refused(ConcernRefusal.OtherProgram);
        }

        if (!ConcernAudience.MayRead(action.Owner, this, program, defaultContacts ?? []))
        {
            return new ConcernDecision.Refused(ConcernRefusal.NotAnOwner);
        }

        if (State == ConcernState.Resolved)
        {
            return new ConcernDecision.Refused(ConcernRefusal.AlreadyResolved);
        }

        var note = string.IsNullOrWhiteSpace(action.Note) ? null : action.Note.Trim();
        if (note?.Length > MaxNoteLength)
        {
            return new ConcernDecision.Refused(ConcernRefusal.NoteTooLong);
        }

        // Closing without a word leaves the next owner guessing what was done; the note is the audit's substance.
        if (action is OwnerAction.Close && note is null)
        {
            return new ConcernDecision.Refused(ConcernRefusal.NoteRequired);
        }

        var (kind, state, followUp) = action switch
        {
            OwnerAction.Acknowledge => (OwnerActionKind.Acknowledge, ConcernState.Acknowledged, PairingFollowUp.None),
            OwnerAction.PausePairing => (OwnerActionKind.PausePairing, ConcernState.Acknowledged, PairingFollowUp.PausePairing),
            OwnerAction.RePair => (OwnerActionKind.RePair, ConcernState.Resolved, PairingFollowUp.EndAndRePair),
            OwnerAction.Close => (OwnerActionKind.Close, ConcernState.Resolved, PairingFollowUp.None),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.GetType().Name, "Unknown owner action."),
        };

        var audit = new ConcernAuditEntry(Id, Program, Mentorship, action.Owner, kind, now, note);
        return new ConcernDecision.Decided(this with { State = state }, audit, followUp);
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Id = {Id}, Program = {Program}, Mentorship = {Mentorship}, RaisedAt = {RaisedAt:O}, State = {State}");
        return true;
    }
}

/// <summary>An owner's command on a concern. The note is private to owners, like the concern.</summary>
public abstract record OwnerAction(UserId Owner, string? Note)
{
    public sealed record Acknowledge(UserId Owner, string? Note = null) : OwnerAction(Owner, Note);

    public sealed record PausePairing(UserId Owner, string? Note = null) : OwnerAction(Owner, Note);

    public sealed record RePair(UserId Owner, string? Note = null) : OwnerAction(Owner, Note);

    public sealed record Close(UserId Owner, string Note) : OwnerAction(Owner, Note);
}

/// <summary>Who did what to a concern, when, and why. Append-only; owners read it, nobody else.</summary>
public sealed record ConcernAuditEntry(
    ConcernId Concern,
    ProgramId Program,
    MentorshipId Mentorship,
    UserId Actor,
    OwnerActionKind Action,
    DateTimeOffset At,
    string? Note);

public abstract record ConcernDecision
{
    private ConcernDecision()
    {
    }

    public sealed record Decided(Concern Concern, ConcernAuditEntry Audit, PairingFollowUp FollowUp) : ConcernDecision;

    public sealed record Refused(ConcernRefusal Reason) : ConcernDecision;
}
