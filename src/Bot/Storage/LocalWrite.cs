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
/// The conflict both self-checking engines raise for a write that did not apply: one kind and message for both, where
/// each engine had its own copy.
/// </summary>
internal static class LocalWrite
{
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
