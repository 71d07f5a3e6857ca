namespace MentorBot.Bot.Dialogs.Persistence;

// Local stand-ins for MentorBot.Core.Persistence.{ETag, Versioned<T>, ConcurrencyConflictException}, which the storage
// branch adds with the same shapes. Once both are merged, delete this file and import MentorBot.Core.Persistence.

/// <summary>The opaque version a store handed out with a record; compare for equality, never parse.</summary>
public readonly record struct ETag(string Value)
{
    /// <summary>Matches whatever version exists.</summary>
    public static ETag Any { get; } = new("*");

    public bool IsAny => Value == "*";

    public override string ToString() => Value;
}

/// <summary>A record together with the version it was read at, for a later conditional write.</summary>
public sealed record Versioned<T>(T Value, ETag ETag);

/// <summary>A conditional write lost a race: the stored record is not the version the caller based it on.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException()
        : this("The stored record changed since it was read.")
    {
    }

    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
