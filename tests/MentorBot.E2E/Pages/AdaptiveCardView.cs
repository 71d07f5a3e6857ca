using Microsoft.Playwright;

namespace MentorBot.E2E.Pages;

/// <summary>An Adaptive Card as the adaptivecards renderer draws it in the Playground.</summary>
public sealed class AdaptiveCardView(ILocator card)
{
    public ILocator Locator { get; } = card;

    public Task<string> TextAsync() => Locator.InnerTextAsync();

    /// <summary>Clicks the action button with this title (Action.Submit, Action.Execute, ShowCard).</summary>
    public Task ClickAsync(string title) => Locator.Locator($".ac-actionSet button[title=\"{title}\"]").First.ClickAsync();

    /// <summary>Fills a text input found by its label text, placeholder or input id.</summary>
    public async Task FillAsync(string labelOrId, string value)
    {
        var byLabel = Locator.GetByLabel(labelOrId, new() { Exact = true });
        var input = await byLabel.CountAsync() > 0 ? byLabel : Locator.Locator($"input[id=\"{labelOrId}\"], textarea[id=\"{labelOrId}\"], input[placeholder=\"{labelOrId}\"]");
        await input.First.FillAsync(value);
    }
}
