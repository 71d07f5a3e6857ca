namespace MentorBot.Bot.Storage;

/// <summary>A request the table service refused for a reason that is neither a conflict nor an outage (auth, bad request).</summary>
public sealed class StorageRequestFailedException : Exception
{
    public StorageRequestFailedException()
    {
    }

    public StorageRequestFailedException(string message)
        : base(message)
    {
    }

    public StorageRequestFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageRequestFailedException(int status, string? errorCode, string message)
        : base(message)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    public int Status { get; }

    public string? ErrorCode { get; }
}
