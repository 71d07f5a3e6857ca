using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Bot.Telemetry;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core;

namespace MentorBot.Bot.Storage.Nudges;

/// <summary>
/// The nudge outbox on the table engine (decision 0111). Enqueue is an insert (a conflict means the key is already
/// there); a lease is an ETag-conditional replace that writes owner and expiry, so of two workers that saw the same
/// due item only one gets it and the other skips it; completing a lease is conditional on the lease's ETag, so a
/// worker whose lease lapsed and was taken over records nothing. Each row carries its pairing's <c>TenantId</c>
/// (decision 0234).
/// </summary>
internal sealed partial class TableNudgeOutbox(ITableEngine engine) : INudgeOutbox, IOutboxBacklog, IPersonalDataStore
{
    public const string TableName = "nudges";
    public const string Partition = "outbox";

    private const int SchemaVersion = 1;

    /// <summary>"No lease": Azure compares a missing property as false, so every row carries an expiry.</summary>
    private static readonly DateTimeOffset NoLease = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly ParentTenant _tenant = ParentTenant.OfMentorships(engine);

    public async Task<EnqueueOutcome> EnqueueIfAbsentAsync(NudgeOutboxItem item, CancellationToken cancellationToken)
    {
        // Every message that leaves through the outbox remembers the turn that queued it (decision 0273).
        item = OutboxTrace.Stamp(item);
        try
        {
            await _table.InsertAsync(await StampedAsync(item, owner: null, NoLease, cancellationToken), cancellationToken);
            return EnqueueOutcome.Added;
        }
        catch (ConcurrencyConflictException conflict) when (conflict.Kind == ConcurrencyConflictKind.EntityExists)
        {
            return EnqueueOutcome.AlreadyPresent;
        }
    }

    public async Task<IReadOnlyList<NudgeLease>> LeaseDueAsync(
        DateTimeOffset now, string owner, TimeSpan leaseFor, int maxItems, CancellationToken cancellationToken)
    {
        var filter = EntityFilter.Equal("Status", nameof(NudgeStatus.Pending))
            & EntityFilter.LessThanOrEqual("ReadyAt", now)
            & EntityFilter.LessThanOrEqual("LeaseExpiresAt", now);
        var due = await _table.QueryAllAsync(Partition, filter, cancellationToken);

        var expiresAt = now + leaseFor;
        var leases = new List<NudgeLease>();
        foreach (var row in due.OrderBy(r => r["ReadyAt"].AsDateTime()).ThenBy(r => r.RowKey, StringComparer.Ordinal))
        {
            if (leases.Count == maxItems)
            {
                break;
            }

            var item = Read(row);
            try
            {
                var leased = ParentTenant.Stamp(ToEntity(item, owner, expiresAt), row.GetString(ParentTenant.Property));
                var etag = await _table.ReplaceAsync(leased, row.ETag!.Value, cancellationToken);
                leases.Add(new NudgeLease(item, owner, expiresAt, etag.Value));
                if (row.GetString("LeaseOwner") is not null)
                {
                    // Settling a lease clears its owner, so an owner still here means that worker crashed or stalled.
                    MentorBotTelemetry.LeaseTakeovers.Add(1);
                }
            }
            catch (ConcurrencyConflictException)
            {
                // Another worker leased (or finished) it between our query and this write: it is theirs.
            }
        }

        return leases;
    }

    public Task<LeaseOutcome> MarkSentAsync(NudgeLease lease, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Status = NudgeStatus.Sent, SentAt = sentAt, Attempts = lease.Item.Attempts + 1 }, cancellationToken);

    public Task<LeaseOutcome> MarkFailedAsync(
        NudgeLease lease, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Attempts = lease.Item.Attempts + 1, NextAttemptAt = nextAttemptAt, LastFailure = reason }, cancellationToken);

    public Task<LeaseOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Status = NudgeStatus.Dead, Attempts = lease.Item.Attempts + 1, LastFailure = reason }, cancellationToken);

    public Task<LeaseOutcome> MarkDroppedAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Status = NudgeStatus.Dropped, LastFailure = reason.ToString() }, cancellationToken);

    public async Task<OutboxBacklog> MeasureBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The pending rows only, the same query every dispatcher poll makes; sent, dropped and dead rows are not read.
        var pending = await _table.QueryAllAsync(Partition, EntityFilter.Equal("Status", nameof(NudgeStatus.Pending)), cancellationToken);
        var due = pending.Select(r => r["ReadyAt"].AsDateTime()).Where(at => at <= now).ToList();
        return new OutboxBacklog(pending.Count, due.Count == 0 ? null : due.Min());
    }

    /// <summary>Reads one item back (operators, tests); null when the key was never enqueued.</summary>
    public async Task<NudgeOutboxItem?> GetAsync(NudgeKey key, CancellationToken cancellationToken) =>
        await _table.GetAsync(Partition, RowKey(key), cancellationToken) is { } row ? Read(row) : null;

    private async Task<LeaseOutcome> CompleteAsync(NudgeLease lease, NudgeOutboxItem changed, CancellationToken cancellationToken)
    {
        try
        {
            await _table.ReplaceAsync(await StampedAsync(changed, owner: null, NoLease, cancellationToken), new ETag(lease.Version), cancellationToken);
            return LeaseOutcome.Done;
        }
        catch (ConcurrencyConflictException)
        {
            return LeaseOutcome.LeaseLost;
        }
    }

    private Task<TableEntity> StampedAsync(NudgeOutboxItem item, string? owner, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken) =>
        _tenant.StampAsync(ToEntity(item, owner, leaseExpiresAt), item.Payload.MentorshipId, cancellationToken);

    private static TableEntity ToEntity(NudgeOutboxItem item, string? owner, DateTimeOffset leaseExpiresAt)
    {
        var entity = new TableEntity(Partition, RowKey(item.Key))
        {
            ["V"] = SchemaVersion,
            ["Status"] = item.Status.ToString(),
            ["Kind"] = item.Kind.ToString(),
            ["Recipient"] = item.Recipient.AadObjectId,
            ["ReadyAt"] = item.ReadyAt,
            ["LeaseExpiresAt"] = leaseExpiresAt,
            ["Data"] = JsonSerializer.Serialize(item, NudgeJsonContext.Default.NudgeOutboxItem),
        };
        if (owner is not null)
        {
            entity["LeaseOwner"] = owner;
        }

        return entity;
    }

    private static NudgeOutboxItem Read(TableEntity row) =>
        JsonSerializer.Deserialize(row["Data"].AsString(), NudgeJsonContext.Default.NudgeOutboxItem)!;

    /// <summary>Keys made of safe characters stay readable; anything else (a '/' or '#' from an id) is base64url-encoded.</summary>
    private static string RowKey(NudgeKey key) =>
        key.Value.Length <= 200 && key.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '|' or '@')
            ? key.Value
            : "b64." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key.Value));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NudgeOutboxItem))]
internal sealed partial class NudgeJsonContext : JsonSerializerContext;
