using MentorBot.Bot.Protocol.Dialogs.Prompts;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Dialogs;

public enum Interruption
{
    None,
    Help,
    Cancel,
}

/// <summary>
/// Recognises "help" and "cancel" said on their own. Whole replies only: "stop" cancels, but an answer such as
/// "stop posting on TikTok" is an answer to the question, not a request to give up.
/// </summary>
internal static class Interruptions
{
    private static readonly HashSet<string> Help = ["help", "help me", "help please", "please help", "what can i say", "what can you do"];

    private static readonly HashSet<string> Cancel =
    [
        "cancel", "stop", "quit", "exit", "abort", "never mind", "nevermind", "nvm", "forget it", "cancel that",
        "cancel please", "please cancel", "stop please", "please stop",
    ];

    public static Interruption Recognize(Activity activity, IDialogWords? words = null)
    {
        if (PromptText.Of(activity) is not { } text)
        {
            return Interruption.None;
        }

        if (text.Trim() == "?")
        {
            return Interruption.Help;
        }

        var phrase = string.Join(' ', ChoiceRecognizer.Tokenize(text));
        return Help.Contains(phrase) ? Interruption.Help
            : Cancel.Contains(phrase) ? Interruption.Cancel
            : words?.Recognize(phrase) ?? Interruption.None;
    }
}
