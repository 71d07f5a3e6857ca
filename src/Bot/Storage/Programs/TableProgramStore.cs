using System.Text.Json;
using MentorBot.Core.Persistence;
using MentorBot.Core.Programs;
using MentorBot.Core.Tenants;
using MentorBot.Core.Privacy;
using MentorBot.Core;

namespace MentorBot.Bot.Storage.Programs;

/// <summary>
/// A tenant's programs in one partition (row = program id), stored whole as JSON with the name as a property.
/// A tenant runs a handful of programs, so listing reads the partition and sorts in memory (decision 0100). The
/// tenant is the <c>TenantId</c> property (not in the JSON); a program from before tenants is the default tenant's (0231).
/// </summary>
internal sealed partial class TableProgramStore(ITableEngine engine, DefaultTenant? legacy = null) : IProgramStore, IPersonalDataStore
{
    public const string TableName = "programs";
    internal const string Partition = "program";

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly DefaultTenant _legacy = legacy ?? new DefaultTenant(null);

    public async Task<Versioned<MentoringProgram>?> GetAsync(ProgramId id, CancellationToken cancellationToken) =>
        await _table.GetAsync(Partition, TableKeys.Escape(id.Value), cancellationToken) is { } entity ? ToProgram(entity) : null;

    public async Task<IReadOnlyList<Versioned<MentoringProgram>>> ListAsync(CancellationToken cancellationToken) =>
        (await _table.QueryAllAsync(Partition, null, cancellationToken))
            .Select(ToProgram)
            .OrderBy(p => p.Value.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(p => p.Value.Id.Value, StringComparer.Ordinal)
            .ToList();

    public Task<ETag> InsertAsync(MentoringProgram program, CancellationToken cancellationToken) =>
        _table.InsertAsync(ToEntity(program), cancellationToken);

    public Task<ETag> ReplaceAsync(MentoringProgram program, ETag ifMatch, CancellationToken cancellationToken) =>
        _table.ReplaceAsync(ToEntity(program), ifMatch, cancellationToken);

    public Task DeleteAsync(ProgramId id, ETag ifMatch, CancellationToken cancellationToken) =>
        _table.DeleteAsync(Partition, TableKeys.Escape(id.Value), ifMatch, cancellationToken);

    private TableEntity ToEntity(MentoringProgram program)
    {
        // The tenant lives in its own property only, where filters and Storage Explorer can see it.
        var entity = new TableEntity(Partition, TableKeys.Escape(program.Id.Value))
        {
            ["Name"] = program.Name,
            ["Json"] = JsonSerializer.Serialize(program with { Tenant = null }, ProgramsJsonContext.Default.MentoringProgram),
        };
        if (_legacy.Stored(program.Tenant) is { } tenant)
        {
            entity["TenantId"] = tenant.Value;
        }

        return entity;
    }

    private Versioned<MentoringProgram> ToProgram(TableEntity entity)
    {
        var program = JsonSerializer.Deserialize(entity["Json"].AsString(), ProgramsJsonContext.Default.MentoringProgram)
            ?? throw new InvalidDataException($"Program row {entity.RowKey} holds no program.");
        return new(
            program with { Tenant = _legacy.InCore(entity.GetString("TenantId")) },
            entity.ETag ?? throw new InvalidDataException($"Program row {entity.RowKey} came back without an ETag."));
    }
}
