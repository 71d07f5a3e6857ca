using System.Globalization;
using MentorBot.Core.Nudges;

namespace MentorBot.Testing;

/// <summary>
/// The Core outbox contract in memory, shared by the Core and Bot tests; version numbers stand in for the ETags a table
/// adapter uses, and each lease records its owner as the adapters do.
/// </summary>
public sealed class InMemoryNudgeOutbox : INudgeOutbox
{
    private readonly Dictionary<NudgeKey, Entry> _items = [];
    private readonly Lock _gate = new();
    private long _version;

    public IReadOnlyList<NudgeOutboxItem> Items
    {
        get
        {
            lock (_gate)
            {
                return [.. _items.Values.Select(e => e.Item)];
            }
        }
    }

    public NudgeOutboxItem this[NudgeKey key]
    {
        get
        {
            lock (_gate)
            {
                return _items[key].Item;
            }
        }
    }

    /// <summary>Makes the next MarkSent calls fail as a storage outage or a crash would (the send already happened).</summary>
    public Func<NudgeLease, Exception?>? FailMarkSent { get; set; }

    public Task<EnqueueOutcome> EnqueueIfAbsentAsync(NudgeOutboxItem item, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_items.TryAdd(item.Key, new Entry(item, NextVersion(), null, null))
                ? EnqueueOutcome.Added
                : EnqueueOutcome.AlreadyPresent);
        }
    }

    public Task<IReadOnlyList<NudgeLease>> LeaseDueAsync(
        DateTimeOffset now, string owner, TimeSpan leaseFor, int maxItems, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var leases = new List<NudgeLease>();
            var ready = _items.Values
                .Where(e => e.Item.Status == NudgeStatus.Pending && e.Item.ReadyAt <= now && (e.LeaseExpires is null || e.LeaseExpires <= now))
                .OrderBy(e => e.Item.ReadyAt).ThenBy(e => e.Item.Key.Value, StringComparer.Ordinal)
                .Take(maxItems)
                .ToArray();
            foreach (var entry in ready)
            {
                var leased = entry with { Version = NextVersion(), LeaseOwner = owner, LeaseExpires = now + leaseFor };
                _items[entry.Item.Key] = leased;
                leases.Add(new NudgeLease(entry.Item, owner, now + leaseFor, leased.Version));
            }

            return Task.FromResult<IReadOnlyList<NudgeLease>>(leases);
        }
    }

    public Task<LeaseOutcome> MarkSentAsync(NudgeLease lease, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        if (FailMarkSent?.Invoke(lease) is { } failure)
        {
            return Task.FromException<LeaseOutcome>(failure);
        }

        return Complete(lease, item => item with { Status = NudgeStatus.Sent, SentAt = sentAt, Attempts = item.Attempts + 1 });
    }

    public Task<LeaseOutcome> MarkFailedAsync(
        NudgeLease lease, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
        Complete(lease, item => item with { Attempts = item.Attempts + 1, NextAttemptAt = nextAttemptAt, LastFailure = reason });

    public Task<LeaseOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken) =>
        Complete(lease, item => item with { Status = NudgeStatus.Dead, Attempts = item.Attempts + 1, LastFailure = reason });

    public Task<LeaseOutcome> MarkDroppedAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken) =>
        Complete(lease, item => item with { Status = NudgeStatus.Dropped, LastFailure = reason.ToString() });

    private Task<LeaseOutcome> Complete(NudgeLease lease, Func<NudgeOutboxItem, NudgeOutboxItem> change)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(lease.Item.Key, out var entry) || entry.Version != lease.Version)
            {
                return Task.FromResult(LeaseOutcome.LeaseLost);
            }

            _items[lease.Item.Key] = new Entry(change(entry.Item), NextVersion(), null, null);
            return Task.FromResult(LeaseOutcome.Done);
        }
    }

    private string NextVersion() => (++_version).ToString(CultureInfo.InvariantCulture);

    private sealed record Entry(NudgeOutboxItem Item, string Version, string? LeaseOwner, DateTimeOffset? LeaseExpires);
}
