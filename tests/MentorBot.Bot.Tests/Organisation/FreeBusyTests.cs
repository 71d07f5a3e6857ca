using MentorBot.Core;
using MentorBot.Bot.Organisation;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Outbox;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using MentorBot.Testing;
using Microsoft.Extensions.Options;
using Moq;

namespace MentorBot.Bot.Tests.Organisation;

/// <summary>Proposed check-in times with Graph free/busy (decision 0372): busy blocks from getSchedule are never offered.</summary>
public sealed class FreeBusyTests : IAsyncLifetime
{
    // Monday 23 November 2026, 06:00 UTC (07:00 in Berlin): the earliest time is 10:00 UTC after 4 h notice.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    private LoopbackGraphDirectory _graph = null!;

    public async Task InitializeAsync() => _graph = await LoopbackGraphDirectory.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task Propose_WithGraph_NeverOffersATimeEitherPersonIsBusyTentativeOrAway()
    {
        _graph.AddRange([new StubUser("senior") { Mail = "senior@contoso.example" }, new StubUser("junior") { Mail = "junior@contoso.example" }]);
        var busy = new List<(DateTimeOffset Start, DateTimeOffset End, string Status)>();
        for (var day = 0; day < 21; day++)
        {
            // Busy every morning in Berlin except one free hour (11:00-12:00), plus a whole day out of office.
            var date = Now.Date.AddDays(day);
            busy.Add((new DateTimeOffset(date.AddHours(7), TimeSpan.Zero), new DateTimeOffset(date.AddHours(10), TimeSpan.Zero), "busy"));
            busy.Add((new DateTimeOffset(date.AddHours(11), TimeSpan.Zero), new DateTimeOffset(date.AddHours(13), TimeSpan.Zero), "busy"));
        }

        busy.Add((Now.AddDays(2).Date.AddHours(0), Now.AddDays(3).Date, "oof"));
        _graph.Busy["senior@contoso.example"] = busy;
        _graph.Busy["junior@contoso.example"] = [.. Enumerable.Range(0, 21).Select(d =>
            (new DateTimeOffset(Now.Date.AddDays(d).AddHours(13), TimeSpan.Zero), new DateTimeOffset(Now.Date.AddDays(d).AddHours(14), TimeSpan.Zero), "tentative"))];
        using var host = new OrganisationHost(_graph);
        Assert.IsType<GraphAvailability>(host.Get<IAvailability>());

        var withGraph = await ProposeAsync(host.Get<IAvailability>());
        var declaredOnly = await ProposeAsync(new DeclaredHoursOnly());

        Assert.Equal(3, withGraph.Count);
        var blocks = busy.Concat(_graph.Busy["junior@contoso.example"]).ToList();
        Assert.All(withGraph, slot => Assert.DoesNotContain(blocks, b => slot.Start < b.End && b.Start < slot.End));
        Assert.All(withGraph, slot => Assert.True(slot.Start.UtcDateTime.Hour is 10 or 14 or 15, $"{slot.Start:o} is outside the free hours"));

        // The same search from declared hours alone does offer busy times: the calendars made the difference.
        Assert.Contains(declaredOnly, slot => blocks.Any(b => slot.Start < b.End && b.Start < slot.End));
        Assert.Equal(1, _graph.Count("getSchedule"));
    }

    [Fact]
    public async Task Propose_CalendarCannotBeRead_FallsBackToDeclaredHoursWithALine()
    {
        // The junior is unknown to Graph (an error entry) and then Graph refuses every token: both fall back.
        _graph.Add(new StubUser("senior") { Mail = "senior@contoso.example" });
        _graph.Busy["senior@contoso.example"] = [(Now, Now.AddDays(30), "busy")];
        using var host = new OrganisationHost(_graph);

        var unknownAddress = await ProposeAsync(host.Get<IAvailability>());
        _graph.RejectAllTokens = true;
        var refused = await ProposeAsync(host.Get<IAvailability>());

        Assert.Equal(3, unknownAddress.Count);
        Assert.Equal(3, refused.Count);
        Assert.Contains(host.Lines, l => l.Contains("Graph answered 401 (InvalidAuthenticationToken) to getSchedule; proposing times from declared working hours", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Lines, l => l.Contains("@contoso.example", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<TimeSlot>> ProposeAsync(IAvailability availability)
    {
        var senior = OrganisationHost.Person("senior", "senior@contoso.example");
        var junior = OrganisationHost.Person("junior", "junior@contoso.example");
        var mentorship = Mentorship.Start(
            new MentorshipId("m-1"), senior.Id, junior.Id, new SkillId("generative-ai"), null, Now.AddDays(-30), Now.AddMonths(3), Cadence.Default).Unwrap();
        var mentorships = new Mock<IMentorshipStore>();
        mentorships.Setup(m => m.GetAsync(mentorship.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new Versioned<Mentorship>(mentorship, new ETag("1")));
        var profiles = new Mock<IProfileStore>();
        profiles.Setup(p => p.GetAsync(senior.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new Versioned<Profile>(senior, new ETag("1")));
        profiles.Setup(p => p.GetAsync(junior.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new Versioned<Profile>(junior, new ETag("1")));
        var checkIns = new Mock<ICheckInStore>();
        checkIns.Setup(c => c.ListAsync(mentorship.Id, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        checkIns.Setup(c => c.InsertAsync(It.IsAny<CheckIn>(), It.IsAny<CancellationToken>())).ReturnsAsync(new ETag("2"));
        var options = Options.Create(new CheckInOptions());
        var clock = new ManualTimeProvider(Now);
        var service = new CheckInService(
            checkIns.Object, mentorships.Object, profiles.Object, Mock.Of<ICalendar>(), Mock.Of<IRequestMessageDelivery>(), options,
            new ManagerCopyRules(Mock.Of<IProgramStore>(), options), clock,
            new PairingMessages(mentorships.Object, Mock.Of<IRequestMessageDelivery>(), clock),
            availability);

        var outcome = await service.ProposeAsync(mentorship.Id, senior.Id, CancellationToken.None);

        return Assert.IsType<ProposeOutcome.Proposed>(outcome).Details.CheckIn.ProposedSlots;
    }
}
