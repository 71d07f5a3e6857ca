namespace MentorBot.Core.Persistence;

/// <summary>
/// The version a store handed out with a record. Opaque: compare it for equality and pass it back to a conditional
/// write; never parse it (Azure Table ETags are weak timestamp strings, SQLite ones are random).
/// </summary>
public readonly record struct ETag(string Value)
{
    /// <summary>Matches whatever version exists: the write still fails when the record is gone.</summary>
    public static ETag Any { get; } = new("*");

    public bool IsAny => Value == "*";

    public override string ToString() => Value;
}

/// <summary>A record together with the version it was read at, for a later conditional write.</summary>
public sealed record Versioned<T>(T Value, ETag ETag);
