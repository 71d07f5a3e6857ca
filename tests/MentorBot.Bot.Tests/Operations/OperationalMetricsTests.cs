using System.Net;
using System.Text;
using System.Text.Json;
using MentorBot.Bot.Operations;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Bot.Telemetry;
using MentorBot.Bot.Tests.Proactive;
using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using MentorBot.Core;

namespace MentorBot.Bot.Tests.Operations;

/// <summary>Counters and gauges are process-wide statics, so these tests run alone (no other test adds to them meanwhile).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "Process-wide metrics";
}

/// <summary>
/// The operator's metrics through the in-memory exporter: outbox gauges, pairing and request gauges, lease takeovers,
/// 429s with their Retry-After, dead letters and matching time.
/// </summary>
[Collection(ProcessWideMetrics.Name)]
public sealed class OperationalMetricsTests : IAsyncLifetime
{
    private static readonly Profile Pat = NudgeTestData.Person("pat", "Pat Morgan", "Europe/Stockholm");
    private static readonly Profile Alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");

    private readonly LockedCollection<MetricSnapshot> _exported = new();
    private MeterProvider _metrics = null!;
    private DispatchHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _metrics = Sdk.CreateMeterProviderBuilder().AddMeter(MentorBotTelemetry.Name, MatchingMetrics.MeterName).AddInMemoryExporter(_exported).Build();
        _harness = await DispatchHarness.StartAsync();
        await _harness.KnowAsync(Pat, Alex);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _metrics.Dispose();
    }

    [Fact]
    public async Task Gauges_AfterRefresh_ReportBacklogOldestDueAgeActivePairingsAndOpenRequests()
    {
        var now = _harness.Clock.GetUtcNow();
        var outbox = await TableOutboxAsync();
        await outbox.EnqueueIfAbsentAsync(Item("due-early", now.AddSeconds(-90)), CancellationToken.None);
        await outbox.EnqueueIfAbsentAsync(Item("due-late", now.AddSeconds(-10)), CancellationToken.None);
        await outbox.EnqueueIfAbsentAsync(Item("later", now.AddHours(1)), CancellationToken.None);
        var sent = (await outbox.LeaseDueAsync(now, "a", TimeSpan.FromMinutes(1), 1, CancellationToken.None)).Single();
        await outbox.MarkSentAsync(sent, now, CancellationToken.None);
        using var gauges = Gauges(outbox, activePages: [3, 2], openRequests: 4);

        await gauges.RefreshAsync(CancellationToken.None);
        _harness.Clock.Advance(TimeSpan.FromSeconds(5));
        var exported = Collect();

        Assert.Equal(2, Gauge(exported, "mentorbot.outbox.depth"));
        Assert.Equal(15, Gauge(exported, "mentorbot.outbox.oldest_due_age"));
        Assert.Equal(5, Gauge(exported, "mentorbot.pairings.active"));
        Assert.Equal(4, Gauge(exported, "mentorbot.requests.open"));
    }

    [Fact]
    public async Task Gauges_ScrapedWithoutASnapshot_ReportNothingThenRefreshInTheBackground()
    {
        using var gauges = Gauges(await TableOutboxAsync(), activePages: [7], openRequests: 0);

        var first = Collect();
        var later = await PollAsync(() => Gauge(Collect(), "mentorbot.pairings.active"));

        Assert.Null(Gauge(first, "mentorbot.pairings.active"));
        Assert.Equal(7, later);
    }

    [Fact]
    public async Task Gauges_RefreshIntervalConfigured_RecountOnlyOnceTheSnapshotIsThatOld()
    {
        var calls = 0;
        var mentorships = new Mock<IMentorshipStore>();
        mentorships.Setup(m => m.ListActiveAsync(It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Returns(() => Task.FromResult(new Page<Versioned<Mentorship>>([Pairing($"m{Interlocked.Increment(ref calls)}")], null)));
        var options = Options.Create(new TelemetryOptions { GaugeRefreshInterval = TimeSpan.FromMinutes(10) });
        using var gauges = new OperationalGauges(
            await TableOutboxAsync(), mentorships.Object, Requests(0), _harness.Clock, NullLogger<OperationalGauges>.Instance, options);
        await gauges.RefreshAsync(CancellationToken.None);

        // Five minutes on, past the 30 s default but inside the configured ten: the scrape reports the snapshot.
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, Gauge(Collect(), "mentorbot.pairings.active"));
        await Task.Delay(300);
        Assert.Equal(1, Volatile.Read(ref calls));

        // Ten minutes after the last count, the next scrape recounts.
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));
        Collect();
        await PollAsync(() => Volatile.Read(ref calls) == 2 ? 2 : null);
        Assert.Equal(2, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task Gauges_StorageUnavailable_ReportNothingRatherThanOldNumbers()
    {
        var outbox = await TableOutboxAsync();
        var healthy = true;
        var mentorships = new Mock<IMentorshipStore>();
        mentorships.Setup(m => m.ListActiveAsync(It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Returns(() => healthy
                ? Task.FromResult(new Page<Versioned<Mentorship>>([Pairing("m1")], null))
                : throw new StorageUnavailableException("down", new TimeoutException()));
        using var gauges = new OperationalGauges(outbox, mentorships.Object, Requests(0), _harness.Clock, NullLogger<OperationalGauges>.Instance);
        await gauges.RefreshAsync(CancellationToken.None);
        var before = Gauge(Collect(), "mentorbot.pairings.active");

        healthy = false;
        await gauges.RefreshAsync(CancellationToken.None);

        Assert.Equal(1, before);
        Assert.Null(Gauge(Collect(), "mentorbot.pairings.active"));
        Assert.Null(Gauge(Collect(), "mentorbot.outbox.depth"));
    }

    [Fact]
    public async Task LeaseTakeovers_LeaseLapsedAndAnotherWorkerTookIt_CountedOnce()
    {
        var now = _harness.Clock.GetUtcNow();
        var outbox = await TableOutboxAsync();
        await outbox.EnqueueIfAbsentAsync(Item("stalled", now), CancellationToken.None);
        await outbox.EnqueueIfAbsentAsync(Item("fresh", now), CancellationToken.None);
        var baseline = Sum(Collect(), "mentorbot.outbox.lease_takeovers");

        Assert.Single(await outbox.LeaseDueAsync(now, "a", TimeSpan.FromMinutes(1), 1, CancellationToken.None));
        var taken = await outbox.LeaseDueAsync(now.AddMinutes(2), "b", TimeSpan.FromMinutes(1), 10, CancellationToken.None);

        Assert.Equal(2, taken.Count);
        Assert.Equal(1, Sum(Collect(), "mentorbot.outbox.lease_takeovers") - baseline);
    }

    [Fact]
    public async Task ConnectorMetrics_429WithRetryAfterThenRecipientGone_CountThrottleWaitAndDeadLetter()
    {
        var now = _harness.Clock.GetUtcNow();
        await NudgeTestData.EnqueueDueAsync(_harness.Outbox, _harness.Contexts, now, NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(10)));
        _harness.Connector.Script(DispatchHarness.ConversationOf(Alex.Id), new ScriptedReply(429, "Throttled", RetryAfterSeconds: 60));
        _harness.Connector.Script(DispatchHarness.ConversationOf(Pat.Id), new ScriptedReply(403, "BotNotInConversationRoster"));
        var before = Collect();
        var dispatcher = _harness.CreateDispatcher("a");

        await _harness.DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));
        var after = Collect();

        Assert.True(Sum(after, "mentorbot.connector.throttled_responses", ("http.response.status_code", 429)) > Sum(before, "mentorbot.connector.throttled_responses", ("http.response.status_code", 429)));
        var waits = Points(after, "mentorbot.connector.retry_after").ToList();
        Assert.Contains(waits, p => p.GetHistogramCount() > 0 && p.GetHistogramSum() >= 60);
        Assert.Equal(1, Sum(after, "mentorbot.outbox.dispatched", ("mentorbot.outcome", "DeadLettered")) - Sum(before, "mentorbot.outbox.dispatched", ("mentorbot.outcome", "DeadLettered")));
        Assert.Equal(1, Sum(after, "mentorbot.connector.sends", ("mentorbot.outcome", "recipient_gone")) - Sum(before, "mentorbot.connector.sends", ("mentorbot.outcome", "recipient_gone")));
    }

    [Fact]
    public async Task TokenRejections_MissingAndMalformedAuthorization_CountedByReason()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = "11111111-1111-1111-1111-111111111111",
                ["MicrosoftAppPassword"] = "not-a-real-secret",
                ["Bot:TenantMode"] = "Isolated",
            })));
        using var client = factory.CreateClient();
        var body = JsonSerializer.Serialize(TestActivities.Message("hi"), ProtocolJsonContext.Default.Activity);
        var before = Collect();

        using var missing = await client.PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));
        using var malformed = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        malformed.Headers.TryAddWithoutValidation("Authorization", "Basic not-a-bearer");
        using var refused = await client.SendAsync(malformed);
        var after = Collect();

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (missing.StatusCode, refused.StatusCode));
        foreach (var reason in new[] { "MissingAuthorizationHeader", "MalformedAuthorizationHeader" })
        {
            Assert.Equal(1, Sum(after, "mentorbot.auth.rejections", ("mentorbot.reason", reason)) - Sum(before, "mentorbot.auth.rejections", ("mentorbot.reason", reason)));
        }
    }

    [Fact]
    public void MatchingDuration_RankingMeasured_RecordedByKind()
    {
        var result = MatchingMetrics.Measure(MatchingMetrics.Cohort, () => 42);

        var cohort = Points(Collect(), "mentorbot.matching.duration", (MatchingMetrics.KindTag, MatchingMetrics.Cohort)).Single();
        Assert.Equal(42, result);
        Assert.True(cohort.GetHistogramCount() >= 1);
    }

    private OperationalGauges Gauges(INudgeOutbox outbox, int[] activePages, int openRequests)
    {
        var mentorships = new Mock<IMentorshipStore>();
        for (var i = 0; i < activePages.Length; i++)
        {
            var token = i == 0 ? null : $"page-{i}";
            var next = i + 1 < activePages.Length ? $"page-{i + 1}" : null;
            var items = Enumerable.Range(0, activePages[i]).Select(n => Pairing($"m-{i}-{n}")).ToList();
            mentorships.Setup(m => m.ListActiveAsync(token, It.IsAny<CancellationToken>())).ReturnsAsync(new Page<Versioned<Mentorship>>(items, next));
        }

        return new OperationalGauges(outbox, mentorships.Object, Requests(openRequests), _harness.Clock, NullLogger<OperationalGauges>.Instance);
    }

    private IRequestStore Requests(int open)
    {
        var requests = new Mock<IRequestStore>();
        var items = Enumerable.Range(0, open)
            .Select(n => new Versioned<MentoringRequest>(
                MentoringRequest.Create(new RequestId($"r-{n}"), Pat.Id, new SkillId("power-bi"), null, MeetingFormat.Call, Urgency.ThisMonth, _harness.Clock.GetUtcNow()),
                new ETag("e")))
            .ToList();
        requests.Setup(r => r.ListOpenAsync(null, It.IsAny<CancellationToken>())).ReturnsAsync(new Page<Versioned<MentoringRequest>>(items, null));
        return requests.Object;
    }

    private Versioned<Mentorship> Pairing(string id) =>
        new(NudgeTestData.Pair(id, Pat, Alex, _harness.Clock.GetUtcNow()).Pair.Mentorship, new ETag("e"));

    private static NudgeOutboxItem Item(string key, DateTimeOffset dueAt) =>
        new(new NudgeKey(key), Alex.Id, NudgeKind.Inactivity, dueAt, new NudgePayload(new MentorshipId("m1")));

    private async Task<TableNudgeOutbox> TableOutboxAsync()
    {
        var engine = new InMemoryTableEngine("metrics", _harness.Clock);
        await engine.GetTable(TableNudgeOutbox.TableName).CreateIfNotExistsAsync(CancellationToken.None);
        return new TableNudgeOutbox(engine);
    }

    private List<MetricSnapshot> Collect()
    {
        _exported.Clear();
        _metrics.ForceFlush();
        return _exported.Snapshot();
    }

    private static async Task<double?> PollAsync(Func<double?> read)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (read() is { } value)
            {
                return value;
            }

            await Task.Delay(50);
        }

        return null;
    }

    private static IEnumerable<MetricPoint> Points(List<MetricSnapshot> exported, string name, params (string Key, object Value)[] tags) =>
        exported.Where(m => m.Name == name).SelectMany(m => m.MetricPoints).Where(p => tags.All(t => HasTag(p, t.Key, t.Value)));

    private static bool HasTag(MetricPoint point, string key, object value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && Equals(Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)))
            {
                return true;
            }
        }

        return false;
    }

    private static long Sum(List<MetricSnapshot> exported, string name, params (string Key, object Value)[] tags) =>
        Points(exported, name, tags).Sum(p => p.GetSumLong());

    private static double? Gauge(List<MetricSnapshot> exported, string name)
    {
        var point = Points(exported, name).Cast<MetricPoint?>().LastOrDefault();
        return point is not { } found ? null
            : exported.First(m => m.Name == name).MetricType == MetricType.DoubleGauge ? found.GetGaugeLastValueDouble() : found.GetGaugeLastValueLong();
    }
}
