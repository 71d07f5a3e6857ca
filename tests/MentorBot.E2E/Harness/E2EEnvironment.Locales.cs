using System.Collections.Concurrent;

namespace MentorBot.E2E.Harness;

/// <summary>
/// More people than the three started for every run: a Playground started on first use and kept for the rest of the
/// run, optionally behind a <see cref="LocaleProxy"/> so the bot sees that person's Teams client language.
/// </summary>
public sealed partial class E2EEnvironment
{
    private readonly ConcurrentDictionary<string, Task<PlaygroundInstance>> _others = new();

    /// <summary>
    /// The person's Playground, started now if it is not running yet; with <paramref name="locale"/> every activity
    /// it sends the bot carries that Teams locale (the Playground itself always says en-US).
    /// </summary>
    public Task<PlaygroundInstance> PlaygroundWithLocaleAsync(TeamsPerson person, string? locale) =>
        _others.GetOrAdd(person.Key, _ => StartOtherAsync(person, locale));

    private async Task<PlaygroundInstance> StartOtherAsync(TeamsPerson person, string? locale)
    {
        var endpoint = Bot.MessagingEndpoint;
        if (locale is not null)
        {
            var proxy = await StartAsync(() => Task.FromResult(LocaleProxy.Start(endpoint, locale)));
            endpoint = proxy.MessagingEndpoint;
        }

        using var startup = new CancellationTokenSource(E2ESettings.StartupTimeout);
        return await StartAsync(() => PlaygroundInstance.StartAsync(_layout ?? throw NotStarted(), Run, person, endpoint, startup.Token));
    }
}
