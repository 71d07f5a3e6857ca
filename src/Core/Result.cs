using System.Diagnostics.CodeAnalysis;

namespace MentorBot.Core;

/// <summary>
/// The outcome of a domain command: the new state, or a typed error the caller must decide on. Errors are
/// expected outcomes (a user pressed an old card), not bugs, so they are values rather than exceptions.
/// </summary>
public readonly record struct Result<TValue, TError>
    where TValue : notnull
    where TError : struct, Enum
{
    private Result(TValue? value, TError? error)
    {
        Value = value;
        Error = error;
    }

    public TValue? Value { get; }

    public TError? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

#pragma warning disable CA1000 // a static factory on the generic type reads best at call sites
    public static Result<TValue, TError> Ok(TValue value) => new(value, null);

    public static Result<TValue, TError> Fail(TError error) => new(default, error);
#pragma warning restore CA1000

    public static implicit operator Result<TValue, TError>(TValue value) => Ok(value);

    public static implicit operator Result<TValue, TError>(TError error) => Fail(error);

    /// <summary>The value of a successful result; throws for a failed one (a bug at the call site).</summary>
    public TValue Unwrap() => IsOk ? Value : throw new InvalidOperationException($"Result failed with {Error}.");

    public override string ToString() => IsOk ? $"Ok({Value})" : $"Fail({Error})";
}
