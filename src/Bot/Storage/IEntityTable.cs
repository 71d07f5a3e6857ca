using MentorBot.Core.Persistence;

namespace MentorBot.Bot.Storage;

/// <summary>
/// The storage engine behind every Core store port: Azure Table semantics (partition + row key, typed properties,
/// ETag per write, atomic single-partition batches) implemented by the Azure Table REST adapter and by SQLite.
/// Both pass one contract suite (<c>MentorBot.Storage.Tests</c>); a store written against this behaves the same on both.
/// </summary>
internal interface ITableEngine
{
    /// <summary>Short backend name for logs and health output (<c>sqlite</c>, <c>azure-table</c>).</summary>
    string Backend { get; }

    /// <summary>The table <c>{prefix}{name}</c>; <paramref name="name"/> is the logical name a store owns.</summary>
    IEntityTable GetTable(string name);
}

/// <summary>
/// One table. Errors: <see cref="ConcurrencyConflictException"/> for lost races (insert on an existing key, stale
/// ETag, entity deleted under a conditional write), <see cref="StorageUnavailableException"/> once retries are
/// exhausted, <see cref="InvalidEntityException"/> for anything storage would refuse, before any I/O.
/// </summary>
internal interface IEntityTable
{
    string Name { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken);

    Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken);

    Task<ETag> InsertAsync(TableEntity entity, CancellationToken cancellationToken);

    /// <summary>Insert or replace: unconditional, last writer wins. Only for data nobody else edits concurrently.</summary>
    Task<ETag> UpsertAsync(TableEntity entity, CancellationToken cancellationToken);

    /// <summary>Replaces every property when the entity is at <paramref name="ifMatch"/> (or exists, for <see cref="ETag.Any"/>).</summary>
    Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the given properties and keeps the others. With <paramref name="ifMatch"/> null this is insert-or-merge;
    /// otherwise the entity must exist at that version.
    /// </summary>
    Task<ETag> MergeAsync(TableEntity entity, ETag? ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes when the entity is at <paramref name="ifMatch"/>. Returns false when it was already gone and
    /// <paramref name="ifMatch"/> is <see cref="ETag.Any"/>; with a specific ETag a missing entity is a conflict.
    /// </summary>
    Task<bool> DeleteAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a partition in row-key order. <paramref name="top"/> defaults to (and may not exceed) 1000. Keep
    /// calling with the returned token until it is null; pages may be short or empty before the end.
    /// </summary>
    Task<Page<TableEntity>> QueryAsync(
        string partitionKey, EntityFilter? filter, int? top, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>
    /// Every row of the table, all partitions, in pages. For erasure and audits only (it reads the whole table): keep
    /// calling with the returned token until it is null; pages may be short or empty before the end.
    /// </summary>
    Task<Page<TableEntity>> ScanAsync(string? continuationToken, CancellationToken cancellationToken);

    /// <summary>
    /// Applies up to 100 operations on one partition atomically: all or nothing. Returns each operation's new ETag
    /// (null for deletes). A conflict names the failing operation in <see cref="ConcurrencyConflictException.OperationIndex"/>.
    /// </summary>
    Task<IReadOnlyList<ETag?>> ExecuteBatchAsync(IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken);
}

internal enum BatchOperationKind
{
    Insert,
    Upsert,
    InsertOrMerge,
    Replace,
    Merge,
    Delete,
}

/// <summary>One write in an atomic batch; built with the factory methods.</summary>
internal sealed record BatchOperation
{
    private BatchOperation(BatchOperationKind kind, TableEntity entity, ETag? ifMatch)
    {
        Kind = kind;
        Entity = entity;
        IfMatch = ifMatch;
    }

    public BatchOperationKind Kind { get; }

    /// <summary>For deletes only the keys matter.</summary>
    public TableEntity Entity { get; }

    public ETag? IfMatch { get; }

    public static BatchOperation Insert(TableEntity entity) => new(BatchOperationKind.Insert, entity, null);

    public static BatchOperation Upsert(TableEntity entity) => new(BatchOperationKind.Upsert, entity, null);

    public static BatchOperation InsertOrMerge(TableEntity entity) => new(BatchOperationKind.InsertOrMerge, entity, null);

    public static BatchOperation Replace(TableEntity entity, ETag ifMatch) => new(BatchOperationKind.Replace, entity, ifMatch);

    public static BatchOperation Merge(TableEntity entity, ETag ifMatch) => new(BatchOperationKind.Merge, entity, ifMatch);

    public static BatchOperation Delete(string partitionKey, string rowKey, ETag ifMatch) =>
        new(BatchOperationKind.Delete, new TableEntity(partitionKey, rowKey), ifMatch);

    public static void ValidateBatch(IReadOnlyList<BatchOperation> operations)
    {
        if (operations.Count == 0 || operations.Count > EntityRules.MaxBatchOperations)
        {
            throw new InvalidEntityException(
                $"A batch holds 1 to {EntityRules.MaxBatchOperations} operations; this one has {operations.Count}.", nameof(operations));
        }

        var partitionKey = operations[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            if (op.Kind == BatchOperationKind.Delete)
            {
                EntityRules.ValidateKeys(op.Entity.PartitionKey, op.Entity.RowKey);
            }
            else
            {
                EntityRules.ValidateEntity(op.Entity);
            }

            if (!string.Equals(op.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new InvalidEntityException($"Batch operation {i} is in partition '{op.Entity.PartitionKey}', not '{partitionKey}'.", nameof(operations));
            }

            if (!rowKeys.Add(op.Entity.RowKey))
            {
                throw new InvalidEntityException($"Batch operation {i} touches row '{op.Entity.RowKey}' a second time.", nameof(operations));
            }
        }
    }
}
