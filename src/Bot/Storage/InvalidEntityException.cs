namespace MentorBot.Bot.Storage;

/// <summary>
/// An entity, key, filter or batch that storage would refuse (bad key characters, too large, too many
/// operations…). Raised before anything is sent or written, identically by every adapter: it is a programming
/// error in the calling store, not a runtime condition to retry.
/// </summary>
public sealed class InvalidEntityException : ArgumentException
{
    public InvalidEntityException()
    {
    }

    public InvalidEntityException(string message)
        : base(message)
    {
    }

    public InvalidEntityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidEntityException(string message, string? paramName)
        : base(message, paramName)
    {
    }
}
