using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Bot.Telemetry;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Requests;
using MentorBot.Core.Outbox;
using MentorBot.Core.Mentorships;

namespace MentorBot.Bot.Storage;

/// <summary>
/// Message rows <c>o|{key}</c> beside the state they were recorded with (decisions 0306, 0307, 0320), as an outbox:
/// leasing works as in the nudge outbox (decision 0111), an ETag-conditional merge of owner and expiry; completing is
/// conditional on the lease's ETag. Those writes merge, so the columns written with the state change (its tenant, who
/// the message concerns, for erasure) stay as they were. One instance per partition that holds messages: the
/// mentoring partition (requests and pairings) and the check-ins' partition.
/// </summary>
internal sealed class MessageRows(IEntityTable table, string partition)
{
    public const string Kind = "message";
    private const string Prefix = "o|";

    /// <summary>"No lease": Azure compares a missing property as false, so every row carries an expiry.</summary>
    private static readonly DateTimeOffset NoLease = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A new pending row for <paramref name="message"/>; the caller adds who it concerns and the tenant.</summary>
    public TableEntity NewRow(RequestMessage message)
    {
        var row = StateOf(OutboxTrace.Stamp(RequestMessageJson.ToItem(message)), string.Empty, NoLease);
        row["Kind"] = Kind;
        row["V"] = 1;
        row["Recipient"] = message.Recipient.AadObjectId;
        return row;
    }

    public async Task<IReadOnlyList<NudgeLease>> LeaseDueAsync(
        DateTimeOffset now, string owner, TimeSpan leaseFor, int maxItems, CancellationToken cancellationToken)
    {
        if (maxItems <= 0)
        {
            return [];
        }

        var filter = KindIs(Kind)
            & EntityFilter.Equal("Status", nameof(NudgeStatus.Pending))
            & EntityFilter.LessThanOrEqual("ReadyAt", now)
            & EntityFilter.LessThanOrEqual("LeaseExpiresAt", now);
        var due = await table.QueryAllAsync(partition, filter, cancellationToken);
        return await LeaseRowsAsync(
            due.OrderBy(r => r["ReadyAt"].AsDateTime()).ThenBy(r => r.RowKey, StringComparer.Ordinal).Take(maxItems), now, owner, leaseFor, cancellationToken);
    }

    public async Task<IReadOnlyList<NudgeLease>> LeaseAsync(
        IReadOnlyList<NudgeKey> keys, DateTimeOffset now, string owner, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        // The rows are read together, then leased together (decision 0410): each lease is still its own conditional
        // write, so exactly one worker gets each message; only the waiting is shared.
        var read = await Task.WhenAll(keys.Select(key => table.GetAsync(partition, Row(key), cancellationToken)));
        var rows = read.OfType<TableEntity>()
            .Where(row => row.GetString("Status") == nameof(NudgeStatus.Pending) && row["LeaseExpiresAt"].AsDateTime() <= now);
        return await LeaseRowsAsync(rows, now, owner, leaseFor, cancellationToken, together: true);
    }

    public Task<LeaseOutcome> MarkSentAsync(NudgeLease lease, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Status = NudgeStatus.Sent, SentAt = sentAt, Attempts = lease.Item.Attempts + 1 }, cancellationToken);

    public Task<LeaseOutcome> MarkFailedAsync(NudgeLease lease, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Attempts = lease.Item.Attempts + 1, NextAttemptAt = nextAttemptAt, LastFailure = reason }, cancellationToken);

    public Task<LeaseOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Status = NudgeStatus.Dead, Attempts = lease.Item.Attempts + 1, LastFailure = reason }, cancellationToken);

    public Task<LeaseOutcome> MarkDroppedAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken) =>
        CompleteAsync(lease, lease.Item with { Status = NudgeStatus.Dropped, LastFailure = reason.ToString() }, cancellationToken);

    /// <summary>Reads one message back (operators, tests); null when nothing recorded that key here.</summary>
    public async Task<NudgeOutboxItem?> GetAsync(NudgeKey key, CancellationToken cancellationToken) =>
        await table.GetAsync(partition, Row(key), cancellationToken) is { } row ? Read(row) : null;

    /// <summary>
    /// Deletes settled rows (sent, dropped, dead-lettered) last due before <paramref name="dueBefore"/> (decision 0320):
    /// a message's last due time is at or before it was settled, so a row goes at the latest one retention period after
    /// it was settled. Pending rows are never touched.
    /// </summary>
    public async Task<int> DeleteSettledAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        var filter = KindIs(Kind)
            & EntityFilter.NotEqual("Status", EntityProperty.String(nameof(NudgeStatus.Pending)))
            & EntityFilter.LessThan("ReadyAt", dueBefore);
        var deleted = 0;
        foreach (var row in await table.QueryAllAsync(partition, filter, cancellationToken))
        {
            try
            {
                // Conditional on what was read: a row that changed meanwhile is left for the next sweep.
                deleted += await table.DeleteAsync(partition, row.RowKey, row.ETag ?? ETag.Any, cancellationToken) ? 1 : 0;
            }
            catch (ConcurrencyConflictException)
            {
            }
        }

        return deleted;
    }

    private static EntityFilter KindIs(string kind) => EntityFilter.Equal("Kind", EntityProperty.String(kind));

    private static string Row(NudgeKey key) =>
        Prefix + (key.Value.Length <= 200 && key.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@')
            ? key.Value
            : "b64." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key.Value)));

    private static NudgeOutboxItem Read(TableEntity row) =>
        JsonSerializer.Deserialize(row["Data"].AsString(), NudgeJsonContext.Default.NudgeOutboxItem)!;

    /// <summary>The outbox state of an item as the columns a lease and a completion merge into its row.</summary>
    private TableEntity StateOf(NudgeOutboxItem item, string owner, DateTimeOffset leaseExpiresAt) =>
        new(partition, Row(item.Key))
        {
            ["Status"] = item.Status.ToString(),
            ["ReadyAt"] = item.ReadyAt,
            ["LeaseExpiresAt"] = leaseExpiresAt,
            ["LeaseOwner"] = owner,
            ["Data"] = JsonSerializer.Serialize(item, NudgeJsonContext.Default.NudgeOutboxItem),
        };

    private async Task<IReadOnlyList<NudgeLease>> LeaseRowsAsync(
        IEnumerable<TableEntity> rows, DateTimeOffset now, string owner, TimeSpan leaseFor, CancellationToken cancellationToken, bool together = false)
    {
        var expiresAt = now + leaseFor;
        var leases = new List<NudgeLease?>();
        if (!together)
        {
            // The dispatcher's batch: one after another, as it always was (nobody waits on it).
            foreach (var row in rows)
            {
                leases.Add(await LeaseRowAsync(row));
            }

            return [.. leases.OfType<NudgeLease>()];
        }

        leases.AddRange(await Task.WhenAll(rows.Select(LeaseRowAsync)));

        // In the order asked for: the order a step recorded its messages in is the order they are sent in.
        return [.. leases.OfType<NudgeLease>()];

        async Task<NudgeLease?> LeaseRowAsync(TableEntity row)
        {
            var item = Read(row);
            try
            {
                var etag = await table.MergeAsync(StateOf(item, owner, expiresAt), row.ETag!.Value, cancellationToken);
                return new NudgeLease(item, owner, expiresAt, etag.Value);
            }
            catch (ConcurrencyConflictException)
            {
                // Another worker leased (or finished) it between our read and this write: it is theirs.
                return null;
            }
        }
    }

    private async Task<LeaseOutcome> CompleteAsync(NudgeLease lease, NudgeOutboxItem changed, CancellationToken cancellationToken)
    {
        // A settled "X left" message no longer needs the leaver's name, the one thing of theirs it kept (decision 0320).
        if (changed.Status != NudgeStatus.Pending && RequestMessageJson.Read(changed) is { Kind: RequestMessageKind.PartnerLeft, Note: not null } left)
        {
            changed = changed with { Message = RequestMessageJson.Write(left with { Note = null }) };
        }

        try
        {
            await table.MergeAsync(StateOf(changed, string.Empty, NoLease), new ETag(lease.Version), cancellationToken);
            return LeaseOutcome.Done;
        }
        catch (ConcurrencyConflictException)
        {
            return LeaseOutcome.LeaseLost;
        }
    }
}
