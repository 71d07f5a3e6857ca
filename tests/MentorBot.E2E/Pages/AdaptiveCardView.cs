using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MentorBot.E2E.Pages;

/// <summary>
/// An Adaptive Card as the adaptivecards renderer draws it in the Playground. Inputs are found the way a person
/// finds them, by label or placeholder: the renderer gives DOM elements generated ids, not the card's input ids.
/// </summary>
public sealed class AdaptiveCardView(ILocator card)
{
    public ILocator Locator { get; } = card;

    public Task<string> TextAsync() => Locator.InnerTextAsync();

    /// <summary>Clicks the action button with this title (Action.Submit, Action.Execute, Action.ShowCard).</summary>
    public Task ClickAsync(string title) =>
        Locator.Locator($".ac-actionSet button[title=\"{title}\"]").First.ClickAsync();

    /// <summary>Clicks the first button of the card's first button row (the earliest of the offered times).</summary>
    public async Task<string> ClickFirstButtonAsync()
    {
        var button = Locator.Locator(".ac-actionSet button").First;
        var title = await button.GetAttributeAsync("title") ?? await button.InnerTextAsync();
        await button.ClickAsync();
        return title;
    }

    /// <summary>Types into the text input with this label (a required input's " *" is ignored) or placeholder.</summary>
    public async Task FillAsync(string labelOrPlaceholder, string value) =>
        await (await InputAsync(labelOrPlaceholder)).FillAsync(value);

    /// <summary>Picks an option of a compact Input.ChoiceSet (a select) by its visible title.</summary>
    public async Task SelectAsync(string labelOrPlaceholder, string optionTitle) =>
        await (await InputAsync(labelOrPlaceholder)).SelectOptionAsync(new SelectOptionValue { Label = optionTitle });

    /// <summary>
    /// Types into the <paramref name="index"/>-th (0-based) input with this label — a form repeats "Skill" per row.
    /// A filtered Input.ChoiceSet is a text box with a list: typing the choice's title picks it.
    /// </summary>
    public async Task FillNthAsync(string label, int index, string value)
    {
        var input = Labelled(label).Nth(index);
        if (await input.GetAttributeAsync("role") != "combobox")
        {
            await input.FillAsync(value);
            return;
        }

        // A person clicks into the box (the list opens), types, and picks the match from the list.
        await input.ClickAsync();
        await input.PressSequentiallyAsync(value);
        await PickOptionAsync(input, value);
    }

    /// <summary>
    /// Picks an option of the <paramref name="index"/>-th compact choice set with this label: a native select in the
    /// plain renderer, a Fluent combobox (click it, click the option) in the Playground.
    /// </summary>
    public async Task SelectNthAsync(string label, int index, string optionTitle)
    {
        var input = Labelled(label).Nth(index);
        if (await input.EvaluateAsync<string>("e => e.tagName") == "SELECT")
        {
            await input.SelectOptionAsync(new SelectOptionValue { Label = optionTitle });
            return;
        }

        await input.ClickAsync();
        await PickOptionAsync(input, optionTitle);
    }

    // Fluent renders the list in a portal at the end of the page, not inside the card.
    private static async Task PickOptionAsync(ILocator combobox, string optionTitle)
    {
        var option = combobox.Page.GetByRole(AriaRole.Option, new() { Name = optionTitle, Exact = true });
        await option.First.ClickAsync();
        await Assertions.Expect(combobox).ToHaveValueAsync(optionTitle);
    }

    /// <summary>
    /// Checks the radio button or checkbox of an expanded Input.ChoiceSet with this title. Fluent's inputs take the new
    /// state on React's next render, which Playwright's CheckAsync (state read right after the click) can miss on a
    /// busy machine; clicking and then waiting for the checked state asserts the same outcome without that race.
    /// </summary>
    public async Task CheckAsync(string choiceTitle)
    {
        var choice = Locator.GetByLabel(choiceTitle, new() { Exact = true }).First;
        if (!await choice.IsCheckedAsync())
        {
            await choice.ClickAsync();
        }

        await Assertions.Expect(choice).ToBeCheckedAsync();
    }

    // Only form fields: Fluent labels a combobox's chevron button with the input's label too.
    private ILocator Labelled(string label) =>
        Locator.GetByLabel(new Regex($@"^\s*{Regex.Escape(label)}(\s*\*)?\s*$")).And(Locator.Locator("input, select, textarea"));

    private async Task<ILocator> InputAsync(string labelOrPlaceholder)
    {
        var byLabel = Locator.GetByLabel(new Regex($@"^\s*{Regex.Escape(labelOrPlaceholder)}(\s*\*)?\s*$"));
        if (await byLabel.CountAsync() > 0)
        {
            return byLabel.First;
        }

        var byPlaceholder = Locator.GetByPlaceholder(labelOrPlaceholder, new() { Exact = true });
        return await byPlaceholder.CountAsync() > 0
            ? byPlaceholder.First
            : throw new InvalidOperationException($"The card has no input labelled or with placeholder \"{labelOrPlaceholder}\". Card text:\n{await TextAsync()}");
    }
}
