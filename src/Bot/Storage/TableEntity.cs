using MentorBot.Core.Persistence;

namespace MentorBot.Bot.Storage;

/// <summary>
/// A row as both adapters see it: keys, typed properties, and (when read back) the version and server timestamp.
/// Property names are case-sensitive, as in Azure Table.
/// </summary>
internal sealed class TableEntity
{
    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>The version this entity was read at; null for an entity built in code.</summary>
    public ETag? ETag { get; init; }

    /// <summary>When storage last wrote the entity; ignored on writes.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    public Dictionary<string, EntityProperty> Properties { get; } = new(StringComparer.Ordinal);

    public EntityProperty this[string name]
    {
        get => Properties[name];
        set => Properties[name] = value;
    }

    public bool TryGet(string name, out EntityProperty value) => Properties.TryGetValue(name, out value);

    public string? GetString(string name) => Properties.TryGetValue(name, out var p) ? p.AsString() : null;

    public TableEntity WithVersion(ETag etag, DateTimeOffset? timestamp)
    {
        var copy = new TableEntity(PartitionKey, RowKey) { ETag = etag, Timestamp = timestamp };
        foreach (var (name, value) in Properties)
        {
            copy.Properties[name] = value;
        }

        return copy;
    }
}
