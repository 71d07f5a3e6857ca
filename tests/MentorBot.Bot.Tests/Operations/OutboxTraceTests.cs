using System.Diagnostics;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Bot.Telemetry;
using MentorBot.Bot.Tests.Proactive;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using OpenTelemetry;
using OpenTelemetry.Trace;
using BotActivity = MentorBot.Bot.Protocol.Schema.Activity;

namespace MentorBot.Bot.Tests.Operations;

/// <summary>
/// A message queued during a turn is sent later by the dispatcher, on another thread and possibly another instance:
/// the outbox row carries the turn's trace context, so the dispatch span (and the Connector send under it) joins
/// the turn's trace. Spans go through the in-memory exporter; other tests share the static source, so each test
/// looks only at its own trace.
/// </summary>
public sealed class OutboxTraceTests : IAsyncLifetime
{
    private static readonly Profile Pat = NudgeTestData.Person("pat", "Pat Morgan", "Europe/Stockholm");
    private static readonly Profile Alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");

    private readonly LockedCollection<Activity> _spans = new();
    private TracerProvider _tracing = null!;
    private DispatchHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(MentorBotTelemetry.Name).AddInMemoryExporter(_spans).Build();
        _harness = await DispatchHarness.StartAsync();
        await _harness.KnowAsync(Pat, Alex);
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _tracing.Dispose();
    }

    [Fact]
    public async Task Dispatch_ItemQueuedDuringATurn_DispatchSpanIsTheTurnsChildAndTheSendItsChild()
    {
        var now = _harness.Clock.GetUtcNow();
        var source = NudgeTestData.Pair("m1", Pat, Alex, now.AddMinutes(10));
        _harness.Contexts.Put(source);
        var planned = NudgeTestData.Planner().PlanDue(source.Pair, now)[0];
        var tableOutbox = await TableOutboxAsync();
        ActivityTraceId turnTrace;
        ActivitySpanId turnSpan;
        using (TurnScope.Begin(new BotActivity { Type = "invoke" }))
        {
            turnTrace = Activity.Current!.TraceId;
            turnSpan = Activity.Current.SpanId;
            await tableOutbox.EnqueueIfAbsentAsync(planned, CancellationToken.None);
        }

        var stored = (await tableOutbox.GetAsync(planned.Key, CancellationToken.None))!;
        await _harness.Outbox.EnqueueIfAbsentAsync(stored, CancellationToken.None);
        var result = await _harness.DriveAsync(_harness.CreateDispatcher("a").DispatchDueAsync(CancellationToken.None));
        _tracing.ForceFlush();

        Assert.Equal(1, result.Sent);
        Assert.StartsWith($"00-{turnTrace}-{turnSpan}-", stored.TraceParent, StringComparison.Ordinal);
        var trace = _spans.Snapshot().Where(s => s.TraceId == turnTrace).ToList();
        var dispatch = Assert.Single(trace, s => s.DisplayName == "outbox dispatch");
        Assert.Equal(turnSpan, dispatch.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, dispatch.Kind);
        Assert.Contains(dispatch.Links, l => l.Context.SpanId == turnSpan);
        Assert.Equal("Sent", dispatch.GetTagItem("mentorbot.outcome"));
        var send = Assert.Single(trace, s => s.DisplayName.StartsWith("connector ", StringComparison.Ordinal));
        Assert.Equal(dispatch.SpanId, send.ParentSpanId);
    }

    [Fact]
    public async Task Enqueue_PlannedOutsideAnySpan_CarriesNoTraceAndKeepsAnExistingOne()
    {
        var now = _harness.Clock.GetUtcNow();
        var planned = NudgeTestData.Planner().PlanDue(NudgeTestData.Pair("m2", Pat, Alex, now.AddMinutes(10)).Pair, now).ToList();
        var tableOutbox = await TableOutboxAsync();
        var previous = Activity.Current;
        Activity.Current = null;
        const string Earlier = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        try
        {
            await tableOutbox.EnqueueIfAbsentAsync(planned[0], CancellationToken.None);
            using (TurnScope.Begin(new BotActivity { Type = "invoke" }))
            {
                await tableOutbox.EnqueueIfAbsentAsync(planned[1] with { TraceParent = Earlier }, CancellationToken.None);
            }
        }
        finally
        {
            Activity.Current = previous;
        }

        Assert.Null((await tableOutbox.GetAsync(planned[0].Key, CancellationToken.None))!.TraceParent);
        Assert.Equal(Earlier, (await tableOutbox.GetAsync(planned[1].Key, CancellationToken.None))!.TraceParent);
    }

    private async Task<TableNudgeOutbox> TableOutboxAsync()
    {
        var engine = new InMemoryTableEngine("trace", _harness.Clock);
        await engine.GetTable(TableNudgeOutbox.TableName).CreateIfNotExistsAsync(CancellationToken.None);
        return new TableNudgeOutbox(engine);
    }
}
