using System.Globalization;
using System.Text.Json;
using MentorBot.Core.Persistence;
using MentorBot.Core.Programs;
using MentorBot.Core.Privacy;
using MentorBot.Core;

namespace MentorBot.Bot.Storage.Programs;

/// <summary>
/// Concerns and their audit entries in one partition per program: a decision replaces the concern (by ETag) and
/// inserts its audit row in one atomic batch, so a state change can never exist without its explanation. Audit rows
/// are only ever inserted, never upserted: an existing row cannot be overwritten. Concern and audit rows carry their
/// program's <c>TenantId</c> (decision 0234).
/// </summary>
internal sealed partial class TableConcernStore(ITableEngine engine) : IConcernStore, IPersonalDataStore
{
    public const string TableName = "concerns";
    private const string ConcernKind = "concern";
    private const string AuditKind = "audit";

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly ParentTenant _tenant = ParentTenant.OfPrograms(engine);

    public async Task<ETag> AddAsync(Concern concern, CancellationToken cancellationToken) =>
        await _table.InsertAsync(await _tenant.StampAsync(ToEntity(concern), concern.Program, cancellationToken), cancellationToken);

    public async Task<Versioned<Concern>?> GetAsync(ProgramId program, ConcernId id, CancellationToken cancellationToken) =>
        await _table.GetAsync(TableKeys.Escape(program.Value), ConcernRow(id), cancellationToken) is { } entity ? ToConcern(entity) : null;

    public async Task<IReadOnlyList<Versioned<Concern>>> ListAsync(ProgramId program, CancellationToken cancellationToken) =>
        (await _table.QueryAllAsync(TableKeys.Escape(program.Value), EntityFilter.Equal("Kind", EntityProperty.String(ConcernKind)), cancellationToken))
            .Select(ToConcern)
            .OrderBy(c => c.Value.RaisedAt)
            .ThenBy(c => c.Value.Id.Value, StringComparer.Ordinal)
            .ToList();

    public async Task<ETag> SaveAsync(Concern concern, ETag ifMatch, ConcernAuditEntry audit, CancellationToken cancellationToken)
    {
        if (audit.Concern != concern.Id || audit.Program != concern.Program)
        {
            throw new ArgumentException("The audit entry belongs to another concern.", nameof(audit));
        }

        // Numbered, not timestamped: the number orders the trail even within one clock tick, and two owners deciding at
        // once would both claim the same number, so the insert fails whenever the ETag check would.
        var number = (await AuditRowsAsync(concern.Program, concern.Id, cancellationToken)).Count + 1;
        var row = await _tenant.StampAsync(ToEntity(concern), concern.Program, cancellationToken);
        var trail = ParentTenant.Stamp(ToEntity(audit, number), row.GetString(ParentTenant.Property));
        var etags = await _table.ExecuteBatchAsync([BatchOperation.Replace(row, ifMatch), BatchOperation.Insert(trail)], cancellationToken);
        return etags[0] ?? throw new InvalidDataException("The batch returned no ETag for the concern.");
    }

    public async Task<IReadOnlyList<ConcernAuditEntry>> ListAuditAsync(ProgramId program, ConcernId id, CancellationToken cancellationToken) =>
        (await AuditRowsAsync(program, id, cancellationToken))
            .OrderBy(e => e.RowKey, StringComparer.Ordinal)
            .Select(e => JsonSerializer.Deserialize(e["Json"].AsString(), ProgramsJsonContext.Default.ConcernAuditEntry)!)
            .ToList();

    private async Task<List<TableEntity>> AuditRowsAsync(ProgramId program, ConcernId id, CancellationToken cancellationToken) =>
        (await _table.QueryAllAsync(TableKeys.Escape(program.Value), EntityFilter.Equal("Concern", EntityProperty.String(id.Value)), cancellationToken))
            .Where(e => e.GetString("Kind") == AuditKind)
            .ToList();

    private static string ConcernRow(ConcernId id) => TableKeys.Escape($"c|{id.Value}");

    private static TableEntity ToEntity(Concern concern) => new(TableKeys.Escape(concern.Program.Value), ConcernRow(concern.Id))
    {
        ["Kind"] = ConcernKind,
        ["Concern"] = concern.Id.Value,
        ["State"] = concern.State.ToString(),
        ["Json"] = JsonSerializer.Serialize(concern, ProgramsJsonContext.Default.Concern),
    };

    private static TableEntity ToEntity(ConcernAuditEntry audit, int number) => new(
        TableKeys.Escape(audit.Program.Value),
        TableKeys.Escape(string.Create(CultureInfo.InvariantCulture, $"a|{audit.Concern.Value}|{number:D6}")))
    {
        ["Kind"] = AuditKind,
        ["Concern"] = audit.Concern.Value,
        ["Json"] = JsonSerializer.Serialize(audit, ProgramsJsonContext.Default.ConcernAuditEntry),
    };

    private static Versioned<Concern> ToConcern(TableEntity entity) => new(
        JsonSerializer.Deserialize(entity["Json"].AsString(), ProgramsJsonContext.Default.Concern)
            ?? throw new InvalidDataException($"Concern row {entity.RowKey} holds no concern."),
        entity.ETag ?? throw new InvalidDataException($"Concern row {entity.RowKey} came back without an ETag."));
}
