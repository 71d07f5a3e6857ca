using MentorBot.Core;
using System.Collections.Concurrent;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentorBot.Storage.Tests;

/// <summary>
/// The whole dispatcher — two real <see cref="NudgeDispatcher"/>s, each as its own "instance" with its own engine
/// connection — over one outbox on the backend under test, sending to a loopback Connector (decisions 0111, 0120).
/// </summary>
public abstract partial class TableEngineContractTests
{
    private static readonly DateTimeOffset DispatchStart = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Dispatch_TwoDispatchersOverOneOutbox_EveryNudgeSentExactlyOnceNoneLost()
    {
        await using var rig = await DispatchRig.StartAsync(this, pairs: 12);
        var a = rig.Dispatcher("a", rig.FirstOutbox);
        var b = rig.Dispatcher("b", rig.SecondOutbox);

        var results = new List<NudgeDispatchResult>();
        for (var round = 0; round < 8 && rig.Delivered.Count < rig.Planned.Count; round++)
        {
            results.AddRange(await Task.WhenAll(a.DispatchDueAsync(None), b.DispatchDueAsync(None)));
        }

        Assert.Equal(24, rig.Planned.Count);
        Assert.Equal(rig.Planned.Count, results.Sum(r => r.Sent));
        var (byA, byB) = (results.Where((_, i) => i % 2 == 0).Sum(r => r.Sent), results.Where((_, i) => i % 2 == 1).Sum(r => r.Sent));
        Assert.True(byA > 0 && byB > 0, $"both instances should have sent some (a {byA}, b {byB})");
        Assert.All(rig.Planned, item => Assert.Equal(1, rig.DeliveredTo(item.Recipient)));
        foreach (var item in rig.Planned)
        {
            Assert.Equal(NudgeStatus.Sent, (await rig.FirstOutbox.GetAsync(item.Key, None))!.Status);
        }
    }

    [Fact]
    public async Task Dispatch_InstanceDiesBetweenSendAndRecord_OtherResendsOnceAfterTheLeaseLapses_NothingLost()
    {
        await using var rig = await DispatchRig.StartAsync(this, pairs: 2);
        var victim = rig.Planned[0];

        // Instance "a" delivers everything, then "crashes" before the outbox hears about the first one: its record
        // never arrives (the process is gone), so the lease is all that is left of its work.
        var crashing = new CrashBeforeRecording(rig.FirstOutbox, victim.Key);
        var crashed = await rig.Dispatcher("a", crashing).DispatchDueAsync(None);
        var survivor = rig.Dispatcher("b", rig.SecondOutbox);
        var whileLeased = await survivor.DispatchDueAsync(None);
        rig.Clock.Advance(new NudgeOptions().LeaseDuration + TimeSpan.FromSeconds(1));
        var afterLapse = await survivor.DispatchDueAsync(None);
        var settled = await survivor.DispatchDueAsync(None);

        Assert.Equal((3, 1), (crashed.Sent, crashed.Abandoned)); // the victim went out but its record did not
        Assert.Equal(0, whileLeased.Leased);
        Assert.Equal(1, afterLapse.Sent);
        Assert.Equal(0, settled.Leased);

        // At-least-once with one idempotency key per nudge: the crashed one arrives twice, with the same key; nothing
        // else repeats and nothing is lost.
        Assert.Equal(2, rig.DeliveredTo(victim.Recipient));
        Assert.All(rig.Planned.Where(i => i.Key != victim.Key), item => Assert.Equal(1, rig.DeliveredTo(item.Recipient)));
        Assert.Equal(NudgeStatus.Sent, (await rig.FirstOutbox.GetAsync(victim.Key, None))!.Status);
    }

    /// <summary>Passes everything through except the record of one send, which fails as a dying process would.</summary>
    private sealed class CrashBeforeRecording(INudgeOutbox inner, NudgeKey victim) : INudgeOutbox
    {
        public Task<EnqueueOutcome> EnqueueIfAbsentAsync(NudgeOutboxItem item, CancellationToken cancellationToken) => inner.EnqueueIfAbsentAsync(item, cancellationToken);

        public Task<IReadOnlyList<NudgeLease>> LeaseDueAsync(DateTimeOffset now, string owner, TimeSpan leaseFor, int maxItems, CancellationToken cancellationToken) =>
            inner.LeaseDueAsync(now, owner, leaseFor, maxItems, cancellationToken);

        public Task<LeaseOutcome> MarkSentAsync(NudgeLease lease, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
            lease.Item.Key == victim ? throw new StorageUnavailableException("The instance died before recording the send.") : inner.MarkSentAsync(lease, sentAt, cancellationToken);

        public Task<LeaseOutcome> MarkFailedAsync(NudgeLease lease, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
            inner.MarkFailedAsync(lease, nextAttemptAt, reason, cancellationToken);

        public Task<LeaseOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken) => inner.DeadLetterAsync(lease, reason, cancellationToken);

        public Task<LeaseOutcome> MarkDroppedAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken) => inner.MarkDroppedAsync(lease, reason, cancellationToken);
    }

    private sealed class DispatchRig : IAsyncDisposable
    {
        private readonly List<ServiceProvider> _providers = [];
        private readonly ConcurrentDictionary<MentorshipId, NudgeSource> _pairs = new();
        private readonly InMemoryConversationReferenceStore _references = new();

        private DispatchRig(LoopbackConnector connector, TableNudgeOutbox first, TableNudgeOutbox second)
        {
            Connector = connector;
            FirstOutbox = first;
            SecondOutbox = second;
        }

        public ManualTimeProvider Clock { get; } = new(DispatchStart);

        public LoopbackConnector Connector { get; }

        public TableNudgeOutbox FirstOutbox { get; }

        public TableNudgeOutbox SecondOutbox { get; }

        public List<NudgeOutboxItem> Planned { get; } = [];

        public IReadOnlyList<RecordedRequest> Delivered => [.. Connector.Requests.Where(r => r.Method == "POST")];

        /// <summary>Pairs whose check-in starts in 10 minutes: each person is due one "starting soon" nudge.</summary>
        public static async Task<DispatchRig> StartAsync(TableEngineContractTests backend, int pairs)
        {
            var (first, second) = await backend.NewOutboxesAsync();
            var rig = new DispatchRig(await LoopbackConnector.StartAsync(), first, second);
            var planner = new NudgePlanner(Options.Create(new CheckInOptions()));
            for (var i = 0; i < pairs; i++)
            {
                var senior = await rig.PersonAsync($"s{i}", $"Senior {i}", "Europe/London");
                var junior = await rig.PersonAsync($"j{i}", $"Junior {i}", "Europe/Berlin");
                var source = Pair($"m{i}", senior, junior, DispatchStart.AddMinutes(10));
                rig._pairs[source.Pair.Mentorship.Id] = source;
                foreach (var item in planner.PlanDue(source.Pair, DispatchStart))
                {
                    Assert.Equal(EnqueueOutcome.Added, await first.EnqueueIfAbsentAsync(item, None));
                    rig.Planned.Add(item);
                }
            }

            return rig;
        }

        /// <summary>Sends into one person's 1:1 chat (the conversation id is the last-but-one path segment).</summary>
        public int DeliveredTo(UserId user) => Delivered.Count(r =>
            Uri.UnescapeDataString(r.RawTarget).EndsWith($"/a:personal-{user.AadObjectId}/activities", StringComparison.Ordinal));

        public NudgeDispatcher Dispatcher(string instanceId, INudgeOutbox outbox)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = string.Empty,
                ["Nudges:InstanceId"] = instanceId,
                ["Nudges:BatchSize"] = "5",
                ["Nudges:TenantSendsPerSecond"] = "45",
            }).Build();
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddLogging();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddMentorBotCore();
            services.AddBotProtocol();
            services.AddSingleton<IConversationReferenceStore>(_references);
            services.AddSingleton<ProactiveMessenger>();
            services.AddMentorBotNudges(configuration);
            services.AddSingleton(outbox);
            services.AddSingleton<INudgeContextSource>(new Sources(_pairs));
            services.AddSingleton<INudgePreferencesStore>(new NoPreferences());
            var provider = services.BuildServiceProvider();
            _providers.Add(provider);
            return provider.GetRequiredService<NudgeDispatcher>();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var provider in _providers)
            {
                await provider.DisposeAsync();
            }

            await Connector.DisposeAsync();
        }

        private async Task<Profile> PersonAsync(string id, string name, string zone)
        {
            var person = new Profile(
                new UserId(id), name, null, null, null, new CareerLevel(3), zone, WorkingHours.Default, ["en"], 3,
                Participation.Active, ProgramRole.Both, [], []);
            await _references.SaveAsync(
                PersonKey.From(person.Id),
                new ConversationReference
                {
                    ChannelId = "msteams",
                    ServiceUrl = Connector.ServiceUrl,
                    Locale = "en-GB",
                    Bot = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" },
                    User = new ChannelAccount { Id = $"29:{id}", Name = name, AadObjectId = id },
                    Conversation = new ConversationAccount { Id = $"a:personal-{id}", ConversationType = "personal", TenantId = "tenant-1" },
                },
                None);
            return person;
        }

        private static NudgeSource Pair(string id, Profile senior, Profile junior, DateTimeOffset start)
        {
            var mentorship = Mentorship.Start(
                new MentorshipId(id), senior.Id, junior.Id, new SkillId("power-bi"), null, start.AddDays(-20), start.AddMonths(3), Cadence.Default).Unwrap();
            var checkIn = new CheckIn(
                new CheckInId($"{id}-ci-2"), mentorship.Id, 2, CheckInStatus.Scheduled, [],
                new ScheduledMeeting(new TimeSlot(start, start.AddMinutes(30)), "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0"),
                0, [], [], null, null, null, start.AddDays(-3), null);
            return new NudgeSource(new NudgeContext(mentorship, [checkIn], senior, junior), "Power BI");
        }
    }

    private sealed class Sources(ConcurrentDictionary<MentorshipId, NudgeSource> pairs) : INudgeContextSource
    {
        public Task<NudgeSource?> LoadAsync(MentorshipId mentorshipId, CancellationToken cancellationToken) =>
            Task.FromResult(pairs.TryGetValue(mentorshipId, out var source) ? source : null);
    }

    private sealed class NoPreferences : INudgePreferencesStore
    {
        public Task<NudgePreferences?> GetAsync(UserId user, CancellationToken cancellationToken) => Task.FromResult<NudgePreferences?>(null);

        public Task SaveAsync(NudgePreferences preferences, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(UserId user, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
