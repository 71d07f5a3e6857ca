using MentorBot.Bot.Proactive;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;

namespace MentorBot.Bot.Tests.Proactive;

public sealed class NudgePreferencesServiceTests
{
    private static readonly UserId Alex = new("alex");
    private static readonly TenantId TenantA = new("aaaaaaaa-0000-4000-8000-000000000001");
    private static readonly TenantId TenantB = new("bbbbbbbb-0000-4000-8000-000000000002");

    private readonly TimerClock _clock = new();
    private readonly InMemoryNudgePreferencesStore _store = new();

    [Fact]
    public async Task MuteAsync_NothingStoredYet_SavesTheMute()
    {
        var service = new NudgePreferencesService(_store, _clock);

        await service.MuteAsync(Alex, null, NudgeKind.Inactivity, CancellationToken.None);

        Assert.True((await _store.GetAsync(Alex, CancellationToken.None))!.Mutes(NudgeKind.Inactivity));
    }

    [Fact]
    public async Task SnoozeAsync_ForAYear_CappedAtNinetyDays()
    {
        var service = new NudgePreferencesService(_store, _clock);

        var preferences = await service.SnoozeAsync(Alex, null, TimeSpan.FromDays(365), CancellationToken.None);

        Assert.Equal(_clock.GetUtcNow() + NudgePreferencesService.LongestSnooze, preferences.SnoozedUntil);
    }

    [Fact]
    public async Task EndSnoozeAsync_AfterSnoozeAndMute_KeepsTheMute()
    {
        var service = new NudgePreferencesService(_store, _clock);
        await service.MuteAsync(Alex, null, NudgeKind.AgendaPrep, CancellationToken.None);
        await service.SnoozeAsync(Alex, null, TimeSpan.FromDays(7), CancellationToken.None);

        var preferences = await service.EndSnoozeAsync(Alex, null, CancellationToken.None);

        Assert.Null(preferences.SnoozedUntil);
        Assert.Equal([NudgeKind.AgendaPrep], preferences.MutedKinds);
    }

    [Fact]
    public async Task MuteAsync_InATenant_SavesTheTenantTheTurnWasServedAs()
    {
        var service = new NudgePreferencesService(_store, _clock);

        await service.MuteAsync(Alex, TenantA, NudgeKind.Inactivity, CancellationToken.None);

        Assert.Equal(TenantA, (await _store.GetAsync(Alex, CancellationToken.None))!.Tenant);
    }

    [Fact]
    public async Task GetAsync_SettingsSavedUnderAnotherTenant_AreNotShown()
    {
        var service = new NudgePreferencesService(_store, _clock);
        await service.MuteAsync(Alex, TenantA, NudgeKind.Inactivity, CancellationToken.None);
        await service.SnoozeAsync(Alex, TenantA, TimeSpan.FromDays(7), CancellationToken.None);

        var seenFromB = await service.GetAsync(Alex, TenantB, CancellationToken.None);

        Assert.Empty(seenFromB.MutedKinds);
        Assert.Null(seenFromB.SnoozedUntil);
        Assert.Equal(TenantB, seenFromB.Tenant);
        Assert.Equal([NudgeKind.Inactivity], (await service.GetAsync(Alex, TenantA, CancellationToken.None)).MutedKinds);
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
