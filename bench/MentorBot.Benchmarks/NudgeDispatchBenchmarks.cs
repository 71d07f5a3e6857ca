using MentorBot.Core;
using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using MentorBot.Bot.Workers;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Benchmarks;

/// <summary>
/// Due nudges through the real dispatcher (lease, re-check, card, rate limiter, proactive send over HTTP, record) to a
/// loopback Connector, and a check that every nudge arrived exactly once. Each recipient is in a tenant of their own:
/// within one tenant the rate limiter caps sends at <c>Nudges:TenantSendsPerSecond</c> on purpose, which would make
/// this measure the limit rather than the dispatcher. <c>NUDGE_BENCH_COUNT</c> overrides the size (e.g. 2000 for a dry run).
/// </summary>
[MemoryDiagnoser]
public class NudgeDispatchBenchmarks
{
    private WebApplication _connector = null!;
    private ConcurrentDictionary<string, int> _received = null!;
    private WebApplication _app = null!;
    private string _dataFolder = string.Empty;
    private BenchOutbox _outbox = null!;
    private NudgeDispatcher _dispatcher = null!;
    private NudgeOutboxItem[] _items = [];

    public static IEnumerable<int> Counts =>
        [int.TryParse(Environment.GetEnvironmentVariable("NUDGE_BENCH_COUNT"), CultureInfo.InvariantCulture, out var n) ? n : 100_000];

    [ParamsSource(nameof(Counts))]
    public int Nudges { get; set; }

    // BenchmarkDotNet's in-process toolchain does not await an async [GlobalSetup]; block on it explicitly.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        (_connector, _received) = await StartConnectorAsync();
        var serviceUrl = _connector.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/";

        // The product's own composition (decision 0300) on a throw-away SQLite folder; only what this benchmark feeds
        // the dispatcher is its own: the due items, their pairs, the conversation references and no snoozes.
        _dataFolder = Path.Combine(Path.GetTempPath(), "mentorbot-dispatch-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = string.Empty,
            ["Storage:DataFolder"] = _dataFolder,
            ["Nudges:InstanceId"] = "bench",
            ["Nudges:BatchSize"] = "1000",
            ["Nudges:MaxConcurrentSends"] = "64",
        });
        builder.AddMentorBotProduct();
        var references = new InMemoryConversationReferenceStore();
        _outbox = new BenchOutbox();
        var contexts = new BenchContexts();
        builder.Services.Replace(ServiceDescriptor.Singleton<IConversationReferenceStore>(references));
        builder.Services.Replace(ServiceDescriptor.Singleton<INudgeOutbox>(_outbox));
        builder.Services.Replace(ServiceDescriptor.Singleton<INudgeContextSource>(contexts));
        builder.Services.Replace(ServiceDescriptor.Singleton<INudgePreferencesStore, NoPreferences>());
        _app = builder.Build();
        var engine = _app.Services.GetRequiredService<ITableEngine>();
        foreach (var table in _app.Services.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await engine.GetTable(table).CreateIfNotExistsAsync(CancellationToken.None);
        }

        _dispatcher = _app.Services.GetRequiredService<NudgeDispatcher>();

        // Pairs meeting in 10 minutes: "starting soon" is due for both people of each.
        var now = DateTimeOffset.UtcNow;
        var planner = _app.Services.GetRequiredService<NudgePlanner>();
        var items = new List<NudgeOutboxItem>(Nudges);
        for (var i = 0; items.Count < Nudges; i++)
        {
            var senior = Person($"s{i}", "Europe/Stockholm");
            var junior = Person($"j{i}", "Europe/London");
            var pair = Pair($"m{i}", senior, junior, now.AddMinutes(10));
            contexts.Put(pair);
            foreach (var person in new[] { senior, junior })
            {
                await references.SaveAsync(PersonKey.From(person.Id), Reference(serviceUrl, person), CancellationToken.None);
            }

            var due = planner.PlanDue(pair.Pair, now);
            if (due.Count == 0)
            {
                throw new InvalidOperationException("The planner found nothing due for a benchmark pair.");
            }

            items.AddRange(due.Take(Nudges - items.Count));
        }

        _items = [.. items];
    }

    [IterationSetup]
    public void Refill()
    {
        _received.Clear();
        _outbox.Reset(_items);
    }

    [Benchmark]
    public async Task<int> DispatchAllDue()
    {
        var sent = 0;
        while (await _dispatcher.DispatchDueAsync(CancellationToken.None) is { Leased: > 0 } result)
        {
            sent += result.Sent;
        }

        var delivered = _received.Values.Sum();
        if (sent != _items.Length || delivered != _items.Length || _received.Count != _items.Length)
        {
            throw new InvalidOperationException(
                $"{_items.Length} due, {sent} recorded as sent, {delivered} delivered to {_received.Count} conversations: lost or duplicated nudges.");
        }

        return sent;
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataFolder, recursive: true);
        await _connector.DisposeAsync();
    }

    private static async Task<(WebApplication App, ConcurrentDictionary<string, int> Received)> StartConnectorAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var received = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        long sequence = 0;
        app.MapPost("/v3/conversations/{conversationId}/activities", async (string conversationId, HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            received.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
            return Results.Json(new { id = $"activity-{Interlocked.Increment(ref sequence)}" });
        });
        await app.StartAsync();
        return (app, received);
    }

    private static ConversationReference Reference(string serviceUrl, Profile person) => new()
    {
        ChannelId = "msteams",
        ServiceUrl = serviceUrl,
        Locale = "en-GB",
        Bot = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" },
        User = new ChannelAccount { Id = $"29:{person.Id}", Name = person.DisplayName, AadObjectId = person.Id.AadObjectId },
        Conversation = new ConversationAccount { Id = $"a:{person.Id}", ConversationType = "personal", TenantId = $"tenant-{person.Id}" },
    };

    private static NudgeSource Pair(string id, Profile senior, Profile junior, DateTimeOffset start)
    {
        var mentorship = Mentorship.Start(
            new MentorshipId(id), senior.Id, junior.Id, new SkillId("ai"), null, start.AddDays(-20), start.AddMonths(3), Cadence.Default).Unwrap();
        var slot = new TimeSlot(start, start.AddMinutes(30));
        var checkIn = CheckIn.Propose(new CheckInId($"{id}-ci"), mentorship, 1, [slot], start.AddDays(-3)).Unwrap()
            .Schedule(slot, "https://teams.microsoft.com/l/meetup-join/x").Unwrap();
        // No quiet hours, so the run does not depend on the time of day it starts.
        var awake = new QuietHours(LocalTime.Midnight, LocalTime.Midnight);
        return new NudgeSource(
            new NudgeContext(mentorship, [checkIn], senior, junior, NudgePreferences.None(senior.Id) with { QuietHours = awake }, NudgePreferences.None(junior.Id) with { QuietHours = awake }),
            "AI tools");
    }

    private static Profile Person(string id, string zone) =>
        new(new UserId(id), $"Person {id}", $"{id}@contoso.com", null, null, new CareerLevel(3), zone,
            new WorkingHours([.. Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)], new LocalTime(0, 0), new LocalTime(23, 59)),
            ["en"], 2, Participation.Active, ProgramRole.Both, [], []);

    private sealed class BenchContexts : INudgeContextSource
    {
        private readonly Dictionary<MentorshipId, NudgeSource> _pairs = [];

        public void Put(NudgeSource source) => _pairs[source.Pair.Mentorship.Id] = source;

        public Task<NudgeSource?> LoadAsync(MentorshipId mentorshipId, CancellationToken cancellationToken) =>
            Task.FromResult(_pairs.GetValueOrDefault(mentorshipId));
    }

    private sealed class NoPreferences : INudgePreferencesStore
    {
        public Task<NudgePreferences?> GetAsync(UserId user, CancellationToken cancellationToken) => Task.FromResult<NudgePreferences?>(null);

        public Task SaveAsync(NudgePreferences preferences, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(UserId user, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The outbox contract in memory (leases with owner, expiry and a version as the ETag).</summary>
    private sealed class BenchOutbox : INudgeOutbox
    {
        private readonly Dictionary<NudgeKey, (NudgeOutboxItem Item, long Version, DateTimeOffset? LeaseExpires)> _items = [];
        private readonly Lock _gate = new();
        private long _version;

        public void Reset(IEnumerable<NudgeOutboxItem> items)
        {
            lock (_gate)
            {
                _items.Clear();
                foreach (var item in items)
                {
                    _items[item.Key] = (item, ++_version, null);
                }
            }
        }

        public Task<EnqueueOutcome> EnqueueIfAbsentAsync(NudgeOutboxItem item, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                return Task.FromResult(_items.TryAdd(item.Key, (item, ++_version, null)) ? EnqueueOutcome.Added : EnqueueOutcome.AlreadyPresent);
            }
        }

        public Task<IReadOnlyList<NudgeLease>> LeaseDueAsync(DateTimeOffset now, string owner, TimeSpan leaseFor, int maxItems, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                var leases = new List<NudgeLease>(maxItems);
                var ready = _items
                    .Where(e => e.Value.Item.Status == NudgeStatus.Pending && e.Value.Item.ReadyAt <= now && (e.Value.LeaseExpires is null || e.Value.LeaseExpires <= now))
                    .Take(maxItems)
                    .ToArray();
                foreach (var (key, entry) in ready)
                {
                    var version = ++_version;
                    _items[key] = (entry.Item, version, now + leaseFor);
                    leases.Add(new NudgeLease(entry.Item, owner, now + leaseFor, version.ToString(CultureInfo.InvariantCulture)));
                }

                return Task.FromResult<IReadOnlyList<NudgeLease>>(leases);
            }
        }

        public Task<LeaseOutcome> MarkSentAsync(NudgeLease lease, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
            Complete(lease, i => i with { Status = NudgeStatus.Sent, SentAt = sentAt, Attempts = i.Attempts + 1 });

        public Task<LeaseOutcome> MarkFailedAsync(NudgeLease lease, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
            Complete(lease, i => i with { Attempts = i.Attempts + 1, NextAttemptAt = nextAttemptAt, LastFailure = reason });

        public Task<LeaseOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken) =>
            Complete(lease, i => i with { Status = NudgeStatus.Dead, LastFailure = reason });

        public Task<LeaseOutcome> MarkDroppedAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken) =>
            Complete(lease, i => i with { Status = NudgeStatus.Dropped, LastFailure = reason.ToString() });

        private Task<LeaseOutcome> Complete(NudgeLease lease, Func<NudgeOutboxItem, NudgeOutboxItem> change)
        {
            lock (_gate)
            {
                if (!_items.TryGetValue(lease.Item.Key, out var entry) || entry.Version.ToString(CultureInfo.InvariantCulture) != lease.Version)
                {
                    return Task.FromResult(LeaseOutcome.LeaseLost);
                }

                _items[lease.Item.Key] = (change(entry.Item), ++_version, null);
                return Task.FromResult(LeaseOutcome.Done);
            }
        }
    }
}
