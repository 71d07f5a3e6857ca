namespace MentorBot.Core.Persistence;

/// <summary>
/// Storage could not be reached or kept failing after the adapter's bounded retries (network down, 5xx, throttling,
/// a SQLite file locked past the busy timeout). Nothing can be assumed about whether a write in flight was applied;
/// conditional writes make a retry safe. <see cref="RetryAfter"/> is the server's hint when it gave one.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
        : this("Storage is unavailable.")
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
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan? RetryAfter { get; }
}
