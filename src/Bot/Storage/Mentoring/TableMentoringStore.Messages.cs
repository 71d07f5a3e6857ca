using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Bot.Telemetry;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Requests;

namespace MentorBot.Bot.Storage.Mentoring;

/// <summary>
/// The request messages' outbox (decision 0306): rows <c>o|{key}</c> in the requests' own partition, so a step's
/// request replace and its messages' inserts are one entity-group transaction on Azure Tables and one SQLite
/// transaction. Leasing works as in the nudge outbox (decision 0111): an ETag-conditional write of owner and expiry;
/// completing is conditional on the lease's ETag. Those writes merge, so the columns written with the request (its
/// tenant, who the message concerns, for erasure) stay as they were.
/// </summary>
internal sealed partial class TableMentoringStore : IRequestMessageOutbox
{
    private const string MessageKind = "message";
    private const string MessagePrefix = "o|";

    /// <summary>"No lease": Azure compares a missing property as false, so every row carries an expiry.</summary>
    private static readonly DateTimeOffset NoLease = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public Task<EnqueueOutcome> EnqueueIfAbsentAsync(NudgeOutboxItem item, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Request messages are written with their request's step (decision 0306), never enqueued on their own.");

    public async Task<IReadOnlyList<NudgeLease>> LeaseDueAsync(
        DateTimeOffset now, string owner, TimeSpan leaseFor, int maxItems, CancellationToken cancellationToken)
    {
        var filter = KindIs(MessageKind)
            & EntityFilter.Equal("Status", nameof(NudgeStatus.Pending))
            & EntityFilter.LessThanOrEqual("ReadyAt", now)
            & EntityFilter.LessThanOrEqual("LeaseExpiresAt", now);
        var due = await _table.QueryAllAsync(Partition, filter, cancellationToken);
        return await LeaseRowsAsync(
            due.OrderBy(r => r["ReadyAt"].AsDateTime()).ThenBy(r => r.RowKey, StringComparer.Ordinal).Take(maxItems), now, owner, leaseFor, cancellationToken);
    }

    public async Task<IReadOnlyList<NudgeLease>> LeaseAsync(
        IReadOnlyList<NudgeKey> keys, DateTimeOffset now, string owner, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        foreach (var key in keys)
        {
            if (await _table.GetAsync(Partition, MessageRow(key), cancellationToken) is { } row
                && row.GetString("Status") == nameof(NudgeStatus.Pending)
                && row["LeaseExpiresAt"].AsDateTime() <= now)
            {
                rows.Add(row);
            }
        }

        return await LeaseRowsAsync(rows, now, owner, leaseFor, cancellationToken);
    }

    public Task<LeaseOutcome> MarkSentAsync(NudgeLease lease, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Status = NudgeStatus.Sent, SentAt = sentAt, Attempts = lease.Item.Attempts + 1 }, cancellationToken);

    public Task<LeaseOutcome> MarkFailedAsync(NudgeLease lease, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Attempts = lease.Item.Attempts + 1, NextAttemptAt = nextAttemptAt, LastFailure = reason }, cancellationToken);

    public Task<LeaseOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Status = NudgeStatus.Dead, Attempts = lease.Item.Attempts + 1, LastFailure = reason }, cancellationToken);

    public Task<LeaseOutcome> MarkDroppedAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Status = NudgeStatus.Dropped, LastFailure = reason.ToString() }, cancellationToken);

    /// <summary>Reads one message back (operators, tests); null when no step recorded that key.</summary>
    public async Task<NudgeOutboxItem?> GetMessageAsync(NudgeKey key, CancellationToken cancellationToken) =>
        await _table.GetAsync(Partition, MessageRow(key), cancellationToken) is { } row ? ReadItem(row) : null;

    private static string MessageRow(NudgeKey key) =>
        MessagePrefix + (key.Value.Length <= 200 && key.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@')
            ? key.Value
            : "b64." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key.Value)));

    private static NudgeOutboxItem ReadItem(TableEntity row) =>
        JsonSerializer.Deserialize(row["Data"].AsString(), NudgeJsonContext.Default.NudgeOutboxItem)!;

    /// <summary>The outbox state of an item as the columns a lease and a completion merge into its row.</summary>
    private static TableEntity StateOf(NudgeOutboxItem item, string owner, DateTimeOffset leaseExpiresAt) =>
        new(Partition, MessageRow(item.Key))
        {
            ["Status"] = item.Status.ToString(),
            ["ReadyAt"] = item.ReadyAt,
            ["LeaseExpiresAt"] = leaseExpiresAt,
            ["LeaseOwner"] = owner,
            ["Data"] = JsonSerializer.Serialize(item, NudgeJsonContext.Default.NudgeOutboxItem),
        };

    private TableEntity ToEntity(RequestMessage message, MentoringRequest request)
    {
        var row = StateOf(OutboxTrace.Stamp(RequestMessageJson.ToItem(message)), string.Empty, NoLease);
        row["Kind"] = MessageKind;
        row["V"] = 1;
        row["Request"] = request.Id.Value;
        row["Senior"] = request.Senior.AadObjectId;
        row["Recipient"] = message.Recipient.AadObjectId;
        if (message.Candidate is { } candidate)
        {
            row["Candidate"] = candidate.AadObjectId;
        }

        return WithTenant(row, _legacy.Stored(request.Tenant));
    }

    private TableEntity ToEntity(RequestMessage message, Core.Mentorships.Mentorship mentorship)
    {
        // Senior, recipient and the person who made the change (Candidate) cover both people of the pair for erasure.
        var row = StateOf(OutboxTrace.Stamp(RequestMessageJson.ToItem(message)), string.Empty, NoLease);
        row["Kind"] = MessageKind;
        row["V"] = 1;
        row["Senior"] = mentorship.Senior.AadObjectId;
        row["Recipient"] = message.Recipient.AadObjectId;
        if (message.Candidate is { } by)
        {
            row["Candidate"] = by.AadObjectId;
        }

        return WithTenant(row, _legacy.Stored(mentorship.Tenant));
    }

    private async Task<IReadOnlyList<NudgeLease>> LeaseRowsAsync(
        IEnumerable<TableEntity> rows, DateTimeOffset now, string owner, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        var expiresAt = now + leaseFor;
        var leases = new List<NudgeLease>();
        foreach (var row in rows)
        {
            var item = ReadItem(row);
            try
            {
                var etag = await _table.MergeAsync(StateOf(item, owner, expiresAt), row.ETag!.Value, cancellationToken);
                leases.Add(new NudgeLease(item, owner, expiresAt, etag.Value));
            }
            catch (ConcurrencyConflictException)
            {
                // Another worker leased (or finished) it between our read and this write: it is theirs.
            }
        }

        return leases;
    }

    private async Task<LeaseOutcome> CompleteAsync(NudgeLease lease, NudgeOutboxItem changed, CancellationToken cancellationToken)
    {
        try
        {
            await _table.MergeAsync(StateOf(changed, string.Empty, NoLease), new ETag(lease.Version), cancellationToken);
            return LeaseOutcome.Done;
        }
        catch (ConcurrencyConflictException)
        {
            return LeaseOutcome.LeaseLost;
        }
    }
}
