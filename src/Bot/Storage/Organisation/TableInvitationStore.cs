using MentorBot.Core;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Invitations;
using MentorBot.Core.Tenants;

namespace MentorBot.Bot.Storage.Organisation;

/// <summary>
/// Invitation progress rows, one partition per program (row = person), stamped with the program's tenant (decision 0234).
/// Added in atomic batches of 100 that skip rows already there, so a repeated or resumed run never resets progress.
/// </summary>
internal sealed class TableInvitationStore(ITableEngine engine, DefaultTenant? legacy = null) : IInvitationStore, IPersonalDataStore
{
    public const string TableName = "invitations";

    private readonly IEntityTable _table = engine.GetTable(TableName);
    private readonly DefaultTenant _legacy = legacy ?? new DefaultTenant(null);

    public string Holds => "Whether each imported person was invited to a program (installed, link shared, pending, failed) and when.";

    public async Task<IReadOnlyList<Versioned<Invitation>>> ListAsync(ProgramId program, CancellationToken cancellationToken) =>
        (await _table.QueryAllAsync(TableKeys.Escape(program.Value), null, cancellationToken))
            .Select(row => new Versioned<Invitation>(
                new Invitation(
                    program,
                    new UserId(row["Person"].AsString()),
                    Enum.Parse<InvitationState>(row["State"].AsString()),
                    row["Attempts"].AsInt32(),
                    row["UpdatedAt"].AsDateTime()) { Tenant = _legacy.InCore(row.GetString(ParentTenant.Property)) },
                row.ETag ?? throw new InvalidDataException($"Invitation row {row.RowKey} came back without an ETag.")))
            .OrderBy(i => i.Value.Person.AadObjectId, StringComparer.Ordinal)
            .ToList();

    public async Task<int> AddMissingAsync(IReadOnlyList<Invitation> invitations, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var group in invitations.GroupBy(i => i.Program))
        {
            var existing = (await _table.QueryAllAsync(TableKeys.Escape(group.Key.Value), null, cancellationToken)).Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
            var missing = group.Where(i => !existing.Contains(TableKeys.Escape(i.Person.AadObjectId))).DistinctBy(i => i.Person).ToList();
            foreach (var chunk in missing.Chunk(EntityRules.MaxBatchOperations))
            {
                try
                {
                    await _table.ExecuteBatchAsync([.. chunk.Select(i => BatchOperation.Insert(ToEntity(i)))], cancellationToken);
                    added += chunk.Length;
                }
                catch (ConcurrencyConflictException)
                {
                    // Another run added some of these meanwhile: add the rest one by one.
                    foreach (var invitation in chunk)
                    {
                        try
                        {
                            await _table.InsertAsync(ToEntity(invitation), cancellationToken);
                            added++;
                        }
                        catch (ConcurrencyConflictException)
                        {
                        }
                    }
                }
            }
        }

        return added;
    }

    public Task<ETag> ReplaceAsync(Invitation invitation, ETag ifMatch, CancellationToken cancellationToken) =>
        _table.ReplaceAsync(ToEntity(invitation), ifMatch, cancellationToken);

    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var rows = await _table.ScanAllAsync(cancellationToken);
        return await ErasureRows.DeleteAsync(_table, rows.Where(r => r.GetString("Person") == subject.Person.AadObjectId), cancellationToken);
    }

    private TableEntity ToEntity(Invitation invitation)
    {
        var row = new TableEntity(TableKeys.Escape(invitation.Program.Value), TableKeys.Escape(invitation.Person.AadObjectId))
        {
            ["Person"] = invitation.Person.AadObjectId,
            ["State"] = invitation.State.ToString(),
            ["Attempts"] = invitation.Attempts,
            ["UpdatedAt"] = invitation.UpdatedAt,
        };
        return ParentTenant.Stamp(row, _legacy.Stored(invitation.Tenant)?.Value);
    }
}
