using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Requests;
using MentorBot.Core.Tenants;

namespace MentorBot.Bot.Storage.Profiles;

/// <summary>
/// The per-tenant change marker of the live matching index (decision 0185): one row per tenant whose ETag moves with
/// every profile write. Reading it is one point read, so an instance can ask "did anyone change who can be matched?"
/// every few seconds without reading a single profile. A move is a conditional write on the version read, so the
/// writer knows whether anyone else moved it in between.
/// </summary>
[HoldsNoPersonalData("One row per tenant with a counter: no person is named, only that some profile in the tenant changed.")]
internal sealed class TableMatchingChangeMarker(ITableEngine engine) : IMatchingChangeMarker
{
    public const string TableName = "matchingmarkers";
    private const string Partition = "tenant";
    private const string MovesProperty = "Moves";
    private const int MaxWriteAttempts = 8;

    private readonly IEntityTable _table = engine.GetTable(TableName);

    public async Task<string?> ReadAsync(TenantId? tenant, CancellationToken cancellationToken) =>
        (await _table.GetAsync(Partition, Row(tenant), cancellationToken))?.ETag?.Value;

    public async Task<MarkerMove> MoveAsync(TenantId? tenant, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await _table.GetAsync(Partition, Row(tenant), cancellationToken);
            var moves = current is not null && current.TryGet(MovesProperty, out var stored) ? stored.AsInt64() : 0;
            var next = new TableEntity(Partition, Row(tenant)) { [MovesProperty] = EntityProperty.Int64(moves + 1) };
            try
            {
                var etag = current?.ETag is { } ifMatch
                    ? await _table.ReplaceAsync(next, ifMatch, cancellationToken)
                    : await _table.InsertAsync(next, cancellationToken);
                return new MarkerMove(current?.ETag?.Value, etag.Value);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                // Another instance moved it at the same moment: the marker moved either way; move it once more so
                // this write has a version of its own to remember.
            }
        }
    }

    private static string Row(TenantId? tenant) => tenant is { } id ? TableKeys.Escape(id.Value) : "-";
}
