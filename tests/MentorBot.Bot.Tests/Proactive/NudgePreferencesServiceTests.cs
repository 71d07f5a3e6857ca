using MentorBot.Bot.Proactive;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;

namespace MentorBot.Bot.Tests.Proactive;

public sealed class NudgePreferencesServiceTests
{
    private static readonly UserId Alex = new("alex");

    private readonly TimerClock _clock = new();
    private readonly InMemoryNudgePreferencesStore _store = new();

    [Fact]
    public async Task MuteAsync_NothingStoredYet_SavesTheMute()
    {
        var service = new NudgePreferencesService(_store, _clock);

        await service.MuteAsync(Alex, NudgeKind.Inactivity, CancellationToken.None);

        Assert.True((await _store.GetAsync(Alex, CancellationToken.None))!.Mutes(NudgeKind.Inactivity));
    }

    [Fact]
    public async Task SnoozeAsync_ForAYear_CappedAtNinetyDays()
    {
        var service = new NudgePreferencesService(_store, _clock);

        var preferences = await service.SnoozeAsync(Alex, TimeSpan.FromDays(365), CancellationToken.None);

        Assert.Equal(_clock.GetUtcNow() + NudgePreferencesService.LongestSnooze, preferences.SnoozedUntil);
    }

    [Fact]
    public async Task EndSnoozeAsync_AfterSnoozeAndMute_KeepsTheMute()
    {
        var service = new NudgePreferencesService(_store, _clock);
        await service.MuteAsync(Alex, NudgeKind.AgendaPrep, CancellationToken.None);
        await service.SnoozeAsync(Alex, TimeSpan.FromDays(7), CancellationToken.None);

        var preferences = await service.EndSnoozeAsync(Alex, CancellationToken.None);

        Assert.Null(preferences.SnoozedUntil);
        Assert.Equal([NudgeKind.AgendaPrep], preferences.MutedKinds);
    }
}

public sealed class InMemoryNudgePreferencesStore : INudgePreferencesStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<UserId, NudgePreferences> _saved = new();

    public Task<NudgePreferences?> GetAsync(UserId user, CancellationToken cancellationToken) =>
        Task.FromResult(_saved.TryGetValue(user, out var preferences) ? preferences : null);

    public Task SaveAsync(NudgePreferences preferences, CancellationToken cancellationToken)
    {
        _saved[preferences.User] = preferences;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(UserId user, CancellationToken cancellationToken)
    {
        _saved.TryRemove(user, out _);
        return Task.CompletedTask;
    }
}
