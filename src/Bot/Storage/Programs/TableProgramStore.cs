using System.Text.Json;
using MentorBot.Core.Persistence;
using MentorBot.Core.Programs;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage.Programs;

/// <summary>
/// A tenant's programs in one partition (row = program id), stored whole as JSON with the name as a property.
/// A tenant runs a handful of programs, so listing reads the partition and sorts in memory (decision 0100).
/// </summary>
internal sealed partial class TableProgramStore(ITableEngine engine) : IProgramStore, IPersonalDataStore
{
    public const string TableName = "programs";
    private const string Partition = "program";

    private readonly IEntityTable _table = engine.GetTable(TableName);

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

    private static TableEntity ToEntity(MentoringProgram program) => new(Partition, TableKeys.Escape(program.Id.Value))
    {
        ["Name"] = program.Name,
        ["Json"] = JsonSerializer.Serialize(program, ProgramsJsonContext.Default.MentoringProgram),
    };

    private static Versioned<MentoringProgram> ToProgram(TableEntity entity) => new(
        JsonSerializer.Deserialize(entity["Json"].AsString(), ProgramsJsonContext.Default.MentoringProgram)
            ?? throw new InvalidDataException($"Program row {entity.RowKey} holds no program."),
        entity.ETag ?? throw new InvalidDataException($"Program row {entity.RowKey} came back without an ETag."));
}
