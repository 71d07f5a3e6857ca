using System.Collections.Concurrent;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Sessions;
using MentorBot.Core;
using MentorBot.Core.Nudges;
using MentorBot.Core.Outbox;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Sessions;
using MentorBot.Core.Skills;
using MentorBot.Storage.Tests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Storage.Tests;

/// <summary>
/// Group sessions (decision 0470) on each backend, through the product's composition: the seat counter and the ticket
/// counter on the session row, attendee rows and message rows written in one conditional batch, so seats are never
/// over-booked and each press tells its person exactly one thing, also with two bot instances on one storage.
/// </summary>
public abstract partial class TableEngineContractTests
{
    private static readonly DateTimeOffset SessionsNow = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sessions_FiftyJoinAtOnceOnTwoInstances_TenSeatedFortyWaitlistedInWriteOrder_NobodyToldBoth()
    {
        await using var rig = await SessionsRig.StartAsync(this);
        var seniors = Enumerable.Range(0, 50).Select(i => SampleProfile($"aad-senior-{i:00}") with { DisplayName = $"Senior {i}" }).ToList();
        var session = await rig.OfferAsync(seats: 10);

        using var go = new ManualResetEventSlim();
        var presses = seniors.Select((senior, i) => Task.Run(async () =>
        {
            go.Wait();
            return (senior.Id, Outcome: await rig.Service(i % 2).JoinAsync(session.Id, senior, None));
        })).ToList();
        go.Set();
        var outcomes = (await Task.WhenAll(presses)).ToDictionary(p => p.Id, p => p.Outcome);

        var snapshot = (await rig.Service(0).GetAsync(session.Id, None))!;
        var seated = snapshot.Seated.ToList();
        var waitlist = snapshot.Waitlist.ToList();
        Assert.Equal(10, seated.Count);
        Assert.Equal(10, snapshot.Session.Value.SeatsTaken);
        Assert.Equal(40, waitlist.Count);
        Assert.Equal(51, snapshot.Session.Value.NextTicket);

        // Tickets are handed out by the session row's conditional write, so their order is the order the writes
        // succeeded in: every ticket once, the first ten seated, the waitlist in ticket order.
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), snapshot.Attendees.Select(a => a.Value.Ticket).Order());
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), seated.Select(a => a.Ticket));
        Assert.Equal(Enumerable.Range(11, 40).Select(i => (long)i), waitlist.Select(a => a.Ticket));
        foreach (var attendee in seated)
        {
            Assert.Equal(JoinResult.Seated, outcomes[attendee.Person].Result);
        }

        foreach (var (attendee, place) in waitlist.Select((a, i) => (a, i + 1)))
        {
            Assert.Equal((JoinResult.Waitlisted, (int?)place), (outcomes[attendee.Person].Result, outcomes[attendee.Person].Place));
        }

        // Exactly one message per person, matching where they ended up; nobody was told both.
        var messages = await rig.MessagesAsync();
        Assert.Equal(50, messages.Count);
        foreach (var senior in seniors)
        {
            var mine = Assert.Single(messages, m => m.Recipient == senior.Id);
            var expected = seated.Any(a => a.Person == senior.Id) ? RequestMessageKind.SessionSeat : RequestMessageKind.SessionWaitlisted;
            Assert.Equal(expected, mine.Kind);
        }

        // What each waitlisted person is told at send time is their place in that order.
        var renderer = rig.First.GetRequiredService<SessionMessageRenderer>();
        foreach (var (attendee, place) in waitlist.Select((a, i) => (a, i + 1)))
        {
            var told = await renderer.RenderAsync(messages.Single(m => m.Recipient == attendee.Person), None);
            Assert.Equal(place, told!.Place);
        }
    }

    [Fact]
    public async Task Sessions_StaleWrite_WritesNeitherSessionNorAttendeeNorMessage()
    {
        await using var rig = await SessionsRig.StartAsync(this);
        var session = await rig.OfferAsync(seats: 3);
        var store = rig.First.GetRequiredService<IGroupSessionStore>();
        var read = (await store.GetAsync(session.Id, None))!;
        var ann = SampleProfile("aad-ann");
        await rig.Service(1).JoinAsync(session.Id, ann, None);

        var bob = new SessionAttendee(session.Id, new UserId("aad-bob"), AttendeeStatus.Seated, 1, SessionsNow);
        var message = new RequestMessage($"{session.Id}.t1.SessionSeat.aad-bob", default, bob.Person, RequestMessageKind.SessionSeat, SessionsNow, Session: session.Id);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.WriteAsync(
            read.Session.Value with { SeatsTaken = 1, NextTicket = 2 }, read.Session.ETag, [new AttendeeWrite(bob, null)], [message], None));

        var after = (await store.GetAsync(session.Id, None))!;
        Assert.Equal([ann.Id], after.Attendees.Select(a => a.Value.Person));
        Assert.Equal(1, after.Session.Value.SeatsTaken);
        Assert.DoesNotContain(await rig.MessagesAsync(), m => m.Recipient == bob.Person);
    }

    [Fact]
    public async Task Sessions_SeatLeft_FirstOnWaitlistMovesUpInTheSameWriteAndIsToldOnce_WaitlistLeaverFreesNothing()
    {
        await using var rig = await SessionsRig.StartAsync(this);
        var session = await rig.OfferAsync(seats: 2);
        var people = Enumerable.Range(0, 5).Select(i => SampleProfile($"aad-p{i}")).ToList();
        foreach (var person in people)
        {
            await rig.Service(0).JoinAsync(session.Id, person, None);
        }

        Assert.Equal(LeaveResult.LeftWaitlist, await rig.Service(1).LeaveAsync(session.Id, people[3].Id, None));
        Assert.Equal(LeaveResult.LeftSeat, await rig.Service(1).LeaveAsync(session.Id, people[0].Id, None));
        Assert.Equal(LeaveResult.NotAttending, await rig.Service(0).LeaveAsync(session.Id, people[0].Id, None));

        var snapshot = (await rig.Service(0).GetAsync(session.Id, None))!;
        Assert.Equal([people[1].Id, people[2].Id], snapshot.Seated.Select(a => a.Person));
        Assert.Equal([people[4].Id], snapshot.Waitlist.Select(a => a.Person));
        Assert.Equal(2, snapshot.Session.Value.SeatsTaken);
        var toTwo = (await rig.MessagesAsync()).Where(m => m.Recipient == people[2].Id).Select(m => m.Kind).Order().ToList();
        Assert.Equal([RequestMessageKind.SessionWaitlisted, RequestMessageKind.SessionSeatFreed], toTwo);
        Assert.DoesNotContain(await rig.MessagesAsync(), m => m.Recipient == people[4].Id && m.Kind == RequestMessageKind.SessionSeatFreed);

        // Joining again after leaving is a new press: a new ticket at the end of the line.
        Assert.Equal(JoinResult.Waitlisted, (await rig.Service(1).JoinAsync(session.Id, people[0], None)).Result);
        Assert.Equal([people[4].Id, people[0].Id], (await rig.Service(0).GetAsync(session.Id, None))!.Waitlist.Select(a => a.Person));
    }

    [Fact]
    public async Task Sessions_CancelAndMove_TellEveryoneOnce_OnlyTheHostMay_AndHostLeavingTheProgramCancelsKindly()
    {
        await using var rig = await SessionsRig.StartAsync(this);
        var first = await rig.OfferAsync(seats: 1, program: new ProgramId("p1"));
        var second = await rig.OfferAsync(seats: 1, program: new ProgramId("p1"));
        var elsewhere = await rig.OfferAsync(seats: 1, program: new ProgramId("p2"));
        var ann = SampleProfile("aad-ann");
        var bob = SampleProfile("aad-bob");
        foreach (var session in new[] { first, second, elsewhere })
        {
            await rig.Service(0).JoinAsync(session.Id, ann, None);
            await rig.Service(1).JoinAsync(session.Id, bob, None);
        }

        Assert.Equal(HostChangeResult.NotHost, await rig.Service(0).CancelAsync(first.Id, ann.Id, None));
        Assert.Equal(HostChangeResult.Done, await rig.Service(1).MoveAsync(first.Id, rig.Host.Id, 0, SessionsNow.AddDays(9), None));
        Assert.Equal(HostChangeResult.Done, await rig.Service(0).CancelAsync(first.Id, rig.Host.Id, None));
        Assert.Equal(HostChangeResult.AlreadyCancelled, await rig.Service(1).CancelAsync(first.Id, rig.Host.Id, None));
        Assert.Equal(1, await rig.Service(1).HostLeftProgramAsync(rig.Host, new ProgramId("p1"), None));

        var messages = await rig.MessagesAsync();
        foreach (var person in new[] { ann.Id, bob.Id })
        {
            Assert.Single(messages, m => m.Recipient == person && m.Session == first.Id && m.Kind == RequestMessageKind.SessionMoved);
            Assert.Single(messages, m => m.Recipient == person && m.Session == first.Id && m.Kind == RequestMessageKind.SessionCancelled);
            Assert.Single(messages, m => m.Recipient == person && m.Session == second.Id && m.Kind == RequestMessageKind.SessionCancelledKindly);
            Assert.DoesNotContain(messages, m => m.Recipient == person && m.Session == elsewhere.Id && m.Kind is RequestMessageKind.SessionCancelledKindly or RequestMessageKind.SessionCancelled);
        }

        // The move's message is obsolete once the session is cancelled: rendered at send time, it says nothing.
        var renderer = rig.First.GetRequiredService<SessionMessageRenderer>();
        Assert.Null(await renderer.RenderAsync(messages.First(m => m.Kind == RequestMessageKind.SessionMoved), None));
        Assert.NotNull(await renderer.RenderAsync(messages.First(m => m.Kind == RequestMessageKind.SessionCancelled), None));
        Assert.Equal(SessionStatus.Open, (await rig.Service(0).GetAsync(elsewhere.Id, None))!.Session.Value.Status);
    }

    [Fact]
    public async Task Sessions_MessagesAreLeasedThroughTheOneOutbox_AndForgetMeRemovesAnAttendeeAndGivesTheSeatBack()
    {
        await using var rig = await SessionsRig.StartAsync(this);
        var session = await rig.OfferAsync(seats: 2);
        var ann = SampleProfile("aad-ann");
        await rig.Service(0).JoinAsync(session.Id, ann, None);

        var outbox = rig.Second.GetRequiredService<IRequestMessageOutbox>();
        var leased = await outbox.LeaseDueAsync(SessionsNow.AddMinutes(1), "b", TimeSpan.FromMinutes(5), 10, None);
        var lease = Assert.Single(leased);
        Assert.Equal(RequestMessageKind.SessionSeat, RequestMessageJson.Read(lease.Item)!.Kind);
        Assert.Equal(LeaseOutcome.Done, await outbox.MarkSentAsync(lease, SessionsNow.AddMinutes(1), None));
        Assert.Equal(NudgeStatus.Sent, (await ((TableMessageOutbox)outbox).GetAsync(lease.Item.Key, None))!.Status);

        var erased = await rig.First.GetRequiredService<TableGroupSessionStore>().EraseAsync(Core.Privacy.ErasureSubject.For(ann.Id), None);
        Assert.Equal(2, erased);
        var after = (await rig.Service(0).GetAsync(session.Id, None))!;
        Assert.Empty(after.Attendees);
        Assert.Equal(0, after.Session.Value.SeatsTaken);
    }

    [Fact]
    public async Task Sessions_AnnouncementWrittenOnceWithTheSession_LeasedByOneOfTwoInstances_OnlyWhereAChannelWasChosen()
    {
        await using var rig = await SessionsRig.StartAsync(this);
        var programs = rig.First.GetRequiredService<IProgramStore>();
        var announced = new ProgramId("announced");
        await programs.InsertAsync(
            new MentoringProgram(
                announced, "Announced", new ProgramGoals("Learn together", []),
                new CohortDates(new NodaTime.LocalDate(2026, 11, 1), new NodaTime.LocalDate(2027, 4, 30)),
                new MeetingDefaults(2, TimeSpan.FromMinutes(30)), MentoringProgram.DefaultReOfferWindow, [rig.Host.Id])
            { Tenant = rig.Host.Tenant, SessionsChannel = "19:general@thread.tacv2" },
            None);

        var session = await rig.OfferAsync(seats: 3, program: announced);
        await rig.OfferAsync(seats: 3, program: new ProgramId("no-channel"));
        await rig.OfferAsync(seats: 3);

        var messages = await rig.MessagesAsync();
        var announcement = Assert.Single(messages, m => m.Kind == RequestMessageKind.SessionAnnounced);
        Assert.Equal((session.Id, MentoringProgram.SessionsChannelRecipient(announced)), (announcement.Session!.Value, announcement.Recipient));

        // Both instances' dispatchers lease at once: exactly one gets the announcement.
        using var go = new ManualResetEventSlim();
        var leases = new[] { "a", "b" }.Select(id => Task.Run(async () =>
        {
            go.Wait();
            return await (id == "a" ? rig.First : rig.Second).GetRequiredService<IRequestMessageOutbox>()
                .LeaseDueAsync(SessionsNow.AddMinutes(1), id, TimeSpan.FromMinutes(5), 10, None);
        })).ToList();
        go.Set();
        var leased = (await Task.WhenAll(leases)).SelectMany(l => l).Where(l => RequestMessageJson.Read(l.Item)!.Kind == RequestMessageKind.SessionAnnounced).ToList();
        Assert.Single(leased);

        // Rendered at send time: a cancelled session is not announced.
        var renderer = rig.First.GetRequiredService<SessionMessageRenderer>();
        Assert.NotNull(await renderer.RenderAsync(announcement, None));
        Assert.Equal(HostChangeResult.Done, await rig.Service(1).CancelAsync(session.Id, rig.Host.Id, None));
        Assert.Null(await renderer.RenderAsync(announcement, None));
    }

    private sealed class SessionsRig : IAsyncDisposable
    {
        private readonly List<ServiceProvider> _providers = [];

        public required IServiceProvider First { get; init; }

        public required IServiceProvider Second { get; init; }

        public required Profile Host { get; init; }

        public required string Prefix { get; init; }

        public required PrefixedEngine Engine { get; init; }

        public GroupSessionService Service(int instance) => (instance == 0 ? First : Second).GetRequiredService<GroupSessionService>();

        public static async Task<SessionsRig> StartAsync(TableEngineContractTests backend)
        {
            var prefix = "g" + Guid.NewGuid().ToString("N")[..10];
            var clock = new ManualTimeProvider(SessionsNow);
            var first = Instance("a", new PrefixedEngine(backend.Engine, prefix), clock);
            var second = Instance("b", new PrefixedEngine(backend.CreateSecondEngine(), prefix), clock);
            foreach (var table in first.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                await new PrefixedEngine(backend.Engine, prefix).GetTable(table).CreateIfNotExistsAsync(None);
            }

            var host = SampleProfile("aad-host") with { DisplayName = "Jo Host" };
            await first.GetRequiredService<IProfileStore>().InsertAsync(host, None);
            var rig = new SessionsRig { First = first, Second = second, Host = host, Prefix = prefix, Engine = new PrefixedEngine(backend.Engine, prefix) };
            rig._providers.AddRange([first, second]);
            return rig;

            static ServiceProvider Instance(string id, ITableEngine engine, TimeProvider time)
            {
                var services = ProductServices.Compose(
                    new MentorBotOverrides { StorageEngine = engine, Clock = time },
                    new Dictionary<string, string?> { ["Nudges:InstanceId"] = id });

                // What is observed here is storage: the send right after a write is left to the dispatcher.
                services.Replace(ServiceDescriptor.Singleton<IRequestMessageDelivery, LeaveForDispatcher>());
                return services.BuildServiceProvider(MentorBotHost.ProviderOptions);
            }
        }

        public async Task<GroupSession> OfferAsync(int seats, ProgramId? program = null)
        {
            var outcome = await Service(0).OfferAsync(
                Host, new SessionDraft("Prompting AI tools", new SkillId("ai-tools"), "Hands-on basics", TimeSpan.FromHours(1), seats, [SessionsNow.AddDays(7)], program), None);
            return Assert.IsType<OfferOutcome.Created>(outcome).Session;
        }

        public async Task<IReadOnlyList<RequestMessage>> MessagesAsync()
        {
            var rows = await Engine.GetTable(TableGroupSessionStore.TableName).QueryAllAsync(
                "session", EntityFilter.Equal("Kind", EntityProperty.String(MessageRows.Kind)), None);
            var outbox = (TableMessageOutbox)First.GetRequiredService<IRequestMessageOutbox>();
            var messages = new List<RequestMessage>();
            foreach (var row in rows)
            {
                var key = row.RowKey["o|".Length..];
                messages.Add(RequestMessageJson.Read((await outbox.GetAsync(new NudgeKey(key), None))!)!);
            }

            return [.. messages.OrderBy(m => m.At).ThenBy(m => m.Key, StringComparer.Ordinal)];
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var provider in _providers)
            {
                await provider.DisposeAsync();
            }
        }
    }

    private sealed class LeaveForDispatcher : IRequestMessageDelivery
    {
        public Task DeliverAsync(IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
