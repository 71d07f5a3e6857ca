using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Outbox;

namespace MentorBot.Core.Mentorships;

/// <summary>
/// Writes a pairing's change together with what it must tell the other person, then sends that at once through the
/// outbox (decision 0307). Callers outside Mentorships (check-ins) use it so they need not know the message types.
/// </summary>
public sealed class PairingMessages(IMentorshipStore store, IRequestMessageDelivery delivery, TimeProvider time)
{
    /// <summary>
    /// Replaces the pairing if <paramref name="ifMatch"/> still holds and records "<paramref name="by"/> changed it"
    /// for the other person in the same write; then delivers it. A stale ETag throws and writes neither.
    /// </summary>
    public async Task<ETag> ReplaceAndTellAsync(
        Mentorship after, ETag ifMatch, UserId by, RequestMessageKind kind, CancellationToken cancellationToken)
    {
        RequestMessage[] messages = [PairingMessage.ForPairing(after.OtherThan(by), after, by, time.GetUtcNow(), kind)];
        var etag = await store.ReplaceAsync(after, ifMatch, messages, cancellationToken);
        await delivery.DeliverAsync(messages, cancellationToken);
        return etag;
    }
}
