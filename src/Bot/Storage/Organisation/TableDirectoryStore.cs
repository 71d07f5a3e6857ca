using MentorBot.Core;
using MentorBot.Core.Organisation;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;

namespace MentorBot.Bot.Storage.Organisation;

/// <summary>
/// Directory entries of the people MentorBot knows (partition per tenant, row per person), each tenant's delta link
/// (partition <c>sync</c>) and worker leases (partition <c>lease</c>, taken by ETag like the outbox's, decision 0111).
/// </summary>
internal sealed class TableDirectoryStore(ITableEngine engine, DefaultTenant? legacy = null) : IDirectoryStore, IPersonalDataStore
{
    public const string TableName = "directory";
    private const string SyncPartition = "sync";
    private const string LeasePartition = "lease";

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly DefaultTenant _legacy = legacy ?? new DefaultTenant(null);

    public string Holds => "What the organisation's directory says about people MentorBot knows: manager, department, job title, office, language, mailbox time zone.";

    public async Task<DirectoryEntry?> GetAsync(TenantId? tenant, UserId person, CancellationToken cancellationToken)
    {
        if (await _table.GetAsync(PartitionOf(tenant), TableKeys.Escape(person.AadObjectId), cancellationToken) is not { } row)
        {
            return null;
        }

        var manager = row.GetString("Manager");
        return new DirectoryEntry(
            person,
            string.IsNullOrEmpty(manager) ? null : new UserId(manager),
            Text(row, "Department"),
            Text(row, "JobTitle"),
            Text(row, "OfficeLocation"),
            Text(row, "PreferredLanguage"),
            Text(row, "MailboxTimeZone"),
            row.TryGet("HasMailbox", out var mailbox) && mailbox.AsBoolean(),
            row["ReadAt"].AsDateTime())
        {
            Tenant = tenant,
            NotInDirectory = row.TryGet("NotInDirectory", out var missing) && missing.AsBoolean(),
        };
    }

    public async Task SaveAsync(DirectoryEntry entry, CancellationToken cancellationToken)
    {
        var row = new TableEntity(PartitionOf(entry.Tenant), TableKeys.Escape(entry.Person.AadObjectId))
        {
            ["Person"] = entry.Person.AadObjectId,
            ["Manager"] = entry.Manager?.AadObjectId ?? string.Empty,
            ["Department"] = entry.Department ?? string.Empty,
            ["JobTitle"] = entry.JobTitle ?? string.Empty,
            ["OfficeLocation"] = entry.OfficeLocation ?? string.Empty,
            ["PreferredLanguage"] = entry.PreferredLanguage ?? string.Empty,
            ["MailboxTimeZone"] = entry.MailboxTimeZone ?? string.Empty,
            ["HasMailbox"] = entry.HasMailbox,
            ["NotInDirectory"] = entry.NotInDirectory,
            ["ReadAt"] = entry.ReadAt,
        };
        ParentTenant.Stamp(row, _legacy.Stored(entry.Tenant)?.Value);
        await _table.UpsertAsync(row, cancellationToken);
    }

    public async Task<IReadOnlySet<UserId>> ListPeopleAsync(TenantId? tenant, CancellationToken cancellationToken) =>
        (await _table.QueryAllAsync(PartitionOf(tenant), null, cancellationToken))
            .Select(row => row.GetString("Person"))
            .OfType<string>()
            .Select(id => new UserId(id))
            .ToHashSet();

    public async Task<string?> GetDeltaLinkAsync(TenantId? tenant, CancellationToken cancellationToken) =>
        await _table.GetAsync(SyncPartition, PartitionOf(tenant), cancellationToken) is { } row && row.GetString("DeltaLink") is { Length: > 0 } link
            ? link
            : null;

    public async Task SaveDeltaLinkAsync(TenantId? tenant, string? deltaLink, CancellationToken cancellationToken)
    {
        var row = new TableEntity(SyncPartition, PartitionOf(tenant)) { ["DeltaLink"] = deltaLink ?? string.Empty };
        ParentTenant.Stamp(row, _legacy.Stored(tenant)?.Value);
        await _table.UpsertAsync(row, cancellationToken);
    }

    public async Task<bool> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var lease = new TableEntity(LeasePartition, TableKeys.Escape(name)) { ["Holder"] = holder, ["Until"] = until };
        try
        {
            if (await _table.GetAsync(LeasePartition, lease.RowKey, cancellationToken) is not { } current)
            {
                await _table.InsertAsync(lease, cancellationToken);
                return true;
            }

            if (current.GetString("Holder") != holder && current["Until"].AsDateTime() > now)
            {
                return false;
            }

            // Conditional on the version read: of two instances that both saw it expire, one wins.
            await _table.ReplaceAsync(lease, current.ETag ?? ETag.Any, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>The person's entry in every tenant partition, and their id as someone's manager is cleared.</summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var row = TableKeys.Escape(subject.Person.AadObjectId);
        var rows = await _table.ScanAllAsync(cancellationToken);
        var erased = await ErasureRows.DeleteAsync(_table, rows.Where(r => r.PartitionKey != SyncPartition && r.PartitionKey != LeasePartition && r.RowKey == row), cancellationToken);
        foreach (var managed in rows.Where(r => r.GetString("Manager") == subject.Person.AadObjectId))
        {
            managed["Manager"] = string.Empty;
            await _table.UpsertAsync(managed, cancellationToken);
            erased++;
        }

        return erased;
    }

    private string PartitionOf(TenantId? tenant) => "t-" + TableKeys.Escape(_legacy.Stored(tenant)?.Value ?? "none");

    private static string? Text(TableEntity row, string name) => row.GetString(name) is { Length: > 0 } value ? value : null;
}
