namespace MentorBot.Core.Nudges;

public enum EnqueueOutcome
{
    Added,
    AlreadyPresent,
}

/// <summary>Outcome of finishing a leased item: <see cref="LeaseLost"/> means another worker took it over (the lease
/// expired and its ETag moved on), so this worker must not record anything.</summary>
public enum LeaseOutcome
{
    Done,
    LeaseLost,
}

/// <summary>An item a worker may send until <see cref="ExpiresAt"/>. <see cref="Version"/> is the adapter's
/// concurrency token (an ETag), returned unchanged on completion.</summary>
public sealed record NudgeLease(NudgeOutboxItem Item, string Owner, DateTimeOffset ExpiresAt, string Version);

/// <summary>
/// Nudges waiting to be sent. Exactly-once is impossible across a chat API, so this gives at-least-once with
/// dedup: enqueue is idempotent by key, a lease stops two workers sending the same item, and a crashed worker's
/// lease simply expires.
/// </summary>
public interface INudgeOutbox
{
    Task<EnqueueOutcome> EnqueueIfAbsentAsync(NudgeOutboxItem item, CancellationToken cancellationToken);

    /// <summary>Pending items ready at <paramref name="now"/> and not leased by anyone else, earliest first.</summary>
    Task<IReadOnlyList<NudgeLease>> LeaseDueAsync(
        DateTimeOffset now, string owner, TimeSpan leaseFor, int maxItems, CancellationToken cancellationToken);

    Task<LeaseOutcome> MarkSentAsync(NudgeLease lease, DateTimeOffset sentAt, CancellationToken cancellationToken);

    /// <summary>Counts the attempt and makes the item ready again at <paramref name="nextAttemptAt"/>.</summary>
    Task<LeaseOutcome> MarkFailedAsync(
        NudgeLease lease, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken);

    Task<LeaseOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken);

    /// <summary>Closes an item that must not go out any more (meeting moved, answered, paused); not a failure.</summary>
    Task<LeaseOutcome> MarkDroppedAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken);
}
