using System.Collections.Concurrent;
using MentorBot.Bot.Storage.Mentoring;
using MentorBot.Bot.Storage.Programs;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Privacy;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using MentorBot.Core;

namespace MentorBot.Bot.Storage;

/// <summary>
/// The tenant a record inherits from its parent (decision 0234): enrolments, concerns and rounds take their program's,
/// check-ins, feedback, reviews and nudges their pairing's, posted-card records their request's. Read from the parent row's <c>TenantId</c> property, which
/// its store wrote from the validated activity (decision 0230), never from the child's body. A parent's tenant never
/// changes, so each store instance remembers what it read and a write costs one extra point read per parent per
/// process. A parent from before tenants (no property) leaves the child without one too: both are the default tenant's.
/// </summary>
[HoldsNoPersonalData("Reads a parent row's tenant id for the stores that own the rows; it stores nothing itself.")]
internal sealed class ParentTenant(ITableEngine engine, string tableName, string partition)
{
    public const string Property = "TenantId";

    // Parents' tenants, shared by every store over one engine (decision 0410): the store that writes a parent row
    // records its tenant here, so a child written right after (the card posted about a new request, a check-in of a new
    // pair) needs no read of the parent. Keyed by table, partition and row; a parent's tenant never changes.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ITableEngine, ConcurrentDictionary<string, string>> Shared = new();

    private readonly IEntityTable _table = engine.GetTable(tableName);
    private readonly ConcurrentDictionary<string, string> _known = Shared.GetValue(engine, static _ => new(StringComparer.Ordinal));
    private readonly string _prefix = tableName + "\n" + partition + "\n";

    /// <summary>A parent row was just written with this tenant (null or empty: none, nothing to remember).</summary>
    public static void Written(ITableEngine engine, string tableName, string partition, TableEntity row)
    {
        if (row.GetString(Property) is { Length: > 0 } tenant)
        {
            Shared.GetValue(engine, static _ => new(StringComparer.Ordinal)).TryAdd(tableName + "\n" + partition + "\n" + row.RowKey, tenant);
        }
    }

    public static ParentTenant OfPrograms(ITableEngine engine) => new(engine, TableProgramStore.TableName, TableProgramStore.Partition);

    public static ParentTenant OfMentorships(ITableEngine engine) => new(engine, TableMentoringStore.TableName, TableMentoringStore.Partition);

    public Task<TableEntity> StampAsync(TableEntity entity, ProgramId program, CancellationToken cancellationToken) =>
        StampAsync(entity, TableKeys.Escape(program.Value), cancellationToken);

    public static ParentTenant OfRequests(ITableEngine engine) => OfMentorships(engine);

    public Task<TableEntity> StampAsync(TableEntity entity, RequestId request, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(request.Value)
            ? Task.FromResult(entity)
            : StampAsync(entity, TableMentoringStore.RequestRowKey(request), cancellationToken);

    public Task<TableEntity> StampAsync(TableEntity entity, MentorshipId mentorship, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(mentorship.Value)
            ? Task.FromResult(entity) // a message about no pairing (an intro of a request): nothing to inherit
            : StampAsync(entity, TableMentoringStore.MentorshipRowKey(mentorship), cancellationToken);

    /// <summary>The tenant stored on the program's row (null: none, a program from before tenants or no program).</summary>
    public async Task<string?> OfAsync(ProgramId program, CancellationToken cancellationToken)
    {
        var parentRow = TableKeys.Escape(program.Value);
        if (_known.TryGetValue(_prefix + parentRow, out var tenant))
        {
            return tenant;
        }

        if (await ReadAsync(parentRow, cancellationToken) is { Length: > 0 } stored)
        {
            _known.TryAdd(_prefix + parentRow, stored);
            return stored;
        }

        return null;
    }

    /// <summary>Copies a tenant already on a row being rewritten (a lease, a decision) without asking the parent again.</summary>
    public static TableEntity Stamp(TableEntity entity, string? tenant)
    {
        if (!string.IsNullOrWhiteSpace(tenant))
        {
            entity[Property] = tenant;
        }

        return entity;
    }

    private async Task<TableEntity> StampAsync(TableEntity entity, string parentRow, CancellationToken cancellationToken)
    {
        if (!_known.TryGetValue(_prefix + parentRow, out var tenant) && await ReadAsync(parentRow, cancellationToken) is { Length: > 0 } stored)
        {
            tenant = stored;
            _known.TryAdd(_prefix + parentRow, stored);
        }

        return Stamp(entity, tenant);
    }

    private async Task<string?> ReadAsync(string parentRow, CancellationToken cancellationToken)
    {
        try
        {
            return (await _table.GetAsync(partition, parentRow, cancellationToken))?.GetString(Property);
        }
        catch (InvalidOperationException)
        {
            // Only a store used on its own (a test, a tool) lacks the parent's table: the host creates every table at
            // start-up. No parent, no tenant to inherit, and the child's own write must not fail for it.
            return null;
        }
    }
}
