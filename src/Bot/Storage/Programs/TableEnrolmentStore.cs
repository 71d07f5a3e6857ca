using System.Text.Json;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Privacy;
using MentorBot.Core;

namespace MentorBot.Bot.Storage.Programs;

/// <summary>
/// Enrolments with one partition per program (row = person), so "everyone in this program" is one partition query
/// and an import's rows for one program could share a batch. Each row carries its program's <c>TenantId</c> (decision 0234).
/// </summary>
internal sealed partial class TableEnrolmentStore(ITableEngine engine) : IEnrolmentStore, IPersonalDataStore
{
    public const string TableName = "enrolments";

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly ParentTenant _tenant = ParentTenant.OfPrograms(engine);

    public async Task<Versioned<Enrolment>?> GetAsync(ProgramId program, UserId person, CancellationToken cancellationToken) =>
        await _table.GetAsync(TableKeys.Escape(program.Value), TableKeys.Escape(person.AadObjectId), cancellationToken) is { } entity
            ? ToEnrolment(entity)
            : null;

    public async Task<IReadOnlyList<Versioned<Enrolment>>> ListAsync(ProgramId program, CancellationToken cancellationToken) =>
        (await _table.QueryAllAsync(TableKeys.Escape(program.Value), null, cancellationToken))
            .Select(ToEnrolment)
            .OrderBy(e => e.Value.Person.AadObjectId, StringComparer.Ordinal)
            .ToList();

    public async Task<ETag> InsertAsync(Enrolment enrolment, CancellationToken cancellationToken) =>
        await _table.InsertAsync(await _tenant.StampAsync(ToEntity(enrolment), enrolment.Program, cancellationToken), cancellationToken);

    public async Task<ETag> ReplaceAsync(Enrolment enrolment, ETag ifMatch, CancellationToken cancellationToken) =>
        await _table.ReplaceAsync(await _tenant.StampAsync(ToEntity(enrolment), enrolment.Program, cancellationToken), ifMatch, cancellationToken);

    private static TableEntity ToEntity(Enrolment enrolment) =>
        new(TableKeys.Escape(enrolment.Program.Value), TableKeys.Escape(enrolment.Person.AadObjectId))
        {
            ["State"] = enrolment.State.ToString(),
            ["Json"] = JsonSerializer.Serialize(enrolment, ProgramsJsonContext.Default.Enrolment),
        };

    private static Versioned<Enrolment> ToEnrolment(TableEntity entity) => new(
        JsonSerializer.Deserialize(entity["Json"].AsString(), ProgramsJsonContext.Default.Enrolment)
            ?? throw new InvalidDataException($"Enrolment row {entity.RowKey} holds no enrolment."),
        entity.ETag ?? throw new InvalidDataException($"Enrolment row {entity.RowKey} came back without an ETag."));
}
