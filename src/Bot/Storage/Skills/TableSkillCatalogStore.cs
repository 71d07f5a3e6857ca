using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;

namespace MentorBot.Bot.Storage.Skills;

/// <summary>
/// Each tenant's catalog layer in its own partition (decision 0450): the <c>layer</c> row (the layer as JSON, cut into
/// chunks under the 64 KiB property limit), the <c>marker</c> row other instances point-read to learn of a change,
/// and one <c>audit|…</c> row per change, newest first by row key. A save writes all three in one atomic batch on the
/// version read, so a stale save writes nothing, and a change is never without its audit entry or marker move.
/// Works on every table engine (SQLite, Azure Table, in memory).
/// </summary>
internal sealed class TableSkillCatalogStore(ITableEngine engine) : ISkillCatalogStore, IPersonalDataStore
{
    public const string TableName = "skillcatalogs";
    private const string LayerRow = "layer";
    private const string MarkerRow = "marker";
    private const string AuditPrefix = "audit|";
    private const int ChunkLength = 30_000;

    private readonly IEntityTable _table = engine.GetTable(TableName);

    public string Holds => "The skill catalog's audit trail: which owner (Entra object id) added, retired or merged which skill, and when.";

    public async Task<StoredSkillCatalog?> GetAsync(TenantId? tenant, CancellationToken cancellationToken)
    {
        var partition = Partition(tenant);
        var layer = await _table.GetAsync(partition, LayerRow, cancellationToken);
        if (layer is null)
        {
            return null;
        }

        var marker = await _table.GetAsync(partition, MarkerRow, cancellationToken);
        var chunks = layer["Chunks"].AsInt32();
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(layer[Chunk(i)].AsString());
        }

        var read = JsonSerializer.Deserialize(json.ToString(), SkillCatalogJsonContext.Default.SkillCatalogLayer)
            ?? throw new InvalidDataException("The skill catalog layer row holds no layer.");
        return new StoredSkillCatalog(read, layer.ETag!.Value, marker?.ETag?.Value ?? string.Empty);
    }

    public async Task<string?> ReadMarkerAsync(TenantId? tenant, CancellationToken cancellationToken) =>
        (await _table.GetAsync(Partition(tenant), MarkerRow, cancellationToken))?.ETag?.Value;

    public async Task<StoredSkillCatalog> SaveAsync(TenantId? tenant, SkillCatalogLayer layer, ETag? ifMatch, SkillCatalogAuditEntry audit, CancellationToken cancellationToken)
    {
        var partition = Partition(tenant);
        var json = JsonSerializer.Serialize(layer, SkillCatalogJsonContext.Default.SkillCatalogLayer);
        var row = new TableEntity(partition, LayerRow);
        var chunks = 0;
        for (var at = 0; at < json.Length; at += ChunkLength, chunks++)
        {
            row[Chunk(chunks)] = json.Substring(at, Math.Min(ChunkLength, json.Length - at));
        }

        row["Chunks"] = chunks;
        var marker = new TableEntity(partition, MarkerRow) { ["Version"] = Guid.NewGuid().ToString("N") };
        var auditRow = new TableEntity(partition, AuditKey(audit.At))
        {
            ["Actor"] = audit.Actor,
            ["Json"] = JsonSerializer.Serialize(audit, SkillCatalogJsonContext.Default.SkillCatalogAuditEntry),
        };
        var etags = await _table.ExecuteBatchAsync(
            [
                ifMatch is { } version ? BatchOperation.Replace(row, version) : BatchOperation.Insert(row),
                BatchOperation.Upsert(marker),
                BatchOperation.Insert(auditRow),
            ],
            cancellationToken);
        return new StoredSkillCatalog(layer, etags[0]!.Value, etags[1]!.Value.Value);
    }

    public async Task<IReadOnlyList<SkillCatalogAuditEntry>> ListAuditAsync(TenantId? tenant, int max, CancellationToken cancellationToken)
    {
        var page = await _table.QueryAsync(Partition(tenant), EntityFilter.RowKeyStartsWith(AuditPrefix), Math.Clamp(max, 1, 1000), null, cancellationToken);
        return [.. page.Items.Select(r => JsonSerializer.Deserialize(r["Json"].AsString(), SkillCatalogJsonContext.Default.SkillCatalogAuditEntry)!)];
    }

    /// <summary>An owner being forgotten stays in the trail as "forgotten": the trail still shows that someone acted, and when.</summary>
    public async Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        var changed = 0;
        var person = subject.Person.AadObjectId;
        foreach (var row in (await _table.ScanAllAsync(cancellationToken)).Where(r => r.RowKey.StartsWith(AuditPrefix, StringComparison.Ordinal) && r.GetString("Actor") == person))
        {
            changed += await ErasureRows.RewriteAsync(_table, row, current =>
            {
                var entry = JsonSerializer.Deserialize(current["Json"].AsString(), SkillCatalogJsonContext.Default.SkillCatalogAuditEntry)!;
                if (entry.Actor != person)
                {
                    return null;
                }

                var forgotten = ForgetMeService.Forgotten.AadObjectId;
                current["Actor"] = forgotten;
                current["Json"] = JsonSerializer.Serialize(entry with { Actor = forgotten }, SkillCatalogJsonContext.Default.SkillCatalogAuditEntry);
                return current;
            }, cancellationToken) ? 1 : 0;
        }

        return changed;
    }

    private static string Partition(TenantId? tenant) => tenant is { } id ? TableKeys.Escape(id.Value) : "-";

    private static string Chunk(int index) => "Json" + index.ToString(CultureInfo.InvariantCulture);

    // Newest first in row-key order; the random tail keeps two changes in one tick apart.
    private static string AuditKey(DateTimeOffset at) =>
        AuditPrefix + (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + Guid.NewGuid().ToString("N")[..8];
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SkillCatalogLayer))]
[JsonSerializable(typeof(SkillCatalogAuditEntry))]
internal sealed partial class SkillCatalogJsonContext : JsonSerializerContext;
