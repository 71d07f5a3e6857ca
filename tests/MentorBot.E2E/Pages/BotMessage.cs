using Microsoft.Playwright;

namespace MentorBot.E2E.Pages;

/// <summary>One bubble the bot posted.</summary>
public sealed class BotMessage(ILocator bubble)
{
    public ILocator Locator { get; } = bubble;

    public Task<string> TextAsync() => Locator.InnerTextAsync();

    public AdaptiveCardView Card => new(Locator.Locator(".ac-adaptiveCard").First);
}
