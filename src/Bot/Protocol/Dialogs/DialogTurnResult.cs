namespace MentorBot.Bot.Protocol.Dialogs;

public enum DialogTurnStatus
{
    /// <summary>No dialog was active; the handler routes the activity itself.</summary>
    Empty,

    /// <summary>The active dialog is waiting for the user's next answer.</summary>
    Waiting,

    /// <summary>The last dialog on the stack ended; <see cref="DialogTurnResult.Result"/> is what it returned.</summary>
    Complete,

    /// <summary>The stack was cancelled (the user said cancel, or a step gave up).</summary>
    Cancelled,

    /// <summary>
    /// A dialog is active but this activity is not an answer to it (a press on some other card); nothing changed and
    /// the handler routes the activity as if no dialog were active.
    /// </summary>
    Unhandled,

    /// <summary>Another turn of this conversation saved its dialog state first; this turn's changes were dropped.</summary>
    Conflict,
}

public sealed record DialogTurnResult(DialogTurnStatus Status, object? Result = null)
{
    public static DialogTurnResult Empty { get; } = new(DialogTurnStatus.Empty);

    public static DialogTurnResult Waiting { get; } = new(DialogTurnStatus.Waiting);

    public static DialogTurnResult Cancelled { get; } = new(DialogTurnStatus.Cancelled);

    public static DialogTurnResult Unhandled { get; } = new(DialogTurnStatus.Unhandled);

    public static DialogTurnResult Conflict { get; } = new(DialogTurnStatus.Conflict);

    /// <summary>The typed result of a completed dialog; asking for the wrong type is a bug in the caller.</summary>
    public T GetResult<T>() => DialogResults.As<T>(Result, "The dialog");
}

internal static class DialogResults
{
    public static T As<T>(object? result, string source) =>
        result is T typed
            ? typed
            : throw new InvalidOperationException(
                $"{source} returned {result?.GetType().Name ?? "nothing"}, not the {typeof(T).Name} that was asked for.");
}
