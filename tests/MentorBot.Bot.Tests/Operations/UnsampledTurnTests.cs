using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Telemetry;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Activity = System.Diagnostics.Activity;
using BotActivity = MentorBot.Bot.Protocol.Schema.Activity;

namespace MentorBot.Bot.Tests.Operations;

/// <summary>
/// Decision 0420: in a turn whose request is sampled out (the production advice samples one in ten) our spans (turn,
/// storage, Connector send) do not even ask the sampler, which would drop them all; nothing of ours is created. A
/// sampled request still gets all of them, nested as before.
/// </summary>
public sealed class UnsampledTurnTests : IAsyncLifetime
{
    private readonly LockedCollection<Activity> _spans = new();
    private readonly CountingSampler _sampler = new(new ParentBasedSampler(new AlwaysOffSampler()));
    private readonly WebApplicationFactory<Program> _factory;
    private LoopbackConnector _connector = null!;

    public UnsampledTurnTests() =>
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) =>
                configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = string.Empty }));
            builder.ConfigureTestServices(services =>
            {
                services.Replace(ServiceDescriptor.Singleton<ITableEngine>(sp => new InstrumentedTableEngine(new InMemoryTableEngine("unsampled", TimeProvider.System))));
                // As OTEL_TRACES_SAMPLER=parentbased_traceidratio does for a caller's traceparent: its sampled flag decides.
                services.AddOpenTelemetry().WithTracing(tracing => tracing
                    .SetSampler(_sampler)
                    .AddInMemoryExporter(_spans));
            });
        });

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task SampledOutTurn_CreatesNoSpansOfOurs_SampledTurnCreatesThemAll()
    {
        using var client = _factory.CreateClient();
        var activities = new PlaygroundActivities(() => _connector.ServiceUrl);
        // Counts every Activity our source creates, recorded or not, by trace (other tests run in parallel).
        var created = new Dictionary<ActivityTraceId, int>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MentorBotTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStarted = activity =>
            {
                lock (created)
                {
                    created[activity.TraceId] = created.GetValueOrDefault(activity.TraceId) + 1;
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var unsampled = ActivityTraceId.CreateRandom();
        await PostAsync(client, activities.FromPlayground(ActivityTypes.Message, a => a.Text = "hi"), unsampled, sampled: false);
        await _connector.WaitForRequestAsync(r => r.RawTarget.Contains("/activities", StringComparison.Ordinal));
        var sampled = ActivityTraceId.CreateRandom();
        await PostAsync(client, activities.FromPlayground(ActivityTypes.Message, a => a.Text = "hi"), sampled, sampled: true);
        _factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        lock (created)
        {
            Assert.Equal(0, created.GetValueOrDefault(unsampled));
            Assert.Equal(0, _sampler.CallsFor(unsampled));
            Assert.True(_sampler.CallsFor(sampled) >= 3, $"{_sampler.CallsFor(sampled)} sampler calls for spans of ours in the sampled turn");
            Assert.True(created.GetValueOrDefault(sampled) >= 3, $"{created.GetValueOrDefault(sampled)} spans of ours in the sampled turn");
        }

        var spans = _spans.Snapshot();
        Assert.DoesNotContain(spans, s => s.TraceId == unsampled);
        var turn = Assert.Single(spans, s => s.TraceId == sampled && s.DisplayName.StartsWith("turn ", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.TraceId == sampled && s.Kind == ActivityKind.Server && s.SpanId == turn.ParentSpanId);
        Assert.Contains(spans, s => s.DisplayName.StartsWith("storage ", StringComparison.Ordinal) && s.ParentSpanId == turn.SpanId);
        Assert.Contains(spans, s => s.DisplayName.StartsWith("connector ", StringComparison.Ordinal) && s.ParentSpanId == turn.SpanId);
    }

    private static async Task PostAsync(HttpClient client, BotActivity activity, ActivityTraceId trace, bool sampled)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-{(sampled ? "01" : "00")}");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Counts the sampler's decisions about our own spans (turn, storage, connector), per trace.</summary>
    private sealed class CountingSampler(Sampler inner) : Sampler
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<ActivityTraceId, int> _calls = new();

        public int CallsFor(ActivityTraceId trace) => _calls.GetValueOrDefault(trace);

        public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
        {
            if (samplingParameters.Name is "turn" or "storage" or "connector")
            {
                _calls.AddOrUpdate(samplingParameters.TraceId, 1, (_, n) => n + 1);
            }

            return inner.ShouldSample(samplingParameters);
        }
    }
}
