using MentorBot.Bot.Storage;
using System.Collections.Concurrent;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core;

namespace MentorBot.Storage.Tests;

public abstract partial class TableEngineContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task NudgeOutbox_EnqueueSameKeyTwice_SecondIsAlreadyPresentAndKeepsFirst()
    {
        var (outbox, _) = await NewOutboxesAsync();
        var item = Nudge("n-1", Now);

        var first = await outbox.EnqueueIfAbsentAsync(item, None);
        var second = await outbox.EnqueueIfAbsentAsync(item with { DueAt = Now.AddHours(1) }, None);

        Assert.Equal(EnqueueOutcome.Added, first);
        Assert.Equal(EnqueueOutcome.AlreadyPresent, second);
        Assert.Equal(item, await outbox.GetAsync(item.Key, None));
    }

    [Fact]
    public async Task NudgeOutbox_LeaseDue_TakesOnlyDueItemsEarliestFirstAndNotTwice()
    {
        var (outbox, _) = await NewOutboxesAsync();
        await outbox.EnqueueIfAbsentAsync(Nudge("n-late", Now.AddMinutes(-1)), None);
        await outbox.EnqueueIfAbsentAsync(Nudge("n-early", Now.AddMinutes(-5)), None);
        await outbox.EnqueueIfAbsentAsync(Nudge("n-future", Now.AddMinutes(5)), None);

        var leases = await outbox.LeaseDueAsync(Now, "a", LeaseFor, 10, None);
        var again = await outbox.LeaseDueAsync(Now, "b", LeaseFor, 10, None);

        Assert.Equal(["n-early", "n-late"], leases.Select(l => l.Item.Key.Value));
        Assert.Empty(again);
    }

    [Fact]
    public async Task NudgeOutbox_MarkFailed_ComesBackAtNextAttemptWithCountAndReason()
    {
        var (outbox, _) = await NewOutboxesAsync();
        await outbox.EnqueueIfAbsentAsync(Nudge("n-f", Now), None);
        var lease = Assert.Single(await outbox.LeaseDueAsync(Now, "a", LeaseFor, 10, None));

        var outcome = await outbox.MarkFailedAsync(lease, Now.AddMinutes(2), "throttled", None);
        var tooEarly = await outbox.LeaseDueAsync(Now.AddMinutes(1), "a", LeaseFor, 10, None);
        var retry = Assert.Single(await outbox.LeaseDueAsync(Now.AddMinutes(2), "a", LeaseFor, 10, None));

        Assert.Equal(LeaseOutcome.Done, outcome);
        Assert.Empty(tooEarly);
        Assert.Equal(1, retry.Item.Attempts);
        Assert.Equal("throttled", retry.Item.LastFailure);
    }

    [Fact]
    public async Task NudgeOutbox_DeadLetteredAndDropped_AreNeverLeasedAgain()
    {
        var (outbox, _) = await NewOutboxesAsync();
        await outbox.EnqueueIfAbsentAsync(Nudge("n-d1", Now), None);
        await outbox.EnqueueIfAbsentAsync(Nudge("n-d2", Now), None);
        var leases = await outbox.LeaseDueAsync(Now, "a", LeaseFor, 10, None);

        await outbox.DeadLetterAsync(leases[0], "recipient gone", None);
        await outbox.MarkDroppedAsync(leases[1], NudgeRelevance.Obsolete, None);
        var later = await outbox.LeaseDueAsync(Now.AddDays(1), "a", LeaseFor, 10, None);

        Assert.Empty(later);
        Assert.Equal(NudgeStatus.Dead, (await outbox.GetAsync(new NudgeKey("n-d1"), None))!.Status);
        Assert.Equal(NudgeStatus.Dropped, (await outbox.GetAsync(new NudgeKey("n-d2"), None))!.Status);
    }

    [Fact]
    public async Task NudgeOutbox_CrashedOwnersLeaseExpires_AnotherWorkerTakesOverAndTheOldLeaseIsLost()
    {
        var (outbox, peer) = await NewOutboxesAsync();
        await outbox.EnqueueIfAbsentAsync(Nudge("n-crash", Now), None);
        var crashed = Assert.Single(await outbox.LeaseDueAsync(Now, "crashed", LeaseFor, 10, None));

        var whileHeld = await peer.LeaseDueAsync(Now + LeaseFor - TimeSpan.FromSeconds(1), "peer", LeaseFor, 10, None);
        var takenOver = Assert.Single(await peer.LeaseDueAsync(Now + LeaseFor, "peer", LeaseFor, 10, None));
        var late = await outbox.MarkSentAsync(crashed, Now + LeaseFor, None);
        var done = await peer.MarkSentAsync(takenOver, Now + LeaseFor, None);

        Assert.Empty(whileHeld);
        Assert.Equal(LeaseOutcome.LeaseLost, late);
        Assert.Equal(LeaseOutcome.Done, done);
        Assert.Equal(NudgeStatus.Sent, (await outbox.GetAsync(new NudgeKey("n-crash"), None))!.Status);
    }

    [Fact]
    public async Task NudgeOutbox_TwoLeaseLoopsOverOneStore_DisjointLeasesNoneSentTwiceNoneLost()
    {
        const int count = 40;
        var (first, second) = await NewOutboxesAsync();
        for (var i = 0; i < count; i++)
        {
            await first.EnqueueIfAbsentAsync(Nudge($"n-loop-{i:D3}", Now.AddSeconds(-i)), None);
        }

        var sent = new ConcurrentBag<(string Owner, string Key)>();
        async Task LoopAsync(TableNudgeOutbox outbox, string owner)
        {
            while (true)
            {
                var leases = await outbox.LeaseDueAsync(Now, owner, LeaseFor, 5, None);
                if (leases.Count == 0)
                {
                    return;
                }

                foreach (var lease in leases)
                {
                    if (await outbox.MarkSentAsync(lease, Now, None) == LeaseOutcome.Done)
                    {
                        sent.Add((owner, lease.Item.Key.Value));
                    }
                }
            }
        }

        await Task.WhenAll(Task.Run(() => LoopAsync(first, "a")), Task.Run(() => LoopAsync(second, "b")));
        var stored = new List<NudgeOutboxItem>();
        for (var i = 0; i < count; i++)
        {
            stored.Add((await first.GetAsync(new NudgeKey($"n-loop-{i:D3}"), None))!);
        }

        Assert.Equal(count, sent.Count);
        Assert.Equal(count, sent.Select(s => s.Key).Distinct().Count());
        Assert.All(stored, item => Assert.Equal(NudgeStatus.Sent, item.Status));
        Assert.All(stored, item => Assert.Equal(1, item.Attempts));
    }

    [Fact]
    public async Task NudgeOutbox_KeyWithCharactersTablesRefuse_RoundTrips()
    {
        var (outbox, _) = await NewOutboxesAsync();
        var item = Nudge("agenda/m-1#3?x", Now);

        await outbox.EnqueueIfAbsentAsync(item, None);
        var lease = Assert.Single(await outbox.LeaseDueAsync(Now, "a", LeaseFor, 10, None));

        Assert.Equal(item.Key, lease.Item.Key);
    }

    private async Task<(TableNudgeOutbox First, TableNudgeOutbox Second)> NewOutboxesAsync()
    {
        var prefix = "n" + Guid.NewGuid().ToString("N")[..10];
        var engine = new PrefixedEngine(Engine, prefix);
        await engine.GetTable(TableNudgeOutbox.TableName).CreateIfNotExistsAsync(None);
        return (new TableNudgeOutbox(engine), new TableNudgeOutbox(new PrefixedEngine(CreateSecondEngine(), prefix)));
    }

    private static NudgeOutboxItem Nudge(string key, DateTimeOffset dueAt) =>
        new(new NudgeKey(key), new UserId("aad-j1"), NudgeKind.AgendaPrep, dueAt, new NudgePayload(new MentorshipId("m-1"), JoinUrl: "https://teams.example/join"));
}

public abstract partial class TableEngineContractTests
{
    [Fact]
    public async Task NudgePreferencesStore_SaveThenGet_RoundTripsMutesSnoozeAndQuietHoursAcrossMidnight()
    {
        var store = new TableNudgePreferencesStore(await NewPrefixedEngineAsync(TableNudgePreferencesStore.TableName));
        var preferences = new NudgePreferences(
            new UserId("aad-p1"), [NudgeKind.Inactivity, NudgeKind.AgendaPrep], Now.AddDays(2), new QuietHours(new NodaTime.LocalTime(22, 30), new NodaTime.LocalTime(7, 0)));

        await store.SaveAsync(preferences, None);
        var read = await store.GetAsync(new UserId("aad-p1"), None);

        Assert.Equal(preferences with { MutedKinds = [] }, read! with { MutedKinds = [] });
        Assert.Equal(preferences.MutedKinds, read.MutedKinds);
        Assert.Null(await store.GetAsync(new UserId("aad-nobody"), None));

        await store.DeleteAsync(new UserId("aad-p1"), None);
        await store.DeleteAsync(new UserId("aad-nobody"), None);
        Assert.Null(await store.GetAsync(new UserId("aad-p1"), None));
    }

    /// <summary>A fresh prefix over the backend under test, with <paramref name="table"/> created.</summary>
    private async Task<ITableEngine> NewPrefixedEngineAsync(string table)
    {
        var engine = new PrefixedEngine(Engine, "n" + Guid.NewGuid().ToString("N")[..10]);
        await engine.GetTable(table).CreateIfNotExistsAsync(None);
        return engine;
    }
}
