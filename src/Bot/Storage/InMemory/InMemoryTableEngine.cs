using MentorBot.Core.Persistence;

namespace MentorBot.Bot.Storage.InMemory;

/// <summary>
/// The engine in process memory, for fast tests of stores and services (swap it in for <see cref="ITableEngine"/>).
/// Passes the same contract suite as SQLite and Azure Table; data dies with the instance.
/// </summary>
internal sealed class InMemoryTableEngine(string tablePrefix, TimeProvider timeProvider) : ITableEngine
{
    private readonly Dictionary<string, InMemoryEntityTable.Rows> _tables = new(StringComparer.OrdinalIgnoreCase);

    public string Backend => "in-memory";

    public IEntityTable GetTable(string name)
    {
        var fullName = tablePrefix + name;
        EntityRules.ValidateTableName(fullName);
        return new InMemoryEntityTable(this, fullName);
    }

    internal DateTimeOffset Now() => timeProvider.GetUtcNow();

    internal void Create(string name)
    {
        lock (_tables)
        {
            _tables.TryAdd(name, new InMemoryEntityTable.Rows());
        }
    }

    internal InMemoryEntityTable.Rows Find(string name)
    {
        lock (_tables)
        {
            return _tables.TryGetValue(name, out var rows)
                ? rows
                : throw new InvalidOperationException($"Table {name} does not exist; tables are created at start-up (CreateIfNotExistsAsync).");
        }
    }
}

internal sealed class InMemoryEntityTable(InMemoryTableEngine engine, string name) : EntityTable(name)
{
    public override Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        engine.Create(Name);
        return Task.CompletedTask;
    }

    protected override Task<TableEntity?> ReadAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var rows = engine.Find(Name);
        lock (rows)
        {
            return Task.FromResult(rows.Get(partitionKey, rowKey)?.ToEntity(partitionKey, rowKey));
        }
    }

    protected override Task<bool> DeleteOneAsync(BatchOperation delete, CancellationToken cancellationToken)
    {
        var rows = engine.Find(Name);
        lock (rows)
        {
            return Task.FromResult(LocalWrite.Deleted(Apply(rows, delete).Result, delete));
        }
    }

    public override Task<Page<TableEntity>> ScanAsync(string? continuationToken, CancellationToken cancellationToken)
    {
        // The whole table in one page: memory holds what a test or a local run puts there.
        var rows = engine.Find(Name);
        lock (rows)
        {
            return Task.FromResult(new Page<TableEntity>(rows.All().Select(r => r.Row.ToEntity(r.PartitionKey, r.RowKey)).ToList(), null));
        }
    }

    protected override Task<Page<TableEntity>> QueryPartitionAsync(
        string partitionKey, EntityFilter? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var after = continuationToken is null ? null : ContinuationToken.Decode("m1", continuationToken, 1)[0];
        var rows = engine.Find(Name);
        lock (rows)
        {
            var items = new List<TableEntity>();
            var more = false;
            foreach (var (rowKey, row) in rows.Partition(partitionKey))
            {
                if (after is not null && string.CompareOrdinal(rowKey, after) <= 0)
                {
                    continue;
                }

                if (items.Count == pageSize)
                {
                    more = true;
                    break;
                }

                var entity = row.ToEntity(partitionKey, rowKey);
                if (filter is null || filter.Matches(entity))
                {
                    items.Add(entity);
                }
            }

            return Task.FromResult(new Page<TableEntity>(items, more ? ContinuationToken.Encode("m1", items[^1].RowKey) : null));
        }
    }

    protected override Task<IReadOnlyList<ETag?>> WriteBatchAsync(IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken)
    {
        var rows = engine.Find(Name);
        lock (rows)
        {
            var partitionKey = operations[0].Entity.PartitionKey;
            var snapshot = rows.Snapshot(partitionKey);
            return Task.FromResult<IReadOnlyList<ETag?>>(
                LocalWrite.ApplyAll(operations, op => Apply(rows, op), () => rows.Restore(partitionKey, snapshot)));
        }
    }

    protected override Task<ETag> WriteAsync(BatchOperation op, CancellationToken cancellationToken)
    {
        var rows = engine.Find(Name);
        lock (rows)
        {
            return Task.FromResult(LocalWrite.Written(Apply(rows, op), op));
        }
    }

    private (WriteResult Result, ETag ETag) Apply(Rows rows, BatchOperation op)
    {
        var pk = op.Entity.PartitionKey;
        var rk = op.Entity.RowKey;
        var existing = rows.Get(pk, rk);
        if (op.Kind == BatchOperationKind.Insert && existing is not null)
        {
            return (WriteResult.Exists, default);
        }

        if (op.IfMatch is { } ifMatch)
        {
            if (existing is null)
            {
                return (WriteResult.Missing, default);
            }

            if (!ifMatch.IsAny && existing.ETag != ifMatch)
            {
                return (WriteResult.Stale, default);
            }
        }

        if (op.Kind == BatchOperationKind.Delete)
        {
            rows.Remove(pk, rk);
            return (WriteResult.Written, default);
        }

        var properties = op.Kind is BatchOperationKind.Merge or BatchOperationKind.InsertOrMerge && existing is not null
            ? new Dictionary<string, EntityProperty>(existing.Properties, StringComparer.Ordinal)
            : new Dictionary<string, EntityProperty>(StringComparer.Ordinal);
        foreach (var (key, value) in op.Entity.Properties)
        {
            properties[key] = value;
        }

        var etag = new ETag($"W/\"{Guid.NewGuid():N}\"");
        rows.Set(pk, rk, new Row(etag, engine.Now(), properties));
        return (WriteResult.Written, etag);
    }

    internal sealed record Row(ETag ETag, DateTimeOffset Timestamp, IReadOnlyDictionary<string, EntityProperty> Properties)
    {
        public TableEntity ToEntity(string partitionKey, string rowKey)
        {
            var entity = new TableEntity(partitionKey, rowKey) { ETag = ETag, Timestamp = Timestamp };
            foreach (var (key, value) in Properties)
            {
                entity.Properties[key] = value;
            }

            return entity;
        }
    }

    /// <summary>Rows by partition then row key, ordinal; callers lock the instance.</summary>
    internal sealed class Rows
    {
        private readonly Dictionary<string, SortedDictionary<string, Row>> _partitions = new(StringComparer.Ordinal);

        public Row? Get(string partitionKey, string rowKey) =>
            _partitions.TryGetValue(partitionKey, out var partition) && partition.TryGetValue(rowKey, out var row) ? row : null;

        public void Set(string partitionKey, string rowKey, Row row)
        {
            if (!_partitions.TryGetValue(partitionKey, out var partition))
            {
                partition = new SortedDictionary<string, Row>(StringComparer.Ordinal);
                _partitions[partitionKey] = partition;
            }

            partition[rowKey] = row;
        }

        public void Remove(string partitionKey, string rowKey)
        {
            if (_partitions.TryGetValue(partitionKey, out var partition))
            {
                partition.Remove(rowKey);
            }
        }

        public IEnumerable<KeyValuePair<string, Row>> Partition(string partitionKey) =>
            _partitions.TryGetValue(partitionKey, out var partition) ? partition : [];

        public IEnumerable<(string PartitionKey, string RowKey, Row Row)> All() =>
            _partitions.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Select(r => (p.Key, r.Key, r.Value)));

        public SortedDictionary<string, Row> Snapshot(string partitionKey) =>
            new(_partitions.TryGetValue(partitionKey, out var partition) ? partition : new SortedDictionary<string, Row>(StringComparer.Ordinal), StringComparer.Ordinal);

        public void Restore(string partitionKey, SortedDictionary<string, Row> snapshot) => _partitions[partitionKey] = snapshot;
    }
}
