using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;

namespace MentorBot.Bot.Cards;

/// <summary>The few shapes every MentorBot card is made of, so all cards look and behave alike.</summary>
internal static class Blocks
{
    public static TextBlock Heading(string text) =>
        new(text) { Style = TextBlockStyle.Heading, Size = TextSize.Medium, Weight = TextWeight.Bolder };

    public static TextBlock SubHeading(string text) =>
        new(text) { Weight = TextWeight.Bolder, Spacing = Spacing.Medium };

    public static TextBlock Text(string text) => new(text);

    /// <summary>
    /// Text someone else wrote (a goal, a thank-you note, an agenda topic). TextBlock renders markdown, so a stray
    /// <c>_</c> or <c>[link](…)</c> would be formatted in the other person's chat; a TextRun is shown literally.
    /// </summary>
    public static RichTextBlock Plain(string text) => new([new TextRun(text)]);

    /// <summary>A bullet whose content someone else wrote, with an optional subtle suffix ("(from Pat)").</summary>
    public static RichTextBlock PlainBullet(string text, string? suffix = null) => new(
        suffix is null
            ? [new TextRun("• "), new TextRun(text)]
            : [new TextRun("• "), new TextRun(text), new TextRun(" " + suffix) { IsSubtle = true }])
    {
        Spacing = Spacing.Small,
    };

    public static TextBlock Subtle(string text) => new(text) { IsSubtle = true, Size = TextSize.Small };

    public static IEnumerable<TextBlock> Bullets(IEnumerable<string> items) =>
        items.Select(item => new TextBlock("• " + item) { Spacing = Spacing.Small });

    public static FactSet Facts(params (string Title, string? Value)[] facts) =>
        new(facts.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => new Fact(f.Title, f.Value!)).ToList());

    public static Container Emphasis(params AdaptiveElement[] items) => new(items) { Style = ContainerStyle.Emphasis };

    /// <summary>
    /// Action.Execute for Teams (invoke, card can be replaced in place) with an Action.Submit fallback carrying the
    /// same data for clients without Universal Actions (decision 0060). The parser reads both.
    /// </summary>
    public static ExecuteAction Execute(string title, CardActionData data) =>
        new(title, data.Verb, data) { Fallback = new SubmitAction(title, data) };

    /// <summary>A button that must not send the card's other inputs (and must not be blocked by their validation).</summary>
    public static ExecuteAction ExecuteAlone(string title, CardActionData data) =>
        new(title, data.Verb, data)
        {
            AssociatedInputs = AssociatedInputs.None,
            Fallback = new SubmitAction(title, data) { AssociatedInputs = AssociatedInputs.None },
        };

    public static ShowCardAction ShowCard(string title, IReadOnlyList<AdaptiveElement> body, params AdaptiveAction[] actions) =>
        new(title, AdaptiveCard.Nested(body, actions));

    public static ActionSet Buttons(params AdaptiveAction[] actions) => new(actions);

    public static List<Choice> Choices(IEnumerable<ChoiceOption> options) =>
        options.Select(o => new Choice(o.Title, o.Value)).ToList();
}
