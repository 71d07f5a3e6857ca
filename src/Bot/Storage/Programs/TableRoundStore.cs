using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Core.Persistence;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Privacy;
using MentorBot.Core;

namespace MentorBot.Bot.Storage.Programs;

/// <summary>
/// Program rounds in the programs table, one partition per program (<c>round|{program id}</c>, row = round id), each
/// stored whole as JSON with its state as a property. Sharing the table keeps rounds next to their program and needs
/// no new table (decision 0210). Each row carries its program's <c>TenantId</c> (decision 0234).
/// </summary>
internal sealed partial class TableRoundStore(ITableEngine engine) : IRoundStore, IPersonalDataStore
{
    private readonly IEntityTable _table = engine.GetTable(TableProgramStore.TableName);
    private readonly ParentTenant _tenant = ParentTenant.OfPrograms(engine);

    public async Task<Versioned<ProgramRound>?> GetAsync(ProgramId program, RoundId id, CancellationToken cancellationToken) =>
        await _table.GetAsync(Partition(program), TableKeys.Escape(id.Value), cancellationToken) is { } entity ? ToRound(entity) : null;

    public async Task<ETag> InsertAsync(ProgramRound round, CancellationToken cancellationToken) =>
        await _table.InsertAsync(await _tenant.StampAsync(ToEntity(round), round.Program, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Versioned<ProgramRound>>> ListAsync(ProgramId program, CancellationToken cancellationToken)
    {
        var tenant = await _tenant.OfAsync(program, cancellationToken);
        return (await _table.QueryAllAsync(Partition(program), null, cancellationToken))
            .Where(row => row.GetString(ParentTenant.Property) is not { Length: > 0 } stamped || stamped == tenant)
            .Select(ToRound)
            .OrderByDescending(r => r.Value.PreparedAt)
            .ThenByDescending(r => r.Value.Id.Value, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<ETag> ReplaceAsync(ProgramRound round, ETag ifMatch, CancellationToken cancellationToken) =>
        await _table.ReplaceAsync(await _tenant.StampAsync(ToEntity(round), round.Program, cancellationToken), ifMatch, cancellationToken);

    private static string Partition(ProgramId program) => "round|" + TableKeys.Escape(program.Value);

    private static TableEntity ToEntity(ProgramRound round) => new(Partition(round.Program), TableKeys.Escape(round.Id.Value))
    {
        ["State"] = round.State.ToString(),
        ["Json"] = JsonSerializer.Serialize(round, RoundsJsonContext.Default.ProgramRound),
    };

    private static Versioned<ProgramRound> ToRound(TableEntity entity) => new(
        JsonSerializer.Deserialize(entity["Json"].AsString(), RoundsJsonContext.Default.ProgramRound)
            ?? throw new InvalidDataException($"Round row {entity.RowKey} holds no round."),
        entity.ETag ?? throw new InvalidDataException($"Round row {entity.RowKey} came back without an ETag."));
}

/// <summary>Rounds stored whole as JSON (enums by name).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProgramRound))]
internal sealed partial class RoundsJsonContext : JsonSerializerContext;
