using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Dialogs.Prompts;

/// <summary>Asks a yes/no question with Yes and No buttons; understands the usual ways of saying either.</summary>
public sealed class ConfirmPrompt(string id, PromptValidator<bool>? validator = null) : Prompt<bool>(id, validator)
{
    private static readonly Choice[] YesNo = [new("Yes"), new("No")];

    private static readonly HashSet<string> YesPhrases =
    [
        "yes", "y", "yeah", "yea", "yep", "yup", "yes please", "sure", "sure thing", "ok", "okay", "k", "of course",
        "absolutely", "definitely", "please do", "go ahead", "go for it", "do it", "sounds good", "correct", "right",
        "that s right", "true", "1", "\U0001F44D",
    ];

    private static readonly HashSet<string> NoPhrases =
    [
        "no", "n", "nope", "nah", "no thanks", "no thank you", "not now", "not really", "not yet", "maybe later",
        "don t", "do not", "negative", "wrong", "false", "2", "\U0001F44E",
    ];

    private static readonly HashSet<string> YesFirstWords = ["yes", "yeah", "yep", "yup", "sure", "ok", "okay", "absolutely", "definitely"];
    private static readonly HashSet<string> NoFirstWords = ["no", "nope", "nah"];

    internal override PromptRecognition<bool> Recognize(Activity activity, PromptOptions options) =>
        PromptText.Of(activity) is { } text
            ? Parse(text) is { } answer ? PromptRecognition<bool>.Recognized(answer) : PromptRecognition<bool>.NotRecognized()
            : activity.IsType(ActivityTypes.Message) && !PromptText.IsCardSubmit(activity)
                ? PromptRecognition<bool>.NotRecognized()
                : PromptRecognition<bool>.NotAnAnswer;

    protected override Activity BuildPrompt(PromptOptions options, string? text) =>
        ChoicePrompt.ChoiceRendering.Build(YesNo, text, ChoiceStyle.SuggestedActions);

    internal static bool? Parse(string text)
    {
        // Emoji are not letters, so look at them before tokenising strips them.
        var trimmed = text.Trim();
        if (YesPhrases.Contains(trimmed) || NoPhrases.Contains(trimmed))
        {
            return YesPhrases.Contains(trimmed);
        }

        var tokens = ChoiceRecognizer.Tokenize(text);
        var phrase = string.Join(' ', tokens);
        return YesPhrases.Contains(phrase) ? true
            : NoPhrases.Contains(phrase) ? false
            : tokens.Length > 0 && YesFirstWords.Contains(tokens[0]) ? true
            : tokens.Length > 0 && NoFirstWords.Contains(tokens[0]) ? false
            : null;
    }
}
