using MentorBot.Bot.Proactive;
using MentorBot.Bot.Storage.CheckIns;
using MentorBot.Bot.Storage.Mentoring;
using MentorBot.Bot.Storage.Sessions;
using MentorBot.Core.Nudges;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage;

/// <summary>
/// The one message outbox over the partitions that hold message rows (decision 0320): the mentoring partition
/// (requests and pairings, 0306/0307), the check-ins' partition and the group sessions' partition (0470). Each row lives beside the state it was recorded
/// with, so each write stays one transaction; leasing, settling and the retention sweep are the same
/// <see cref="MessageRows"/> code on both. A lease goes back to the partition its message kind lives in.
/// </summary>
internal sealed class TableMessageOutbox(TableMentoringStore mentoring, TableCheckInStore checkIns, TableGroupSessionStore sessions) : IRequestMessageOutbox, IPersonalDataStore
{
    public string Holds => "Nothing of its own: message rows live beside the requests, pairings and check-ins they were written with.";

    /// <summary>The rows are erased by the stores they live in (the mentoring and check-in stores), with their state.</summary>
    public Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<EnqueueOutcome> EnqueueIfAbsentAsync(NudgeOutboxItem item, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Messages are written with their state change (decisions 0306, 0320), never enqueued on their own.");

    public async Task<IReadOnlyList<NudgeLease>> LeaseDueAsync(DateTimeOffset now, string owner, TimeSpan leaseFor, int maxItems, CancellationToken cancellationToken)
    {
        // The second partition only fills what the first left of the batch, so nothing is leased that is not returned.
        var first = await mentoring.LeaseDueAsync(now, owner, leaseFor, maxItems, cancellationToken);
        IReadOnlyList<NudgeLease> second = [.. first, .. await checkIns.Messages.LeaseDueAsync(now, owner, leaseFor, maxItems - first.Count, cancellationToken)];
        return [.. second, .. await sessions.Messages.LeaseDueAsync(now, owner, leaseFor, maxItems - second.Count, cancellationToken)];
    }

    public async Task<IReadOnlyList<NudgeLease>> LeaseAsync(IReadOnlyList<NudgeKey> keys, DateTimeOffset now, string owner, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var first = await mentoring.LeaseAsync(keys, now, owner, leaseFor, cancellationToken);
        var rest = keys.Where(k => first.All(l => l.Item.Key != k)).ToList();
        if (rest.Count == 0)
        {
            return first;
        }

        // Session message keys start with the session id ("gs-…", decision 0470): only those are looked up there.
        var forSessions = rest.Where(k => k.Value.StartsWith("gs-", StringComparison.Ordinal)).ToList();
        var forCheckIns = rest.Except(forSessions).ToList();
        return
        [
            .. first,
            .. forCheckIns.Count == 0 ? [] : await checkIns.Messages.LeaseAsync(forCheckIns, now, owner, leaseFor, cancellationToken),
            .. forSessions.Count == 0 ? [] : await sessions.Messages.LeaseAsync(forSessions, now, owner, leaseFor, cancellationToken),
        ];
    }

    public Task<LeaseOutcome> MarkSentAsync(NudgeLease lease, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        HomeOf(lease).MarkSentAsync(lease, sentAt, cancellationToken);

    public Task<LeaseOutcome> MarkFailedAsync(NudgeLease lease, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
        HomeOf(lease).MarkFailedAsync(lease, nextAttemptAt, reason, cancellationToken);

    public Task<LeaseOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken) =>
        HomeOf(lease).DeadLetterAsync(lease, reason, cancellationToken);

    public Task<LeaseOutcome> MarkDroppedAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken) =>
        HomeOf(lease).MarkDroppedAsync(lease, reason, cancellationToken);

    public async Task<int> DeleteSettledAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken) =>
        await mentoring.DeleteSettledAsync(dueBefore, cancellationToken) + await checkIns.Messages.DeleteSettledAsync(dueBefore, cancellationToken)
        + await sessions.Messages.DeleteSettledAsync(dueBefore, cancellationToken);

    /// <summary>Reads one message back from whichever partition holds it (operators, tests).</summary>
    public async Task<NudgeOutboxItem?> GetAsync(NudgeKey key, CancellationToken cancellationToken) =>
        await mentoring.GetMessageAsync(key, cancellationToken) ?? await checkIns.Messages.GetAsync(key, cancellationToken)
        ?? await sessions.Messages.GetAsync(key, cancellationToken);

    private MessageRows HomeOf(NudgeLease lease) => RequestMessageJson.Read(lease.Item) switch
    {
        { IsAboutSession: true } => sessions.Messages,
        { IsAboutCheckIn: true } => checkIns.Messages,
        _ => mentoring.Messages,
    };
}
