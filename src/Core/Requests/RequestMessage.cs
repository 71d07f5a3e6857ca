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
    string? InReturn = null)
{
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
    /// <param name="note">The ender's note for the partner (end of a pairing only), kept in <see cref="Reason"/>; it names nobody else.</param>
    public static RequestMessage ForPairing(
        UserId recipient, Mentorship after, UserId by, DateTimeOffset at, RequestMessageKind kind = RequestMessageKind.PairingChanged, string? note = null) => new(
        kind == RequestMessageKind.CadenceChanged
            ? $"{after.Id.Value}.{kind}.{at.UtcTicks}.{recipient.AadObjectId}"
            : $"{after.Id.Value}.{after.State.Status}.{after.State.Since.UtcTicks}.{kind}.{recipient.AadObjectId}",
        new RequestId(string.Empty),
        recipient,
        kind,
        at,
        Candidate: by,
        Mentorship: after.Id,
        Reason: kind == RequestMessageKind.PairingChanged ? note : null);

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
}
