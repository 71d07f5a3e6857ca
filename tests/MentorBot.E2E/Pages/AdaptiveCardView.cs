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

    /// <summary>Types into the text input with this label (a required input's " *" is ignored) or placeholder.</summary>
    public async Task FillAsync(string labelOrPlaceholder, string value) =>
        await (await InputAsync(labelOrPlaceholder)).FillAsync(value);

    /// <summary>Picks an option of a compact Input.ChoiceSet (a select) by its visible title.</summary>
    public async Task SelectAsync(string labelOrPlaceholder, string optionTitle) =>
        await (await InputAsync(labelOrPlaceholder)).SelectOptionAsync(new SelectOptionValue { Label = optionTitle });

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
