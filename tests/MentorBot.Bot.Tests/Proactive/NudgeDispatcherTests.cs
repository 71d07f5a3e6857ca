using MentorBot.Bot.Proactive;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Bot.Workers;

namespace MentorBot.Bot.Tests.Proactive;

public sealed class NudgeDispatcherTests : IAsyncLifetime
{
    private static readonly Profile Pat = NudgeTestData.Person("pat", "Pat Morgan", "Europe/Stockholm");
    private static readonly Profile Alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");

    private DispatchHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await DispatchHarness.StartAsync();
        await _harness.KnowAsync(Pat, Alex);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task DispatchDue_StartingSoon_EachPersonGetsOneCardInTheirOwnTime()
    {
        var now = _harness.Clock.GetUtcNow();
        var items = await NudgeTestData.EnqueueDueAsync(
            _harness.Outbox, _harness.Contexts, now, NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(10), new AgendaTopic(Pat.Id, "How to brief the agency", now)));
        var dispatcher = _harness.CreateDispatcher("a");

        var first = await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));
        var second = await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal(NudgeKind.StartingSoon, i.Kind));
        Assert.Equal(2, first.Sent);
        Assert.Equal(0, second.Leased);
        var toAlex = Assert.Single(_harness.Connector.ReceivedIn(DispatchHarness.ConversationOf(Alex.Id)));
        var toPat = Assert.Single(_harness.Connector.ReceivedIn(DispatchHarness.ConversationOf(Pat.Id)));
        Assert.Equal("Your check-in with Pat Morgan starts soon", toAlex.CardTitle);
        Assert.Equal("Your check-in with Alex Kim starts soon", toPat.CardTitle);
        Assert.Contains("09:10 (in 10 minutes)", toAlex.Card.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("10:10 (in 10 minutes)", toPat.Card.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("How to brief the agency", toAlex.Card.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("Your check-in with Pat Morgan starts soon", toAlex.Activity.GetProperty("summary").GetString());
        Assert.All(_harness.Outbox.Items, i => Assert.Equal(NudgeStatus.Sent, i.Status));
    }

    [Fact]
    public async Task DispatchDue_TeamsAnswers429WithRetryAfter_RetriedOnlyAfterThatDelay()
    {
        var now = _harness.Clock.GetUtcNow();
        await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(10)));
        var alex = DispatchHarness.ConversationOf(Alex.Id);
        _harness.Connector.Script(alex, new ScriptedReply(429, "Throttled", RetryAfterSeconds: 60));
        var dispatcher = _harness.CreateDispatcher("a");

        var throttled = await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));
        _harness.Clock.Advance(TimeSpan.FromSeconds(59));
        var tooEarly = await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));
        _harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var retried = await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal((1, 1), (throttled.Sent, throttled.Retrying));
        Assert.Equal(0, tooEarly.Leased);
        Assert.Equal(1, retried.Sent);
        var received = Assert.Single(_harness.Connector.ReceivedIn(alex));
        Assert.Equal(now.AddSeconds(60), received.At);
        Assert.All(_harness.Outbox.Items, i => Assert.Equal(NudgeStatus.Sent, i.Status));
    }

    [Fact]
    public async Task DispatchDue_AppRemovedFromTheChat_DeadLetteredAndNeverRetried()
    {
        var now = _harness.Clock.GetUtcNow();
        var items = await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(-60)));
        var alex = DispatchHarness.ConversationOf(Alex.Id);
        _harness.Connector.Script(alex, new ScriptedReply(403, "BotNotInConversationRoster"));
        var dispatcher = _harness.CreateDispatcher("a");

        await _harness.RunUntilSettledAsync(dispatcher, TimeSpan.FromDays(2));

        var toAlex = Assert.Single(items, i => i.Recipient == Alex.Id);
        Assert.Equal(NudgeKind.PostMeeting, toAlex.Kind);
        var settled = _harness.Outbox[toAlex.Key];
        Assert.Equal(NudgeStatus.Dead, settled.Status);
        Assert.Equal("RecipientGone:BotNotInConversationRoster", settled.LastFailure);
        Assert.Equal(1, settled.Attempts);
        Assert.Empty(_harness.Connector.ReceivedIn(alex));
        Assert.Null(await _harness.References.GetAsync(PersonKey.From(Alex.Id), CancellationToken.None));
        Assert.Equal(NudgeStatus.Sent, _harness.Outbox.Items.Single(i => i.Recipient == Pat.Id).Status);
    }

    [Fact]
    public async Task DispatchDue_ConnectorKeepsFailing_DeadLetteredAfterMaxAttemptsWithBackoff()
    {
        var now = _harness.Clock.GetUtcNow();
        var items = await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(-60)));
        var alex = DispatchHarness.ConversationOf(Alex.Id);
        _harness.Connector.Script(alex, [.. Enumerable.Repeat(new ScriptedReply(500, "ServiceError"), 10)]);
        var dispatcher = _harness.CreateDispatcher("a");

        await _harness.RunUntilSettledAsync(dispatcher, TimeSpan.FromDays(2));

        var settled = _harness.Outbox[items.Single(i => i.Recipient == Alex.Id).Key];
        Assert.Equal(NudgeStatus.Dead, settled.Status);
        Assert.Equal(NudgeRetryPolicy.MaxAttempts, settled.Attempts);
        Assert.Equal("Failed:500:ServiceError", settled.LastFailure);
        Assert.Empty(_harness.Connector.ReceivedIn(alex));

        // 1 + 5 + 15 + 60 + 240 minutes of backoff between the six attempts.
        Assert.Equal(now.AddMinutes(321), _harness.Clock.GetUtcNow());
    }

    [Fact]
    public async Task DispatchDue_MaxAttemptsConfigured_DeadLetteredAtThatCount()
    {
        var now = _harness.Clock.GetUtcNow();
        var items = await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(-60)));
        _harness.Connector.Script(DispatchHarness.ConversationOf(Alex.Id), [.. Enumerable.Repeat(new ScriptedReply(400, "BadArgument"), 10)]);
        var dispatcher = _harness.CreateDispatcher("a", new Dictionary<string, string?> { ["Nudges:MaxAttempts"] = "3" });

        await _harness.RunUntilSettledAsync(dispatcher, TimeSpan.FromDays(2));

        var settled = _harness.Outbox[items.Single(i => i.Recipient == Alex.Id).Key];
        Assert.Equal((NudgeStatus.Dead, 3), (settled.Status, settled.Attempts));
        Assert.Equal(now.AddMinutes(6), _harness.Clock.GetUtcNow());
    }

    [Fact]
    public async Task DispatchDue_TwoInstancesOverOneOutbox_EveryNudgeSentExactlyOnce()
    {
        var now = _harness.Clock.GetUtcNow();
        var people = Enumerable.Range(0, 30).Select(i => NudgeTestData.Person($"p{i}", $"Person {i}", "Europe/London")).ToArray();
        await _harness.KnowAsync(people);
        var pairs = Enumerable.Range(0, 15).Select(i => NudgeTestData.Pair($"m{i}", people[2 * i], people[(2 * i) + 1], now.AddMinutes(10))).ToArray();
        var items = await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, pairs);
        var settings = new Dictionary<string, string?> { ["Nudges:BatchSize"] = "7" };
        var a = _harness.CreateDispatcher("a", settings);
        var b = _harness.CreateDispatcher("b", settings);

        var results = new List<NudgeDispatchResult>();
        for (var round = 0; round < 10; round++)
        {
            results.AddRange(await _harness.DriveAsync(Task.WhenAll(a.DispatchDueAsync(CancellationToken.None), b.DispatchDueAsync(CancellationToken.None))));
        }

        Assert.Equal(30, items.Count);
        Assert.Equal(30, results.Sum(r => r.Sent));
        Assert.True(results.Count(r => r.Sent > 0) > 2, "both instances should have taken part");
        var perConversation = _harness.Connector.Received.GroupBy(r => r.ConversationId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(people.Select(p => DispatchHarness.ConversationOf(p.Id)).Order(), perConversation.Keys.Order());
        Assert.All(perConversation.Values, count => Assert.Equal(1, count));
        Assert.All(_harness.Outbox.Items, i => Assert.Equal(NudgeStatus.Sent, i.Status));
    }

    [Fact]
    public async Task DispatchDue_InstanceCrashesBetweenSendAndRecord_SentAgainAfterTheLeaseLapses()
    {
        var now = _harness.Clock.GetUtcNow();
        var items = await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(10)));
        var alexKey = items.Single(i => i.Recipient == Alex.Id).Key;

        // Instance "a" delivers, then dies before the outbox hears about it (its memory goes with it).
        _harness.Outbox.FailMarkSent = lease => lease.Owner == "a" && lease.Item.Key == alexKey ? new StorageUnavailableException("crash") : null;
        var crashed = await _harness.DriveAsync(_harness.CreateDispatcher("a").DispatchDueAsync(CancellationToken.None));
        var survivor = _harness.CreateDispatcher("b");
        var beforeLeaseLapses = await _harness.DriveAsync(survivor.DispatchDueAsync(CancellationToken.None));
        _harness.Clock.Advance(new NudgeOptions().LeaseDuration);
        var afterLeaseLapses = await _harness.DriveAsync(survivor.DispatchDueAsync(CancellationToken.None));

        Assert.Equal((1, 1), (crashed.Sent, crashed.Abandoned));
        Assert.Equal(0, beforeLeaseLapses.Leased);
        Assert.Equal(1, afterLeaseLapses.Sent);

        // At-least-once (decision 0120): never lost, and at most one extra copy per crash.
        Assert.Equal(2, _harness.Connector.ReceivedIn(DispatchHarness.ConversationOf(Alex.Id)).Count);
        Assert.Single(_harness.Connector.ReceivedIn(DispatchHarness.ConversationOf(Pat.Id)));
        Assert.Equal(NudgeStatus.Sent, _harness.Outbox[alexKey].Status);
    }

    [Fact]
    public async Task DispatchDue_OutboxDownWhenRecordingSameInstance_RecordedLaterWithoutSecondSend()
    {
        var now = _harness.Clock.GetUtcNow();
        var items = await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(10)));
        var alexKey = items.Single(i => i.Recipient == Alex.Id).Key;
        var outage = true;
        _harness.Outbox.FailMarkSent = lease => outage && lease.Item.Key == alexKey ? new StorageUnavailableException("outbox down") : null;
        var dispatcher = _harness.CreateDispatcher("a");

        var duringOutage = await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));
        outage = false;
        _harness.Clock.Advance(new NudgeOptions().LeaseDuration);
        var afterOutage = await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal(1, duringOutage.Abandoned);
        Assert.Equal(1, afterOutage.Sent);
        Assert.Single(_harness.Connector.ReceivedIn(DispatchHarness.ConversationOf(Alex.Id)));
        Assert.Equal(NudgeStatus.Sent, _harness.Outbox[alexKey].Status);
        Assert.Equal(now, _harness.Outbox[alexKey].SentAt);
    }

    [Fact]
    public async Task DispatchDue_BurstToOneConversation_NeverMoreThanTeamsAllows()
    {
        var now = _harness.Clock.GetUtcNow();
        var seniors = Enumerable.Range(0, 24).Select(i => NudgeTestData.Person($"s{i}", $"Senior {i}", "Europe/Stockholm")).ToArray();
        await _harness.KnowAsync(seniors);
        var pairs = seniors.Select((s, i) => NudgeTestData.Pair($"m{i}", s, Alex, now.AddMinutes(10))).ToArray();
        await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, pairs);
        var dispatcher = _harness.CreateDispatcher("a");

        var result = await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal(48, result.Sent);
        var toAlex = _harness.Connector.ReceivedIn(DispatchHarness.ConversationOf(Alex.Id)).Select(r => r.At).Order().ToArray();
        Assert.Equal(24, toAlex.Length);
        Assert.True(MostIn(toAlex, TimeSpan.FromSeconds(1)) <= 7, $"{MostIn(toAlex, TimeSpan.FromSeconds(1))} sends within 1 s");
        Assert.True(MostIn(toAlex, TimeSpan.FromSeconds(2)) <= 8, $"{MostIn(toAlex, TimeSpan.FromSeconds(2))} sends within 2 s");
        Assert.True(MostIn(toAlex, TimeSpan.FromSeconds(30)) <= 60);

        // Throughput still follows the bucket: 5 at once, then one a second.
        Assert.Equal(now.AddSeconds(19), toAlex[^1]);
    }

    [Fact]
    public async Task DispatchDue_RecipientMutedTheKindAfterPlanning_DroppedNotSent()
    {
        var now = _harness.Clock.GetUtcNow();
        var pair = NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(10));
        await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, pair);
        _harness.Contexts.Put(pair with { Pair = pair.Pair with { JuniorPreferences = NudgePreferences.None(Alex.Id).Mute(NudgeKind.StartingSoon) } });
        var dispatcher = _harness.CreateDispatcher("a");

        var result = await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal((1, 1), (result.Sent, result.Dropped));
        Assert.Empty(_harness.Connector.ReceivedIn(DispatchHarness.ConversationOf(Alex.Id)));
        Assert.Equal(nameof(NudgeRelevance.Muted), _harness.Outbox.Items.Single(i => i.Recipient == Alex.Id).LastFailure);
    }

    [Fact]
    public async Task DispatchDue_RecipientSnoozedAfterPlanning_PutBackUntilTheSnoozeEnds()
    {
        var now = _harness.Clock.GetUtcNow();
        var pair = NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(-60));
        await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, pair);
        var snoozedUntil = now.AddDays(2);
        _harness.Contexts.Put(pair with { Pair = pair.Pair with { JuniorPreferences = NudgePreferences.None(Alex.Id).SnoozeUntil(snoozedUntil) } });
        var dispatcher = _harness.CreateDispatcher("a");

        var result = await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal((1, 1), (result.Sent, result.Retrying));
        Assert.Empty(_harness.Connector.ReceivedIn(DispatchHarness.ConversationOf(Alex.Id)));
        Assert.Equal(snoozedUntil, _harness.Outbox.Items.Single(i => i.Recipient == Alex.Id).ReadyAt);
    }

    [Fact]
    public async Task DispatchDue_MeetingMovedSincePlanning_DroppedAsObsolete()
    {
        var now = _harness.Clock.GetUtcNow();
        var pair = NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(10));
        await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, pair);
        var moved = pair.Pair.CheckIns[0].Reschedule(new TimeSlot(now.AddDays(1), now.AddDays(1).AddMinutes(30))).Unwrap();
        _harness.Contexts.Put(pair with { Pair = pair.Pair with { CheckIns = [moved] } });
        var dispatcher = _harness.CreateDispatcher("a");

        var result = await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));

        Assert.Equal(2, result.Dropped);
        Assert.Empty(_harness.Connector.Received);
    }

    [Fact]
    public async Task ExecuteAsync_Enabled_SendsDueNudgesOnItsOwnAndStopsCleanly()
    {
        var now = _harness.Clock.GetUtcNow();
        await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(10)));
        var dispatcher = _harness.CreateDispatcher("a");

        await dispatcher.StartAsync(CancellationToken.None);
        await _harness.DriveAsync(WaitUntilAsync(() => _harness.Connector.Received.Count == 2));
        await dispatcher.StopAsync(CancellationToken.None);

        Assert.All(_harness.Outbox.Items, i => Assert.Equal(NudgeStatus.Sent, i.Status));
    }

    [Fact]
    public async Task ExecuteAsync_Disabled_EndsAtOnceAndSendsNothing()
    {
        var now = _harness.Clock.GetUtcNow();
        await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(10)));
        var dispatcher = _harness.CreateDispatcher("a", new Dictionary<string, string?> { ["Nudges:Enabled"] = "false" });

        await dispatcher.StartAsync(CancellationToken.None);
        await dispatcher.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(dispatcher.ExecuteTask.IsCompletedSuccessfully);
        Assert.Empty(_harness.Connector.Received);
        Assert.All(_harness.Outbox.Items, i => Assert.Equal(NudgeStatus.Pending, i.Status));
    }

    [Theory]
    [InlineData("Nudges:BatchSize", "0")]
    [InlineData("Nudges:TenantSendsPerSecond", "50")]
    [InlineData("Nudges:LeaseDuration", "00:00:05")]
    public void Options_OutOfRange_RefusedAtStart(string key, string value)
    {
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => _harness.CreateDispatcher("a", new Dictionary<string, string?> { [key] = value }));
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(10);
        }

        return true;
    }

    private static int MostIn(IReadOnlyList<DateTimeOffset> times, TimeSpan window) =>
        times.Select(start => times.Count(t => t >= start && t <= start + window)).DefaultIfEmpty().Max();
}
