namespace MentorBot.Core.Persistence;

/// <summary>
/// The store behind a port could not be reached (outage, throttling). Not a bug in the caller: the host answers
/// 503 with <see cref="RetryAfter"/> so the work can be tried again.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
        : this("The store is unavailable.")
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageUnavailableException(string message, TimeSpan? retryAfter, Exception? innerException = null)
        : base(message, innerException) => RetryAfter = retryAfter;

    /// <summary>How long the store asked us to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
