using MentorBot.Core.Persistence;

namespace MentorBot.Bot.Storage;

/// <summary>
/// What every engine's table does the same way, once: the checks <see cref="IEntityTable"/> promises before any I/O
/// (keys, entity, partition query, batch) and the single writes as one operation each (merge without an ETag is
/// insert-or-merge). An engine supplies only the I/O, already checked. Each engine had its own copy of all of this.
/// </summary>
internal abstract class EntityTable(string name) : IEntityTable
{
    public string Name => name;

    public abstract Task CreateIfNotExistsAsync(CancellationToken cancellationToken);

    public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        EntityRules.ValidateKeys(partitionKey, rowKey);
        return ReadAsync(partitionKey, rowKey, cancellationToken);
    }

    public Task<ETag> InsertAsync(TableEntity entity, CancellationToken cancellationToken) =>
        WriteOneAsync(BatchOperation.Insert(entity), cancellationToken);

    public Task<ETag> UpsertAsync(TableEntity entity, CancellationToken cancellationToken) =>
        WriteOneAsync(BatchOperation.Upsert(entity), cancellationToken);

    public Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken) =>
        WriteOneAsync(BatchOperation.Replace(entity, ifMatch), cancellationToken);

    public Task<ETag> MergeAsync(TableEntity entity, ETag? ifMatch, CancellationToken cancellationToken) =>
        WriteOneAsync(ifMatch is { } etag ? BatchOperation.Merge(entity, etag) : BatchOperation.InsertOrMerge(entity), cancellationToken);

    public Task<bool> DeleteAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken)
    {
        EntityRules.ValidateKeys(partitionKey, rowKey);
        return DeleteOneAsync(BatchOperation.Delete(partitionKey, rowKey, ifMatch), cancellationToken);
    }

    public Task<Page<TableEntity>> QueryAsync(
        string partitionKey, EntityFilter? filter, int? top, string? continuationToken, CancellationToken cancellationToken)
    {
        var pageSize = EntityRules.ValidatePartitionQuery(partitionKey, filter, top);
        return QueryPartitionAsync(partitionKey, filter, pageSize, continuationToken, cancellationToken);
    }

    public abstract Task<Page<TableEntity>> ScanAsync(string? continuationToken, CancellationToken cancellationToken);

    public Task<IReadOnlyList<ETag?>> ExecuteBatchAsync(IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken)
    {
        BatchOperation.ValidateBatch(operations);
        return WriteBatchAsync(operations, cancellationToken);
    }

    /// <summary>The entity at checked keys, or null.</summary>
    protected abstract Task<TableEntity?> ReadAsync(string partitionKey, string rowKey, CancellationToken cancellationToken);

    /// <summary>One checked write (any kind but delete): the new ETag, or a <see cref="ConcurrencyConflictException"/>.</summary>
    protected abstract Task<ETag> WriteAsync(BatchOperation op, CancellationToken cancellationToken);

    /// <summary>One delete at checked keys; false only when the entity was already gone and the ETag was <see cref="ETag.Any"/>.</summary>
    protected abstract Task<bool> DeleteOneAsync(BatchOperation delete, CancellationToken cancellationToken);

    /// <summary>One page of a checked partition query, at most <paramref name="pageSize"/> rows.</summary>
    protected abstract Task<Page<TableEntity>> QueryPartitionAsync(
        string partitionKey, EntityFilter? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>A checked batch (1 to 100 operations on one partition), all or nothing.</summary>
    protected abstract Task<IReadOnlyList<ETag?>> WriteBatchAsync(IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken);

    private Task<ETag> WriteOneAsync(BatchOperation op, CancellationToken cancellationToken)
    {
        EntityRules.ValidateEntity(op.Entity);
        return WriteAsync(op, cancellationToken);
    }
}
