using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Telemetry;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static MentorBot.Bot.Tests.Flows.Cast;
using MentorBot.Bot.Turns;
using Activity = System.Diagnostics.Activity;
using BotActivity = MentorBot.Bot.Protocol.Schema.Activity;

namespace MentorBot.Bot.Tests.Operations;

/// <summary>
/// The mentoring loop (profile, ask, let MentorBot choose, the junior gets the offer) through the real HTTP pipeline
/// with the in-memory exporter: spans nest request → turn → Connector send → HTTP call, the metrics are there, and no
/// attribute carries a name, an id that leads to a person, message text or a free-text answer.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string AskText = "I need help with Power BI";

    // Everything the people in the loop typed or are called: names, ids, the message, the free-text goal, an email's "@".
    private static readonly string[] Forbidden =
    [
        "Sam Senior", "Jo Junior", "Power BI", AskText, (string)((Dictionary<string, string>)FlowScriptTests.PowerBiAsk)[AskForHelpData.GoalInput],
        "Marketing", PlaygroundActivities.AadObjectId, PlaygroundActivities.UserId, PlaygroundActivities.Conversation,
        Jo.Id.AadObjectId, Jo.TeamsId, Jo.ConversationId, "tenant-1", "@",
    ];

    // The exporters add from whichever thread ends a span (the dispatcher sends in the background), so the test reads
    // through the same lock the exporter writes under.
    private readonly LockedCollection<Activity> _spans = new();
    private readonly LockedCollection<Metric> _metrics = new();
    private readonly LockedCollection<ExportedLog> _logs = new();
    private readonly WebApplicationFactory<Program> _factory;
    private LoopbackConnector _connector = null!;
    private PlaygroundActivities? _activities;

    private PlaygroundActivities Activities => _activities ??= new(() => _connector.ServiceUrl);

    public TelemetryTests() =>
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) =>
                configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["MicrosoftAppId"] = string.Empty,
                    // Stricter than production (Information): whatever our own code logs at any level is checked.
                    ["Logging:LogLevel:MentorBot"] = "Trace",
                }));
            builder.ConfigureTestServices(services =>
            {
                // As the host wraps SQLite or Azure Tables, so the in-memory engine is measured too.
                services.Replace(ServiceDescriptor.Singleton<ITableEngine>(sp => new InstrumentedTableEngine(new InMemoryTableEngine("telemetry", TimeProvider.System))));
                // No exporter is configured, so the host builds no provider (0276): the test asks for one, and gets the
                // host's sources, instrumentation and meters with it.
                services.AddOpenTelemetry()
                    .WithTracing(tracing => tracing.AddInMemoryExporter(_spans))
                    .WithMetrics(metrics => metrics.AddInMemoryExporter(_metrics))
                    // As UseOtlpExporter does in production: log records at the configured levels, default options.
                    .WithLogging(logging => logging.AddProcessor(new SimpleLogRecordExportProcessor(new LogCapture(_logs))));
            });
        });

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task MentoringLoop_ThroughHttp_SpansNestAndMetricsCountAndNothingPersonal()
    {
        await RunMentoringLoopAsync();
        _factory.Services.GetRequiredService<TracerProvider>().ForceFlush();
        _factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        var spans = Snapshot();

        // Request → turn → Connector send → HTTP call, in one trace per inbound request.
        var servers = spans.Where(s => s.Kind == ActivityKind.Server && s.DisplayName == "POST /api/messages").ToList();
        var turns = spans.Where(s => s.Source.Name == MentorBotTelemetry.Name && s.DisplayName.StartsWith("turn ", StringComparison.Ordinal)
            && servers.Any(server => server.SpanId == s.ParentSpanId)).ToList();
        Assert.True(turns.Count >= 5, $"{turns.Count} turn spans under {servers.Count} requests");
        Assert.Contains(turns, t => (string?)t.GetTagItem("mentorbot.verb") == CardVerbs.AskForHelp);
        Assert.Contains(turns, t => (string?)t.GetTagItem("mentorbot.verb") == CardVerbs.LetMentorBotChoose);
        Assert.All(turns, t => Assert.Equal("ok", t.GetTagItem("mentorbot.outcome")));
        var sends = spans.Where(s => s.DisplayName.StartsWith("connector ", StringComparison.Ordinal) && turns.Any(t => t.SpanId == s.ParentSpanId)).ToList();
        Assert.NotEmpty(sends);
        Assert.All(sends, s => Assert.Equal("sent", s.GetTagItem("mentorbot.outcome")));
        var http = spans.Where(s => s.Kind == ActivityKind.Client && sends.Any(send => send.SpanId == s.ParentSpanId)).ToList();
        Assert.NotEmpty(http);
        // Sends, and the roster reads that fill a profile's e-mail after a turn (0360), both with the ids redacted.
        Assert.All(http, h => Assert.Matches(@"/v3/conversations/\{id\}/(activities|members/\{id\}$)", (string?)h.GetTagItem("url.full")));
        Assert.Contains(http, h => ((string?)h.GetTagItem("url.full"))!.Contains("/activities", StringComparison.Ordinal));

        Assert.Contains(spans, s => s.DisplayName.StartsWith("storage ", StringComparison.Ordinal) && turns.Any(t => t.SpanId == s.ParentSpanId));
        Assert.Contains(_metrics, m => m.Name == "mentorbot.storage.duration");
        Assert.Contains(_metrics, m => m.Name == "mentorbot.turn.duration");
        Assert.Contains(_metrics, m => m.Name == "mentorbot.connector.sends");
        // Ranking for "let MentorBot choose" is Core's, on Core's meter, exported by the Bot's registration.
        Assert.Contains(_metrics, m => m.Name == "mentorbot.matching.duration");

        // The loopback Connector is a Kestrel app in this process, so its server spans (children of our HTTP calls)
        // are recorded too; in production that side is Microsoft's.
        var ours = spans.Where(s => !(s.Kind == ActivityKind.Server && spans.Any(c => c.Kind == ActivityKind.Client && c.SpanId == s.ParentSpanId)));
        foreach (var (where, value) in Attributes(ours).Concat(MetricAttributes()))
        {
            AssertNothingPersonal(where, value);
        }
    }

    [Fact]
    public async Task MentoringLoop_LogRecords_CarryNothingPersonal()
    {
        await RunMentoringLoopAsync();
        _factory.Services.GetRequiredService<LoggerProvider>().ForceFlush();
        var logs = _logs.Snapshot();

        // Not vacuous: the loop logs (our own categories among them) and the records reach the exporter.
        Assert.Contains(logs, l => l.Category.StartsWith("MentorBot.", StringComparison.Ordinal));
        foreach (var log in logs)
        {
            foreach (var (key, value) in log.Fields)
            {
                AssertNothingPersonal($"log {log.Category} #{log.EventId} {key}", value);
            }
        }
    }

    private static void AssertNothingPersonal(string where, string value)
    {
        foreach (var word in Forbidden)
        {
            Assert.False(value.Contains(word, StringComparison.OrdinalIgnoreCase), $"{where} = '{value}' carries '{word}'");
        }
    }

    private async Task RunMentoringLoopAsync()
    {
        using var client = _factory.CreateClient();
        var profiles = _factory.Services.GetRequiredService<IProfileStore>();
        await profiles.InsertAsync(Junior(Jo, SkillLevel.Expert, "Marketing"), CancellationToken.None);
        await PostAsync(client, Activities.Message("hi", Jo.TeamsId, Jo.Id.AadObjectId, Jo.ConversationId));
        await PostAsync(client, Activities.FromPlayground(ActivityTypes.Invoke, PlaygroundActivities.Execute(CardVerbs.SetUpProfile, new JsonObject())));
        await _connector.WaitForRequestAsync(r => r.Body.Contains(CardVerbs.SaveProfile, StringComparison.Ordinal));
        await PostAsync(client, Activities.FromPlayground(ActivityTypes.Invoke, PlaygroundActivities.Execute(CardVerbs.SaveProfile, JsonSerializer.SerializeToNode(FlowScriptTests.ProfileForm)!.AsObject())));
        await _connector.WaitForRequestAsync(r => r.Body.Contains("your profile is saved", StringComparison.Ordinal));
        await PostAsync(client, Activities.FromPlayground(ActivityTypes.Message, a => a.Text = AskText));
        await _connector.WaitForRequestAsync(r => r.Body.Contains(CardVerbs.AskForHelp, StringComparison.Ordinal));
        await PostAsync(client, Activities.FromPlayground(ActivityTypes.Invoke, PlaygroundActivities.Execute(CardVerbs.AskForHelp, JsonSerializer.SerializeToNode(FlowScriptTests.PowerBiAsk)!.AsObject())));
        await _connector.WaitForRequestAsync(r => r.Body.Contains("Colleagues who could help with Power BI", StringComparison.Ordinal));
        var senior = TurnPerson.UserIdOf(new ChannelAccount { Id = PlaygroundActivities.UserId, AadObjectId = PlaygroundActivities.AadObjectId })!.Value;
        var request = (await _factory.Services.GetRequiredService<IRequestStore>().ListBySeniorAsync(senior, CancellationToken.None)).Single();
        await PostAsync(client, Activities.FromPlayground(ActivityTypes.Invoke, PlaygroundActivities.Execute(CardVerbs.LetMentorBotChoose, new JsonObject { ["requestId"] = request.Id.Value, ["version"] = 0 })));
        await _connector.WaitForRequestAsync(r => r.Body.Contains("would like to learn from you", StringComparison.Ordinal));
    }

    private List<Activity> Snapshot() => _spans.Snapshot();

    private static IEnumerable<(string Where, string Value)> Attributes(IEnumerable<Activity> spans) =>
        spans.SelectMany(span => span.TagObjects
            .Select(tag => ($"span '{span.DisplayName}' {tag.Key}", Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""))
            .Append(($"span name", span.DisplayName))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => ($"event {e.Name} {t.Key}", Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")))));

    private IEnumerable<(string Where, string Value)> MetricAttributes()
    {
        foreach (var metric in _metrics.Snapshot())
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    yield return ($"metric {metric.Name} {tag.Key}", Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
            }
        }
    }

    private static async Task PostAsync(HttpClient client, BotActivity activity)
    {
        using var response = await client.PostAsync(
            "/api/messages", new StringContent(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>One log record as an exporter sees it: body, formatted message, every attribute, scopes, the exception.</summary>
internal sealed record ExportedLog(string Category, int EventId, IReadOnlyList<(string Key, string Value)> Fields);

/// <summary>
/// Copies each record's exportable parts to strings as it is exported (the SDK pools and reuses <see cref="LogRecord"/>s,
/// so keeping the records themselves would read later records' fields).
/// </summary>
internal sealed class LogCapture(ICollection<ExportedLog> into) : BaseExporter<LogRecord>
{
    public override ExportResult Export(in Batch<LogRecord> batch)
    {
        foreach (var record in batch)
        {
            var fields = new List<(string, string)> { ("body", record.Body ?? ""), ("message", record.FormattedMessage ?? "") };
            fields.AddRange((record.Attributes ?? []).Select(a => (a.Key, Text(a.Value))));
            record.ForEachScope(
                (scope, list) =>
                {
                    foreach (var item in scope)
                    {
                        list.Add(($"scope {item.Key}", Text(item.Value)));
                    }
                },
                fields);
            if (record.Exception is { } exception)
            {
                fields.Add(("exception", exception.ToString()));
            }

            into.Add(new ExportedLog(record.CategoryName ?? "", record.EventId.Id, fields));
        }

        return ExportResult.Success;
    }

    private static string Text(object? value) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

/// <summary>A collection the in-memory exporters can add to from any thread while the test enumerates a snapshot.</summary>
internal sealed class LockedCollection<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public List<T> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item)
    {
        lock (_items)
        {
            return _items.Contains(item);
        }
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (_items)
        {
            _items.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(T item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        lock (_items)
        {
            return Snapshot().GetEnumerator();
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
