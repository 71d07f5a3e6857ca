using System.Collections.Concurrent;
using System.Net;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Mentoring;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Storage.Tests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MentorBot.Bot.Workers;
using MentorBot.Core;
using MentorBot.Core.Programs;
using MentorBot.Core.Outbox;

namespace MentorBot.Storage.Tests;

/// <summary>
/// Request messages through the outbox (decision 0306) on each backend: written in the request's own transaction, and
/// delivered exactly once by two bot instances (the product's composition, each with its own engine connection) while
/// the Connector fails, throttles and times out, or after the instance that wrote the step died.
/// </summary>
public abstract partial class TableEngineContractTests
{
    private static readonly DateTimeOffset MessagesStart = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RequestMessages_StaleStep_WritesNeitherRequestNorMessages_CurrentStepWritesBoth()
    {
        var store = await NewMentoringStoreAsync();
        var request = NewRequest("r-atomic");
        var etag = await store.InsertAsync(request, None);
        var offered = Offered(request, new UserId("aad-a"));
        var message = new RequestMessage("r-atomic.1.Offered.Offered.aad-a", request.Id, new UserId("aad-a"), RequestMessageKind.Offered, Monday);
        await store.ReplaceAsync(request with { Goal = "moved on" }, etag, None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(offered, etag, [message], None));
        Assert.Null(await store.GetMessageAsync(new NudgeKey(message.Key), None));

        var current = (await ((IRequestStore)store).GetAsync(request.Id, None))!.ETag;
        await store.ReplaceAsync(offered, current, [message], None);
        var written = await store.GetMessageAsync(new NudgeKey(message.Key), None);
        Assert.Equal((NudgeKind.Message, NudgeStatus.Pending, message.Recipient), (written!.Kind, written.Status, written.Recipient));
        Assert.Equal(message, RequestMessageJson.Read(written));
        Assert.Equal(RequestStatus.Offered, (await ((IRequestStore)store).GetAsync(request.Id, None))!.Value.Status);
        Assert.DoesNotContain(await store.ListBySeniorAsync(Helen, None), r => r.Id != request.Id);
    }

    [Fact]
    public async Task PairingMessages_StaleWrite_WritesNeitherPairingNorMessage_CurrentWriteWritesBoth()
    {
        var store = await NewMentoringStoreAsync();
        var junior = new UserId("aad-j");
        var offered = Offered(NewRequest("r-pairmsg"), junior);
        var etag = await store.InsertAsync(offered, None);
        var accepted = Changed(offered.Accept(junior, Monday));
        var pairing = StartPair(accepted, junior);
        await store.ReplaceAndStartMentorshipAsync(accepted, etag, pairing, None);
        var stale = (await store.GetAsync(pairing.Id, None))!.ETag;
        await store.ReplaceAsync(pairing with { Cadence = new Cadence(TimeSpan.FromDays(7), TimeSpan.FromMinutes(45)) }, stale, None);
        var ended = pairing.End(EndReason.ClosedByParticipant, Monday.AddDays(1)).Unwrap();
        var message = PairingMessage.ForPairing(junior, ended, accepted.Senior, Monday.AddDays(1));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(ended, stale, [message], None));
        Assert.Null(await store.GetMessageAsync(new NudgeKey(message.Key), None));
        Assert.Equal(MentorshipStatus.Active, (await store.GetAsync(pairing.Id, None))!.Value.State.Status);

        await store.ReplaceAsync(ended, (await store.GetAsync(pairing.Id, None))!.ETag, [message], None);
        var written = await store.GetMessageAsync(new NudgeKey(message.Key), None);
        Assert.Equal((NudgeKind.Message, NudgeStatus.Pending, junior), (written!.Kind, written.Status, written.Recipient));
        Assert.Equal(message, RequestMessageJson.Read(written));
        Assert.Equal(MentorshipStatus.Ended, (await store.GetAsync(pairing.Id, None))!.Value.State.Status);
    }

    [Fact]
    public async Task RequestMessages_TwoInstancesLeaseAtOnce_EachMessageLeasedOnce()
    {
        var prefix = "m" + Guid.NewGuid().ToString("N")[..10];
        var first = await NewMentoringStoreAsync(Engine, prefix);
        var second = await NewMentoringStoreAsync(CreateSecondEngine(), prefix);
        var request = NewRequest("r-lease");
        var etag = await first.InsertAsync(request, None);
        var messages = Enumerable.Range(0, 6)
            .Select(i => new RequestMessage($"r-lease.{i}.Offered.Progress.aad-{i}", request.Id, new UserId($"aad-{i}"), RequestMessageKind.Progress, Monday))
            .ToList();
        await first.ReplaceAsync(request with { Goal = "six messages" }, etag, messages, None);

        var leases = await Task.WhenAll(
            Task.Run(() => first.LeaseDueAsync(Monday, "a", TimeSpan.FromMinutes(5), 10, None)),
            Task.Run(() => second.LeaseDueAsync(Monday, "b", TimeSpan.FromMinutes(5), 10, None)));
        var again = await first.LeaseAsync([.. messages.Select(m => new NudgeKey(m.Key))], Monday, "a", TimeSpan.FromMinutes(5), None);

        Assert.Equal(messages.Select(m => m.Key).Order(), leases.SelectMany(l => l).Select(l => l.Item.Key.Value).Order());
        Assert.Empty(again);
        var lease = leases.SelectMany(l => l).First();
        Assert.Equal(LeaseOutcome.Done, await second.MarkSentAsync(lease, Monday, None));
        Assert.Equal(LeaseOutcome.LeaseLost, await first.MarkSentAsync(lease, Monday, None));
        Assert.Equal(NudgeStatus.Sent, (await first.GetMessageAsync(lease.Item.Key, None))!.Status);
    }

    [Fact]
    public async Task RequestMessages_ConnectorFails500Then429ThenTimesOutWhileJuniorAccepts_EachIntroArrivesOnceAfterRecovery()
    {
        await using var rig = await MessagesRig.StartAsync(this);
        rig.Connector.FailNext(
            new SendOutcome.Failed(HttpStatusCode.InternalServerError, null),
            new SendOutcome.Throttled(TimeSpan.FromSeconds(30)),
            new SendOutcome.Failed(HttpStatusCode.GatewayTimeout, "Timeout"),
            new SendOutcome.Failed(HttpStatusCode.InternalServerError, null));

        var accepted = await rig.First.GetRequiredService<MentoringService>().AcceptAsync(rig.Request, rig.Junior.Id, None);

        Assert.IsType<Core.Requests.AcceptOutcome.Paired>(accepted);
        Assert.Equal(0, rig.Connector.IntrosTo(rig.Senior) + rig.Connector.IntrosTo(rig.Junior));
        await rig.DispatchUntilQuietAsync();

        Assert.Equal(0, rig.Connector.Failing);
        Assert.Equal(1, rig.Connector.IntrosTo(rig.Senior));
        Assert.Equal(1, rig.Connector.IntrosTo(rig.Junior));
        Assert.All(await rig.MessagesAsync(), m => Assert.Equal(NudgeStatus.Sent, m.Status));
    }

    [Fact]
    public async Task RequestMessages_InstanceDiesBetweenTheAcceptsWriteAndTheSend_OtherInstanceDeliversOnce()
    {
        // The first instance writes the pairing and leases its messages for the send, then is killed: nothing went out,
        // and its leases are all that is left of its work.
        await using var rig = await MessagesRig.StartAsync(this, firstDiesAfterLeasing: true);

        var accepted = await rig.First.GetRequiredService<MentoringService>().AcceptAsync(rig.Request, rig.Junior.Id, None);
        var whileLeased = await rig.SecondDispatcher.DispatchDueAsync(None);
        await rig.DispatchUntilQuietAsync();

        Assert.IsType<Core.Requests.AcceptOutcome.Paired>(accepted);
        Assert.Equal(0, whileLeased.Leased);
        Assert.Equal(1, rig.Connector.IntrosTo(rig.Senior));
        Assert.Equal(1, rig.Connector.IntrosTo(rig.Junior));
        Assert.All(await rig.MessagesAsync(), m => Assert.Equal(NudgeStatus.Sent, m.Status));
    }

    private sealed class MessagesRig : IAsyncDisposable
    {
        public const string OwnerId = "aad-owner";

        private readonly List<ServiceProvider> _providers = [];

        private MessagesRig(ScriptedConnector connector, ManualTimeProvider clock) => (Connector, Clock) = (connector, clock);

        public ManualTimeProvider Clock { get; }

        public ScriptedConnector Connector { get; }

        public required IServiceProvider First { get; init; }

        public required IServiceProvider Second { get; init; }

        public NudgeDispatcher FirstDispatcher => First.GetRequiredService<NudgeDispatcher>();

        public NudgeDispatcher SecondDispatcher => Second.GetRequiredService<NudgeDispatcher>();

        public required Profile Senior { get; init; }

        public required Profile Junior { get; init; }

        /// <summary>Reads concerns about pairs in no program (<c>Concerns:DefaultOwners</c>); never one of the pair.</summary>
        public required Profile Owner { get; init; }

        public required RequestId Request { get; init; }

        public static async Task<MessagesRig> StartAsync(TableEngineContractTests backend, bool firstDiesAfterLeasing = false)
        {
            var prefix = "q" + Guid.NewGuid().ToString("N")[..10];
            var connector = new ScriptedConnector();
            var clock = new ManualTimeProvider(MessagesStart);
            var first = Instance("a", new PrefixedEngine(backend.Engine, prefix), connector, clock, firstDiesAfterLeasing);
            var second = Instance("b", new PrefixedEngine(backend.CreateSecondEngine(), prefix), connector, clock, dies: false);
            foreach (var table in first.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                await new PrefixedEngine(backend.Engine, prefix).GetTable(table).CreateIfNotExistsAsync(None);
            }

            var senior = SampleProfile("aad-senior") with { DisplayName = "Sam Senior", Level = new CareerLevel(12) };
            var junior = SampleProfile("aad-junior") with { DisplayName = "Jo Junior", Level = new CareerLevel(2) };
            var owner = SampleProfile(OwnerId) with { DisplayName = "Olu Owner", Level = new CareerLevel(14) };
            var profiles = first.GetRequiredService<IProfileStore>();
            var references = first.GetRequiredService<IConversationReferenceStore>();
            foreach (var person in new[] { senior, junior, owner })
            {
                await profiles.InsertAsync(person, None);
                await references.SaveAsync(PersonKey.From(person.Id), Reference(person), None);
            }

            var request = MentoringRequest.Create(new RequestId("r-intro"), senior.Id, new SkillId("power-bi"), "Dashboards", MeetingFormat.Call, Urgency.ThisWeek, MessagesStart);
            request = ((RequestTransition.Changed)request.OfferTo(junior.Id, MessagesStart, TimeSpan.FromHours(48))).Request;
            await first.GetRequiredService<IRequestStore>().InsertAsync(request, None);

            var rig = new MessagesRig(connector, clock) { First = first, Second = second, Senior = senior, Junior = junior, Owner = owner, Request = request.Id };
            rig._providers.AddRange([first, second]);
            return rig;

            ServiceProvider Instance(string id, ITableEngine engine, IConnectorClient client, TimeProvider time, bool dies)
            {
                var services = ProductServices.Compose(
                    new MentorBotOverrides { StorageEngine = engine, Clock = time, Connector = client },
                    new Dictionary<string, string?> { ["Nudges:InstanceId"] = id, ["Concerns:DefaultOwners:0"] = OwnerId });
                if (dies)
                {
                    services.Replace(ServiceDescriptor.Singleton<IRequestMessageDelivery>(sp => new LeaseThenDie(sp.GetRequiredService<IRequestMessageOutbox>(), time)));
                }

                return services.BuildServiceProvider(MentorBotHost.ProviderOptions);
            }
        }

        /// <summary>Both instances' dispatchers, a pass at a time, with the clock moving past every backoff and lease.</summary>
        public async Task DispatchUntilQuietAsync()
        {
            for (var round = 0; round < 12; round++)
            {
                await Task.WhenAll(FirstDispatcher.DispatchDueAsync(None), SecondDispatcher.DispatchDueAsync(None));
                Clock.Advance(TimeSpan.FromMinutes(10));
            }
        }

        public async Task<IReadOnlyList<NudgeOutboxItem>> MessagesAsync()
        {
            var store = (TableMentoringStore)First.GetRequiredService<IRequestStore>();
            var keys = new[] { Senior, Junior }.Select(p => new NudgeKey($"{Request.Value}.1.Matched.PairingStarted.{p.Id.AadObjectId}"));
            var items = new List<NudgeOutboxItem>();
            foreach (var key in keys)
            {
                items.Add(await store.GetMessageAsync(key, None) ?? throw new InvalidOperationException($"No message {key}."));
            }

            return items;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var provider in _providers)
            {
                await provider.DisposeAsync();
            }
        }

        private static ConversationReference Reference(Profile person) => new()
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.example.test/emea/",
            Locale = "en-GB",
            Bot = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" },
            User = new ChannelAccount { Id = $"29:{person.Id.AadObjectId}", Name = person.DisplayName, AadObjectId = person.Id.AadObjectId },
            Conversation = new ConversationAccount { Id = $"a:personal-{person.Id.AadObjectId}", ConversationType = "personal", TenantId = "tenant-1" },
        };
    }

    /// <summary>An instance that leased its step's messages for the send and was killed before sending any.</summary>
    private sealed class LeaseThenDie(IRequestMessageOutbox outbox, TimeProvider time) : IRequestMessageDelivery
    {
        public async Task DeliverAsync(IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) =>
            await outbox.LeaseAsync([.. messages.Select(m => new NudgeKey(m.Key))], time.GetUtcNow(), "a", new NudgeOptions().LeaseDuration, cancellationToken);
    }

    /// <summary>
    /// The Connector as the product's client reports it after its own retry budget: scripted failures first, then
    /// every send succeeds and is recorded per conversation. Updates of posted cards always succeed.
    /// </summary>
    private sealed class ScriptedConnector : IConnectorClient
    {
        private readonly ConcurrentQueue<SendOutcome> _failures = new();
        private int _nextId;

        public ConcurrentQueue<(string ConversationId, Activity Activity)> Sent { get; } = new();

        public int Failing => _failures.Count;

        public void FailNext(params SendOutcome[] outcomes)
        {
            foreach (var outcome in outcomes)
            {
                _failures.Enqueue(outcome);
            }
        }

        public int SendsTo(Profile person) => Sent.Count(s => s.ConversationId == $"a:personal-{person.Id.AadObjectId}");

        public IEnumerable<string> CardsTo(Profile person) =>
            Sent.Where(s => s.ConversationId == $"a:personal-{person.Id.AadObjectId}").SelectMany(s => s.Activity.Attachments ?? []).Select(a => a.Content.ToString()!);

        public int IntrosTo(Profile person) =>
            Sent.Count(s => s.ConversationId == $"a:personal-{person.Id.AadObjectId}" && s.Activity.Attachments?.Any(a => a.Content.ToString()!.Contains("Meet ", StringComparison.Ordinal)) == true);

        public Task<SendOutcome> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
        {
            if (_failures.TryDequeue(out var failure))
            {
                return Task.FromResult(failure);
            }

            Sent.Enqueue((conversationId, activity));
            return Task.FromResult<SendOutcome>(new SendOutcome.Sent($"activity-{Interlocked.Increment(ref _nextId)}"));
        }

        public Task<SendOutcome> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
            SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken);

        public Task<SendOutcome> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
            Task.FromResult<SendOutcome>(new SendOutcome.Sent(activityId));

        public Task<SendOutcome> DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
            Task.FromResult<SendOutcome>(new SendOutcome.Sent(activityId));

        public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
            Task.FromResult(new ConnectorResult<ConversationResourceResponse>(null, new SendOutcome.Failed(HttpStatusCode.NotImplemented, null)));

        public Task<ConnectorResult<IReadOnlyList<ChannelAccount>>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken) =>
            Task.FromResult(new ConnectorResult<IReadOnlyList<ChannelAccount>>(null, new SendOutcome.Failed(HttpStatusCode.NotImplemented, null)));

        public Task<ConnectorResult<TeamsChannelAccount>> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) =>
            Task.FromResult(new ConnectorResult<TeamsChannelAccount>(null, new SendOutcome.Failed(HttpStatusCode.NotImplemented, null)));

        public Task<ConnectorResult<TeamsPagedMembersResult>> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken) =>
            Task.FromResult(new ConnectorResult<TeamsPagedMembersResult>(null, new SendOutcome.Failed(HttpStatusCode.NotImplemented, null)));
    }
}
