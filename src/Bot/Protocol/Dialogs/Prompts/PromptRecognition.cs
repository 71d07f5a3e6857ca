using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Dialogs.Prompts;

internal enum RecognitionKind
{
    Recognized,

    /// <summary>Meant as an answer but it does not fit: ask again.</summary>
    NotRecognized,

    /// <summary>Not an answer to this prompt at all (another card's button): leave the turn to the handler.</summary>
    NotAnAnswer,
}

internal sealed record PromptRecognition<T>(RecognitionKind Kind, T? Value = default, string? RetryText = null)
{
    public static PromptRecognition<T> NotAnAnswer { get; } = new(RecognitionKind.NotAnAnswer);

    public static PromptRecognition<T> Recognized(T value) => new(RecognitionKind.Recognized, value);

    public static PromptRecognition<T> NotRecognized(string? retryText = null) => new(RecognitionKind.NotRecognized, default, retryText);
}

/// <summary>The user's typed text, with the bot's @mention removed (group chats and channels always carry one).</summary>
internal static class PromptText
{
    public static string? Of(Activity activity) =>
        activity.IsType(ActivityTypes.Message) && activity.RemoveRecipientMention() is { Length: > 0 } text ? text : null;

    /// <summary>A card submit (Action.Submit) arrives as a message carrying the action's data in value.</summary>
    public static bool IsCardSubmit(Activity activity) =>
        activity.IsType(ActivityTypes.Message) && activity.Value is { ValueKind: System.Text.Json.JsonValueKind.Object };
}
