using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Dialogs.Prompts;

/// <summary>Asks for free text; any non-empty message is an answer, a press on some card is not.</summary>
public sealed class TextPrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    internal override PromptRecognition<string> Recognize(Activity activity, PromptOptions options) =>
        PromptText.Of(activity) is { } text ? PromptRecognition<string>.Recognized(text)
        : PromptText.IsCardSubmit(activity) || !activity.IsType(ActivityTypes.Message) ? PromptRecognition<string>.NotAnAnswer
        : PromptRecognition<string>.NotRecognized();
}
