using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Notifications;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Requests;

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
    string? Reason = null,
    DateTimeOffset? AnswerBy = null,
    string? InReturn = null,
    CheckIns.CheckInId? CheckIn = null,
    string? Note = null,
    bool? ManagerCopied = null,
    Skills.SkillId? Skill = null)
{
    /// <summary>Kinds that live with their check-in (the check-ins' partition, decision 0320), not with requests and pairings.</summary>
    public bool IsAboutCheckIn => Kind is RequestMessageKind.CheckInTimesOffered or RequestMessageKind.CheckInBooked
        or RequestMessageKind.CheckInSkipped or RequestMessageKind.ThanksReceived or RequestMessageKind.ThanksCopiedToManager;

    /// <summary>The message for <paramref name="notification"/>, about <paramref name="after"/> as the step leaves it.</summary>
    public static RequestMessage For(UserId recipient, Notification notification, MentoringRequest after, DateTimeOffset at) => notification switch
    {
        RequestOffered offered => Create(after, recipient, RequestMessageKind.Offered, at) with
        {
            Candidate = offered.Match.Mentor.Id,
            AnswerBy = offered.AnswerBy,
            InReturn = offered.Match.Factors.FirstOrDefault(f => f.Factor == MatchFactor.Reciprocity && f.Contribution > 0)?.Text,
        },
        RequestProgress progress => Create(after, recipient, RequestMessageKind.Progress, at, progress.Kind.ToString()) with
        {
            Progress = progress.Kind,
            Candidate = progress.Candidate?.Id,
            Reason = progress.Reason,
        },
        OfferClosed => Create(after, recipient, RequestMessageKind.OfferClosed, at),
        OfferExpired => Create(after, recipient, RequestMessageKind.OfferExpired, at),
        PairingStarted started => Create(after, recipient, RequestMessageKind.PairingStarted, at) with { Mentorship = started.Mentorship.Id },
        _ => throw new ArgumentOutOfRangeException(nameof(notification), notification.GetType().Name, "Not a message about a request."),
    };

    /// <summary>
    /// Tells <paramref name="recipient"/> that <paramref name="by"/> changed <paramref name="after"/> (decision 0307). The
    /// key names the pairing, its new state and when it took it (for a cadence, when it changed), so one change tells
    /// one person once; <see cref="Request"/> is empty.
    /// </summary>
    public static RequestMessage ForPairing(
        UserId recipient, Mentorship after, UserId by, DateTimeOffset at, RequestMessageKind kind = RequestMessageKind.PairingChanged) => new(
        kind == RequestMessageKind.CadenceChanged
            ? $"{after.Id.Value}.{kind}.{at.UtcTicks}.{recipient.AadObjectId}"
            : $"{after.Id.Value}.{after.State.Status}.{after.State.Since.UtcTicks}.{kind}.{recipient.AadObjectId}",
        new RequestId(string.Empty),
        recipient,
        kind,
        at,
        Candidate: by,
        Mentorship: after.Id);

    /// <summary>
    /// "<paramref name="leaverName"/> has left MentorBot, so your pairing ended" (decision 0320): no id of the leaver,
    /// only what the message shows, so forget-me erasing them leaves it for the partner.
    /// </summary>
    public static RequestMessage PartnerLeft(UserId recipient, Mentorship after, string leaverName, DateTimeOffset at) => new(
        $"{after.Id.Value}.{after.State.Status}.{after.State.Since.UtcTicks}.{RequestMessageKind.PartnerLeft}.{recipient.AadObjectId}",
        new RequestId(string.Empty),
        recipient,
        RequestMessageKind.PartnerLeft,
        at,
        Note: leaverName,
        Skill: after.Skill);

    /// <summary>
    /// Tells <paramref name="recipient"/> about a change <paramref name="by"/> made to a check-in (decision 0320). The
    /// key names the check-in as the change leaves it (status, calendar sequence), the kind and when it happened: one
    /// change tells one person once, and two changes in the same instant (offer new times on a booking) stay apart.
    /// </summary>
    public static RequestMessage ForCheckIn(
        UserId recipient, CheckIns.CheckIn checkIn, UserId by, DateTimeOffset at, RequestMessageKind kind, string? note = null, bool? managerCopied = null) => new(
        $"{checkIn.Id.Value}.{checkIn.Status}.{checkIn.Sequence}.{kind}.{at.UtcTicks}.{recipient.AadObjectId}",
        new RequestId(string.Empty),
        recipient,
        kind,
        at,
        Candidate: by,
        Mentorship: checkIn.MentorshipId,
        CheckIn: checkIn.Id,
        Note: note,
        ManagerCopied: managerCopied);

    /// <summary>A concern to one of its readers, recorded with the pairing's pause (decision 0320).</summary>
    public static RequestMessage ForConcern(UserId reader, Mentorship pairing, UserId raisedBy, string? details, DateTimeOffset raisedAt) => new(
        $"{pairing.Id.Value}.{RequestMessageKind.ConcernForOwner}.{raisedAt.UtcTicks}.{reader.AadObjectId}",
        new RequestId(string.Empty),
        reader,
        RequestMessageKind.ConcernForOwner,
        raisedAt,
        Candidate: raisedBy,
        Mentorship: pairing.Id,
        Note: details);

    /// <summary>"Your pairing is paused" to one of the pair: it names nobody (no <see cref="Candidate"/>), so no card can.</summary>
    public static RequestMessage PausedQuietly(UserId recipient, Mentorship paused, DateTimeOffset at) => new(
        $"{paused.Id.Value}.{paused.State.Status}.{paused.State.Since.UtcTicks}.{RequestMessageKind.PairingPausedQuietly}.{recipient.AadObjectId}",
        new RequestId(string.Empty),
        recipient,
        RequestMessageKind.PairingPausedQuietly,
        at,
        Mentorship: paused.Id);

    // The request's offer count and status name the step, so a repeat of the same step (a retry after a conflict
    // that re-decided the same thing) is the same key, and the next offer is a new one.
    private static RequestMessage Create(MentoringRequest after, UserId recipient, RequestMessageKind kind, DateTimeOffset at, string? detail = null) => new(
        $"{after.Id.Value}.{after.Offers.Count}.{after.Status}.{kind}{(detail is null ? string.Empty : "." + detail)}.{recipient.AadObjectId}",
        after.Id,
        recipient,
        kind,
        at);
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
