using MentorBot.Core.Persistence;

namespace MentorBot.Bot.Storage;

/// <summary>How a single write went in an engine that checks ETags itself (SQLite, in-memory).</summary>
internal enum WriteResult
{
    Written,
    Exists,
    Missing,
    Stale,
}

/// <summary>
/// What both self-checking engines do with a write's <see cref="WriteResult"/>: the conflict they raise for a write that
/// did not apply (one kind and message for both), a delete's answer, and a batch's all-or-nothing loop, where each engine
/// had its own copy.
/// </summary>
internal static class LocalWrite
{
    /// <summary>The new ETag of a single write, or the conflict when it did not apply.</summary>
    public static ETag Written((WriteResult Result, ETag ETag) write, BatchOperation op) =>
        write.Result == WriteResult.Written ? write.ETag : throw Conflict(write.Result, op, null);

    /// <summary>True when the delete removed the entity; false when it was already gone and the ETag was "any".</summary>
    public static bool Deleted(WriteResult result, BatchOperation delete) => result switch
    {
        WriteResult.Written => true,
        WriteResult.Missing when delete.IfMatch is { IsAny: true } => false,
        _ => throw Conflict(result, delete, null),
    };

    /// <summary>
    /// Applies a batch in order. At the first operation that does not apply, <paramref name="rollback"/> undoes the
    /// ones before and its conflict is thrown, naming its index. Deletes answer a null ETag.
    /// </summary>
    public static ETag?[] ApplyAll(
        IReadOnlyList<BatchOperation> operations, Func<BatchOperation, (WriteResult Result, ETag ETag)> apply, Action rollback)
    {
        var etags = new ETag?[operations.Count];
        for (var i = 0; i < operations.Count; i++)
        {
            var (result, etag) = apply(operations[i]);
            if (result != WriteResult.Written)
            {
                rollback();
                throw Conflict(result, operations[i], i);
            }

            etags[i] = operations[i].Kind == BatchOperationKind.Delete ? null : etag;
        }

        return etags;
    }

    public static ConcurrencyConflictException Conflict(WriteResult result, BatchOperation op, int? index)
    {
        var where = index is { } i ? $"Batch operation {i}: " : string.Empty;
        var keys = $"({op.Entity.PartitionKey}, {op.Entity.RowKey})";
        return result switch
        {
            WriteResult.Exists => new(ConcurrencyConflictKind.EntityExists, $"{where}Entity {keys} already exists.", index),
            WriteResult.Missing => new(ConcurrencyConflictKind.EntityMissing, $"{where}Entity {keys} does not exist.", index),
            _ => new(ConcurrencyConflictKind.PreconditionFailed, $"{where}Entity {keys} changed since ETag {op.IfMatch} was read.", index),
        };
    }
}
