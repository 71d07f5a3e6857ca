using MentorBot.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;

namespace MentorBot.Bot.Tests.Proactive;

/// <summary>
/// One outbox, one clock, one loopback Connector and one set of conversation references, with as many dispatchers
/// ("instances", each with its own container, sent-log and rate limiter) as a test wants.
/// </summary>
public sealed class DispatchHarness : IAsyncDisposable
{
    public const string TenantId = "tenant-1";

    private readonly List<ServiceProvider> _providers = [];
    private int _inFlight;

    private DispatchHarness(TimerClock clock, LoopbackConnector connector)
    {
        Clock = clock;
        Connector = connector;
    }

    public TimerClock Clock { get; }

    public LoopbackConnector Connector { get; }

    public InMemoryNudgeOutbox Outbox { get; } = new();

    public FakeNudgeContextSource Contexts { get; } = new();

    public InMemoryConversationReferenceStore References { get; } = new();

    public static async Task<DispatchHarness> StartAsync()
    {
        var clock = new TimerClock();
        return new DispatchHarness(clock, await LoopbackConnector.StartAsync(clock));
    }

    public static string ConversationOf(UserId user) => $"a:personal-{user.AadObjectId}";

    /// <summary>Lets the bot reach these people in their 1:1 chats on the loopback Connector.</summary>
    public async Task KnowAsync(params Profile[] people)
    {
        foreach (var person in people)
        {
            await References.SaveAsync(
                PersonKey.From(person.Id),
                new ConversationReference
                {
                    ChannelId = "msteams",
                    ServiceUrl = Connector.ServiceUrl.ToString(),
                    Locale = person.TimeZoneId.StartsWith("America/", StringComparison.Ordinal) ? "en-US" : "en-GB",
                    Bot = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" },
                    User = new ChannelAccount { Id = $"29:{person.Id}", Name = person.DisplayName, AadObjectId = person.Id.AadObjectId },
                    Conversation = new ConversationAccount { Id = ConversationOf(person.Id), ConversationType = "personal", TenantId = TenantId },
                },
                CancellationToken.None);
        }
    }

    public NudgeDispatcher CreateDispatcher(string instanceId, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            // Anonymous local mode: no token, and the loopback serviceUrl is trusted.
            ["MicrosoftAppId"] = string.Empty,
            ["Nudges:InstanceId"] = instanceId,
            ["Nudges:MaxConcurrentSends"] = "8",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddMentorBotCore();
        services.AddBotProtocol();
        services.AddHttpClient(ConnectorClient.HttpClientName).AddHttpMessageHandler(() => new InFlightCounter(this));
        services.AddSingleton<IConversationReferenceStore>(References);
        services.AddSingleton<ProactiveMessenger>();
        services.AddMentorBotNudges(configuration);
        services.AddSingleton<INudgeOutbox>(Outbox);
        services.AddSingleton<INudgeContextSource>(Contexts);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<NudgeDispatcher>();
    }

    /// <summary>
    /// Runs <paramref name="work"/> to completion, moving the clock to the next timer whenever nothing else can
    /// happen: no request in flight and no progress for a moment of real time. Sends are therefore never made
    /// "later" by the test, only by the waits the dispatcher itself asked for.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> work, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        var lastReceived = -1;
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(25));
            var received = Connector.Received.Count;
            var idle = received == lastReceived && Volatile.Read(ref _inFlight) == 0;
            lastReceived = received;
            if (!work.IsCompleted && idle && Clock.NextTimer is { } next)
            {
                Clock.AdvanceTo(next);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The dispatcher did not finish; it may be waiting on a timer that never comes due.");
            }
        }

        return await work;
    }

    /// <summary>Passes until nothing is ready at the current time, moving the clock to each item's retry time in between.</summary>
    public async Task RunUntilSettledAsync(NudgeDispatcher dispatcher, TimeSpan horizon)
    {
        var end = Clock.GetUtcNow() + horizon;
        while (true)
        {
            var result = await DriveAsync(dispatcher.DispatchDueAsync(CancellationToken.None));
            var now = Clock.GetUtcNow();
            var next = Outbox.Items.Where(i => i.Status == NudgeStatus.Pending).Select(i => (DateTimeOffset?)i.ReadyAt).Min();
            if (next is null || next > end || (result.Leased == 0 && next <= now))
            {
                return;
            }

            Clock.AdvanceTo(next.Value > now ? next.Value : now);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await Connector.DisposeAsync();
    }

    private sealed class InFlightCounter(DispatchHarness harness) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref harness._inFlight);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref harness._inFlight);
            }
        }
    }
}
