using System.Globalization;
using System.Text;
using MentorBot.E2E.Pages;
using Microsoft.Playwright;

namespace MentorBot.E2E.Harness;

/// <summary>One test's view of the environment: the chats it opened, each in its own fresh browser context.</summary>
public sealed class Scenario : IAsyncDisposable
{
    private readonly E2EEnvironment _environment;
    private readonly List<ChatPage> _chats = [];
    private int _steps;

    internal Scenario(E2EEnvironment environment, string test)
    {
        _environment = environment;
        Test = test;
    }

    public string Test { get; }

    public TestClock Clock => _environment.Clock;

    /// <summary>
    /// Opens the person's Playground in a new browser context, as if they opened Teams: the page load installs the
    /// bot again (the Playground sends installationUpdate and conversationUpdate), so a welcome follows.
    /// </summary>
    public async Task<ChatPage> OpenChatAsync(TeamsPerson person)
    {
        var page = await (await _environment.BrowserOf(person)).NewPageAsync();
        var chat = new ChatPage(person, page);
        lock (_chats)
        {
            _chats.Add(chat);
        }

        var took = await chat.OpenAsync(_environment.PlaygroundOf(person).Address);
        _environment.Run.RecordTiming($"{Test}: {person.Key}'s chat usable", took);
        return chat;
    }

    /// <summary>Both people open their chat at the same time (saves a page load per scenario).</summary>
    public async Task<(ChatPage Senior, ChatPage Junior)> OpenSeniorAndJuniorChatsAsync()
    {
        var senior = OpenChatAsync(TestTenant.Senior);
        var junior = OpenChatAsync(TestTenant.Junior);
        await Task.WhenAll(senior, junior);
        return (senior.Result, junior.Result);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var chat in _chats)
        {
            await chat.Page.CloseAsync();
        }
    }

    /// <summary>
    /// A full-page screenshot of every open chat, <c>step-NN-&lt;step&gt;-&lt;person&gt;.png</c> in the run folder: the
    /// record of what each person saw, for the issue note and for reviewers.
    /// </summary>
    public async Task ScreenshotStepAsync(string step)
    {
        var number = Interlocked.Increment(ref _steps);
        foreach (var chat in _chats.ToList())
        {
            await chat.ScreenshotAsync(_environment.Run.File(string.Create(CultureInfo.InvariantCulture, $"{Test}-step-{number:D2}-{step}-{chat.Person.Key}.png")));
        }
    }

    /// <returns>The run folder the artifacts went to.</returns>
    internal async Task<string> SaveFailureArtifactsAsync(Exception failure)
    {
        var run = _environment.Run;
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{Test} failed at {DateTimeOffset.UtcNow:O}")
            .AppendLine(failure.ToString())
            .AppendLine();
        foreach (var chat in _chats.ToList())
        {
            var person = chat.Person.Key;
            try
            {
                await chat.ScreenshotAsync(run.File($"screenshot-{person}-{Test}.png"));
                await File.WriteAllTextAsync(run.File($"page-{person}-{Test}.html"), await chat.Page.ContentAsync());
                report.AppendLine(CultureInfo.InvariantCulture, $"--- {person}'s chat ({chat.Person.Name}) ---");
                foreach (var line in await chat.TranscriptAsync())
                {
                    report.AppendLine(line);
                }
            }
            catch (PlaywrightException e)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"--- {person}'s chat: no screenshot or transcript ({e.Message}) ---");
            }

            report.AppendLine();
        }

        await File.WriteAllTextAsync(run.File($"failure-{Test}.txt"), report.ToString());
        // The log keeps growing with later scenarios; the copy is the bot's story up to this failure.
        File.Copy(_environment.Bot.LogPath, run.File($"bot-{Test}.log"), overwrite: true);
        return run.Path;
    }
}
