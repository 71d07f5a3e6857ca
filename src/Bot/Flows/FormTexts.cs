using System.Globalization;
using System.Resources;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Prompts;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Flows;

/// <summary>
/// What a dialog's card form and its interruptions say, in the turn's language (<c>FormTexts.resx</c>), and the
/// words that interrupt it in every language (<c>CommandWords</c>: <c>Command.Help</c>, <c>Dialog.Cancel</c>), so
/// "avbryt" stops a half-filled form as "cancel" does.
/// </summary>
public sealed class FormTexts : IDialogWords, IDialogHelp
{
    private static readonly ResourceManager Resources = new("MentorBot.Bot.Flows.FormTexts", typeof(FormTexts).Assembly);

    private static readonly Lazy<HashSet<string>> HelpPhrases = new(() => Phrases("Command.Help"));
    private static readonly Lazy<HashSet<string>> CancelPhrases = new(() => Phrases("Dialog.Cancel"));

    public static CardFormPromptTexts For(ITurnContext turnContext)
    {
        var culture = CultureOf(turnContext);
        return new(Text("Form.TypedText", culture), Text("Form.Invalid", culture), Text("Form.Received", culture));
    }

    public Interruption Recognize(string phrase) =>
        HelpPhrases.Value.Contains(phrase) ? Interruption.Help
        : CancelPhrases.Value.Contains(phrase) ? Interruption.Cancel
        : Interruption.None;

    public string Cancelled(ITurnContext turnContext) => Text("Dialog.Cancelled", CultureOf(turnContext));

    public string FreshStart(ITurnContext turnContext) => Text("Dialog.FreshStart", CultureOf(turnContext));

    public Task SendHelpAsync(DialogContext dialogContext, CancellationToken cancellationToken) =>
        dialogContext.Context.SendActivityAsync(Text("Dialog.Help", CultureOf(dialogContext.Context)), cancellationToken);

    private static CultureInfo CultureOf(ITurnContext turnContext) => TurnPerson.Of(turnContext)?.Culture ?? TurnPerson.DefaultCulture;

    // The same normalisation as the dialog layer's own phrases: lower case, words only.
    private static HashSet<string> Phrases(string key) =>
        [.. CommandWords.All(key).Select(p => string.Join(' ', ChoiceRecognizer.Tokenize(p)))];

    private static string Text(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Form text '{key}' is missing from FormTexts.resx.");
}
