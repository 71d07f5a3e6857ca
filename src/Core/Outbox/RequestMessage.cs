using MentorBot.Core.Matching;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Outbox;

public enum RequestMessageKind
{
    Offered,
    Progress,
    OfferClosed,
    OfferExpired,
    PairingStarted,

    /// <summary>A pairing ended (decision 0307): <see cref="RequestMessage.Request"/> is empty, the pairing is named.</summary>
    PairingChanged,

    /// <summary>A pairing's cadence changed (decision 0307); like <see cref="PairingChanged"/>, it names the pairing.</summary>
    CadenceChanged,

    /// <summary>
    /// The partner asked to be forgotten, which ended the pairing (decision 0320). Self-contained: it carries the
    /// leaver's display name (<see cref="RequestMessage.Note"/>) and the skill, and no id of theirs, so erasing them
    /// leaves it for the partner; the pairing it names is gone by the time it may be sent.
    /// </summary>
    PartnerLeft,

    /// <summary>Check-in times were offered (decision 0320); names the pairing, the check-in and who offered them.</summary>
    CheckInTimesOffered,

    /// <summary>A check-in time was picked (booked or moved); names the pairing, the check-in and who picked it.</summary>
    CheckInBooked,

    /// <summary>A check-in was skipped; names the pairing, the check-in and who skipped it.</summary>
    CheckInSkipped,

    /// <summary>The senior's thank-you to the junior; the note is kept with the message (nowhere else).</summary>
    ThanksReceived,

    /// <summary>The copy of a thank-you to the junior's manager.</summary>
    ThanksCopiedToManager,

    /// <summary>A private concern, to one of its readers (never either of the pair): who raised it, the details.</summary>
    ConcernForOwner,

    /// <summary>"Your pairing is paused", with no reason and no name of who paused it.</summary>
    PairingPausedQuietly,

    // Group sessions (decision 0470): each names the session (RequestMessage.Session); rows live in the sessions' partition.

    /// <summary>You have a seat (the booked card with the calendar link).</summary>
    SessionSeat,

    /// <summary>The session is full: you are on the waitlist (your place is read at send time).</summary>
    SessionWaitlisted,

    /// <summary>A seat freed up and you were first on the waitlist: you have a seat now.</summary>
    SessionSeatFreed,

    /// <summary>The host cancelled the session.</summary>
    SessionCancelled,

    /// <summary>The session cannot go ahead (its host stepped out of the program); worded kindly, no reason given.</summary>
    SessionCancelledKindly,

    /// <summary>The host moved one of the session's dates (<see cref="RequestMessage.Occurrence"/>).</summary>
    SessionMoved,

    /// <summary>A nudge to the host a day before: what will you cover?</summary>
    SessionAgendaPrompt,

    /// <summary>A nudge to everyone with a seat and the host shortly before.</summary>
    SessionStartingSoon,

    /// <summary>A nudge after a date: a short, private feedback card to the attendees.</summary>
    SessionFeedback,

    /// <summary>A nudge after the last date: would you like to thank the host?</summary>
    SessionThanksPrompt,

    /// <summary>An attendee's thank-you, to the host (the note is kept with the message).</summary>
    SessionThanked,

    /// <summary>The copy of an attendee's thank-you to the host's manager (only with the same opt-in as pairs).</summary>
    SessionThanksCopiedToManager,

    /// <summary>An answer to a press that changed nothing (already in, waitlist full, session over); <see cref="RequestMessage.Note"/> says which.</summary>
    SessionNotice,

    /// <summary>
    /// The public announcement of a new session in the program's chosen channel (decision 0475), written once with the
    /// session; the recipient is <see cref="Programs.MentoringProgram.SessionsChannelRecipient"/>, not a person.
    /// </summary>
    SessionAnnounced,
}

/// <summary>Where a request stands, as the senior is told (offered to someone, declined and re-offered, expired…).</summary>
public enum RequestProgressKind
{
    OfferedTo,
    DeclinedAskingNext,
    NoAnswerAskingNext,
    NoCandidatesLeft,

    /// <summary>The colleague who said no suggested the one asked now (<see cref="RequestProgress.Candidate"/>).</summary>
    SuggestedAsked,

    /// <summary>The colleague who said no suggested someone who cannot be asked for this; the next best is asked.</summary>
    SuggestedCannotBeAsked,

    /// <summary>The colleague who said no suggested a name nobody on MentorBot has (kept in <see cref="RequestMessage.Note"/>); the next best is asked.</summary>
    SuggestedNotFound,

    /// <summary>After nobody could help, someone new added the skill and is asked now (the senior's watch).</summary>
    NewColleagueAsked,
}

/// <summary>
/// What a step of a request must tell one person, recorded in the same write as the step (decision 0306) and sent by
/// the outbox dispatcher. It holds references, not copies: the sender loads the request, the people and the pairing
/// when it renders the card, so the record carries no names and a forgotten person's message renders to nothing.
/// <see cref="Key"/> is the idempotency key: one step tells one person one thing once.
/// </summary>
public sealed record RequestMessage(
    string Key,
    RequestId Request,
    UserId Recipient,
    RequestMessageKind Kind,
    DateTimeOffset At,
    RequestProgressKind? Progress = null,
    UserId? Candidate = null,
    MentorshipId? Mentorship = null,
    NobodyAvailable? Why = null,
    DateTimeOffset? AnswerBy = null,
    SkillId? TeachBack = null,
    CheckInId? CheckIn = null,
    string? Note = null,
    bool? ManagerCopied = null,
    SkillId? Skill = null,
    bool? Suggested = null,
    GroupSessionId? Session = null,
    int? Occurrence = null)
{
    /// <summary>Kinds that live with their group session (the sessions' partition, decision 0470).</summary>
    public bool IsAboutSession => Session is not null;

    /// <summary>Kinds that live with their check-in (the check-ins' partition, decision 0320), not with requests and pairings.</summary>
    public bool IsAboutCheckIn => Kind is RequestMessageKind.CheckInTimesOffered or RequestMessageKind.CheckInBooked
        or RequestMessageKind.CheckInSkipped or RequestMessageKind.ThanksReceived or RequestMessageKind.ThanksCopiedToManager;
}

/// <summary>
/// Sends the messages a step just recorded, straight after its write, so people hear at once (decision 0306). It
/// never fails the step: what it cannot send stays in the outbox for the dispatcher's next pass.
/// </summary>
public interface IRequestMessageDelivery
{
    Task DeliverAsync(IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Whether MentorBot can reach <paramref name="person"/> at all (they have a 1:1 chat with it). A step that may
    /// tell someone outside the pair (a manager copy, a concern's reader) records the message only for people it can
    /// reach, and says so, instead of leaving the outbox to retry someone who never installed MentorBot.
    /// </summary>
    Task<bool> CanReachAsync(UserId person, CancellationToken cancellationToken) => Task.FromResult(true);
}

/// <summary>
/// What a person is told outside the conversation they are in (a proactive 1:1 message in Teams): the outbox's
/// dispatcher renders each recorded message into one of these at send time and the bot turns it into the matching card
/// (decisions 0306, 0307, 0320). Each folder declares the records it raises. Nothing in Core sends them: Core records messages with its state changes.
/// One record per kind of message a person can receive unprompted.
/// </summary>
public abstract record Notification
{
    private protected Notification()
    {
    }
}
