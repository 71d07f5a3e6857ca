using System.Diagnostics;
using MentorBot.E2E.Harness;
using Microsoft.Playwright;

namespace MentorBot.E2E.Pages;

/// <summary>
/// One person's 1:1 chat with the bot in the Agents Playground. Waits are counted, never slept: note how many bot
/// messages are shown, act, then wait for the N-th to appear.
/// </summary>
public sealed class ChatPage(TeamsPerson person, IPage page)
{
    private const string Composer = """div[role="textbox"][data-lexical-editor="true"]""";
    private const string BotMessages = ".fai-OutputCard";
    private const string MessageHeaders = """[aria-label="Message header"]""";

    public TeamsPerson Person { get; } = person;

    public IPage Page { get; } = page;

    private ILocator BotMessageLocator => Page.Locator(BotMessages);

    /// <returns>How long the page took to become usable (for the run's timings).</returns>
    internal async Task<TimeSpan> OpenAsync(Uri playground)
    {
        var started = Stopwatch.StartNew();
        await Page.GotoAsync(playground.ToString());
        await Page.Locator(Composer).WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Ms(E2ESettings.PageTimeout) });
        return started.Elapsed;
    }

    public Task<int> BotMessageCountAsync() => BotMessageLocator.CountAsync();

    /// <summary>Types into the composer and presses Enter, as a person would.</summary>
    public async Task SendAsync(string text)
    {
        var composer = Page.Locator(Composer);
        await composer.ClickAsync();
        await composer.PressSequentiallyAsync(text);
        await composer.PressAsync("Enter");
    }

    /// <summary>Sends <paramref name="text"/> and returns the bot's next message.</summary>
    public async Task<BotMessage> SendAndWaitForReplyAsync(string text)
    {
        var before = await BotMessageCountAsync();
        await SendAsync(text);
        return await WaitForBotMessageAsync(before + 1);
    }

    /// <summary>Waits until at least <paramref name="number"/> bot messages are shown; returns the <paramref name="number"/>-th (1-based).</summary>
    public async Task<BotMessage> WaitForBotMessageAsync(int number, TimeSpan? timeout = null)
    {
        var message = BotMessageLocator.Nth(number - 1);
        try
        {
            await message.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = Ms(timeout ?? E2ESettings.ReplyTimeout) });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"{Person.Key}: expected bot message #{number} within {(timeout ?? E2ESettings.ReplyTimeout).TotalSeconds:0} s, " +
                $"but {await BotMessageCountAsync()} are shown.", e);
        }

        return new BotMessage(message);
    }

    /// <summary>
    /// Waits for a bot message that shows <paramref name="text"/> (a card title, a line of a reply; ignoring case) and
    /// returns the latest such message, pinned to its place in the chat.
    /// </summary>
    public async Task<BotMessage> WaitForBotMessageWithAsync(string text, TimeSpan? timeout = null)
    {
        var message = BotMessageLocator.Filter(new() { HasText = text }).Last;
        try
        {
            await message.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Ms(timeout ?? E2ESettings.ReplyTimeout) });
        }
        catch (TimeoutException e)
        {
            var shown = await BotMessageTextsAsync();
            throw new TimeoutException(
                $"{Person.Key}: no bot message showing \"{text}\" within {(timeout ?? E2ESettings.ReplyTimeout).TotalSeconds:0} s. " +
                $"Shown ({shown.Count}):\n{string.Join("\n---\n", shown.Select(t => t.Length > 300 ? t[..300] + "…" : t))}", e);
        }

        // Pin the message by position: its text may change later (cards are updated in place), its place does not.
        var texts = await BotMessageTextsAsync();
        var index = texts.Select((t, i) => (t, i)).Last(x => x.t.Contains(text, StringComparison.OrdinalIgnoreCase)).i;
        return new BotMessage(BotMessageLocator.Nth(index));
    }

    /// <summary>Whether a bot message showing <paramref name="text"/> is in the chat now (no waiting).</summary>
    public async Task<bool> HasBotMessageWithAsync(string text) =>
        await BotMessageLocator.Filter(new() { HasText = text }).CountAsync() > 0;

    /// <summary>The latest bot message; throws when there is none.</summary>
    public async Task<BotMessage> LatestBotMessageAsync()
    {
        var count = await BotMessageCountAsync();
        return count == 0 ? throw new InvalidOperationException($"{Person.Key} has no bot message yet.") : new BotMessage(BotMessageLocator.Nth(count - 1));
    }

    /// <summary>The Adaptive Card in the latest bot message that has one.</summary>
    public AdaptiveCardView LatestCard() => new(Page.Locator($"{BotMessages} .ac-adaptiveCard").Last);

    /// <summary>
    /// Asserts that no further bot message arrives for a while: absence can only be observed over time, so this
    /// watches for <see cref="E2ESettings.QuietPeriod"/>.
    /// </summary>
    public async Task<int> CountAfterQuietPeriodAsync()
    {
        await Task.Delay(E2ESettings.QuietPeriod);
        return await BotMessageCountAsync();
    }

    public async Task<IReadOnlyList<string>> BotMessageTextsAsync() => await BotMessageLocator.AllInnerTextsAsync();

    /// <summary>Every message in the chat with its author and time, for failure reports.</summary>
    public async Task<IReadOnlyList<string>> TranscriptAsync() =>
        // A message is the header (author, time) and its bubble; only the header carries a stable label.
        await Page.Locator(MessageHeaders).Locator("xpath=..").AllInnerTextsAsync();

    public Task ScreenshotAsync(string path) => Page.ScreenshotAsync(new() { Path = path, FullPage = true, Timeout = 10_000 });

    internal static float Ms(TimeSpan timeout) => (float)timeout.TotalMilliseconds;
}
