namespace MentorBot.Core.Persistence;

/// <summary>Why a write lost a race.</summary>
public enum ConcurrencyConflictKind
{
    /// <summary>An insert found a record with the same key already there.</summary>
    EntityExists,

    /// <summary>A conditional write carried an ETag that no longer matches: someone else wrote in between.</summary>
    PreconditionFailed,

    /// <summary>A conditional write targeted a record that someone else deleted in between.</summary>
    EntityMissing,
}

/// <summary>
/// A write was refused because the stored state is not what the caller based it on. Expected under concurrency:
/// re-read, re-apply the decision, and write again (or give up); never overwrite blindly.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException()
        : this(ConcurrencyConflictKind.PreconditionFailed, "The stored record changed since it was read.")
    {
    }

    public ConcurrencyConflictException(string message)
        : this(ConcurrencyConflictKind.PreconditionFailed, message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : this(ConcurrencyConflictKind.PreconditionFailed, message, null, innerException)
    {
    }

    public ConcurrencyConflictException(
        ConcurrencyConflictKind kind, string message, int? operationIndex = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        OperationIndex = operationIndex;
    }

    public ConcurrencyConflictKind Kind { get; }

    /// <summary>For an atomic batch, the 0-based index of the operation that conflicted (nothing was applied).</summary>
    public int? OperationIndex { get; }
}
