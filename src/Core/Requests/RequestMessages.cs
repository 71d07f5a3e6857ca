using MentorBot.Core.Matching;
using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Requests;

/// <summary>What a request's steps record for the outbox (decision 0306), made from the notifications they raise.</summary>
public static class RequestMessages
{
    /// <summary>The message for <paramref name="notification"/>, about <paramref name="after"/> as the step leaves it.</summary>
    public static RequestMessage For(UserId recipient, Notification notification, MentoringRequest after, DateTimeOffset at) => notification switch
    {
        RequestOffered offered => Create(after, recipient, RequestMessageKind.Offered, at) with
        {
            Candidate = offered.Match.Mentor.Id,
            AnswerBy = offered.AnswerBy,
            // Only "what you get in return" of the match is shown on the offer; the skill is kept, the words are the Bot's.
            TeachBack = offered.Match.Factors.FirstOrDefault(f => f.Factor == MatchFactor.Reciprocity && f.Contribution > 0)?.Facts.TeachBack,
        },
        RequestProgress progress => Create(after, recipient, RequestMessageKind.Progress, at, progress.Kind.ToString()) with
        {
            Progress = progress.Kind,
            Candidate = progress.Candidate?.Id,
            Why = progress.Why,
            Note = progress.Typed,
        },
        OfferClosed => Create(after, recipient, RequestMessageKind.OfferClosed, at),
        OfferExpired => Create(after, recipient, RequestMessageKind.OfferExpired, at),
        PairingStarted started => Create(after, recipient, RequestMessageKind.PairingStarted, at) with { Mentorship = started.Mentorship.Id },
        _ => throw new ArgumentOutOfRangeException(nameof(notification), notification.GetType().Name, "Not a message about a request."),
    };

    // The request's offer count and status name the step, so a repeat of the same step (a retry after a conflict
    // that re-decided the same thing) is the same key, and the next offer is a new one.
    private static RequestMessage Create(MentoringRequest after, UserId recipient, RequestMessageKind kind, DateTimeOffset at, string? detail = null) => new(
        $"{after.Id.Value}.{after.Offers.Count}.{after.Status}.{kind}{(detail is null ? string.Empty : "." + detail)}.{recipient.AadObjectId}",
        after.Id,
        recipient,
        kind,
        at);
}
