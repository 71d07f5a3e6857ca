using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Programs;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Every way a pairing ends cancels the calendar events MentorBot created for meetings still ahead (decision 0290):
/// not only "end pairing" and "forget me", but also the end-of-period close and the concerns inbox's re-pair.
/// </summary>
public sealed class PairingEndCalendarFlowTests
{
    private static readonly ProgramId Pilot = PilotProgram.Id;

    [Fact]
    public async Task EndOfPeriodClose_WithACheckInBookedAhead_CancelsItsCalendarEvent()
    {
        var calendar = new EventCalendar();
        using var host = await new FlowHost(s => s.AddSingleton<ICalendar>(calendar)).SeedAsync();
        var (pairing, booked) = await BookFirstCheckInAsync(host);

        await host.ChatOf(Jo).InvokeAsync(CardVerbs.ClosePairing, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["periodRating"] = "4" });

        var done = (await host.Services.GetRequiredService<IMentorshipStore>().GetAsync(pairing.Id, CancellationToken.None))!.Value;
        Assert.Equal(MentorshipStatus.Ended, done.State.Status);
        Assert.Equal([EventCalendar.EventIdOf(booked.Id)], calendar.Cancelled);
    }

    [Fact]
    public async Task EndOfPeriodContinue_WithACheckInBookedAhead_KeepsItsCalendarEvent()
    {
        var calendar = new EventCalendar();
        using var host = await new FlowHost(s => s.AddSingleton<ICalendar>(calendar)).SeedAsync();
        var (pairing, _) = await BookFirstCheckInAsync(host);

        await host.ChatOf(Jo).InvokeAsync(CardVerbs.ContinuePairing, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["periodRating"] = "5" });

        Assert.Empty(calendar.Cancelled);
    }

    [Fact]
    public async Task ConcernRePair_WithACheckInBookedAhead_EndsThePairingAndCancelsItsCalendarEvent()
    {
        var calendar = new EventCalendar();
        using var host = await new FlowHost(s => s.AddSingleton<ICalendar>(calendar)).SeedAsync();
        var program = await SeedProgramAsync(host);
        var (pairing, booked) = await BookFirstCheckInAsync(host);
        var concern = Concern.Raise(new ConcernId("c-1"), Pilot, pairing.Id, Jo.Id, "Hard to find time", FlowHost.Start, about: Sam.Id);
        await host.Services.GetRequiredService<IConcernStore>().AddAsync(concern, CancellationToken.None);

        var outcome = await host.Services.GetRequiredService<ConcernActions>().ActAsync(
            program, concern.Id, new ConcernActionRequest("re-pair", "A fresh start for both."), Kim.Id, CancellationToken.None);

        Assert.IsType<ConcernActionOutcome.Done>(outcome);
        var done = (await host.Services.GetRequiredService<IMentorshipStore>().GetAsync(pairing.Id, CancellationToken.None))!.Value;
        Assert.Equal(MentorshipStatus.Ended, done.State.Status);
        Assert.Equal([EventCalendar.EventIdOf(booked.Id)], calendar.Cancelled);
    }

    [Fact]
    public async Task ConcernPause_WithACheckInBookedAhead_KeepsItsCalendarEvent()
    {
        var calendar = new EventCalendar();
        using var host = await new FlowHost(s => s.AddSingleton<ICalendar>(calendar)).SeedAsync();
        var program = await SeedProgramAsync(host);
        var (pairing, _) = await BookFirstCheckInAsync(host);
        var concern = Concern.Raise(new ConcernId("c-1"), Pilot, pairing.Id, Jo.Id, "Hard to find time", FlowHost.Start, about: Sam.Id);
        await host.Services.GetRequiredService<IConcernStore>().AddAsync(concern, CancellationToken.None);

        await host.Services.GetRequiredService<ConcernActions>().ActAsync(
            program, concern.Id, new ConcernActionRequest("pause", "A break helps both."), Kim.Id, CancellationToken.None);

        Assert.Empty(calendar.Cancelled);
    }

    /// <summary>Sam and Jo are paired; Sam asks for times and Jo picks the first (its event goes in the calendar).</summary>
    private static async Task<(Mentorship Pairing, CheckIn Booked)> BookFirstCheckInAsync(FlowHost host)
    {
        var pairing = await host.PairSamWithJoAsync();
        await host.ChatOf(Sam).InvokeAsync(CardVerbs.ScheduleCheckIn, new { pairingId = pairing.Id.Value });
        var proposal = Assert.Single(await host.Services.GetRequiredService<ICheckInStore>().ListAsync(pairing.Id, CancellationToken.None));
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.PickSlot, new { pairingId = pairing.Id.Value, proposalId = proposal.Id.Value, slotId = MentorBot.Bot.Cards.CheckInViews.SlotId(proposal.ProposedSlots[0]) });
        var booked = (await host.Services.GetRequiredService<ICheckInStore>().GetAsync(proposal.Id, CancellationToken.None))!.Value;
        Assert.Equal(EventCalendar.EventIdOf(booked.Id), booked.Meeting?.CalendarEventId);
        return (pairing, booked);
    }

    private static Task<MentoringProgram> SeedProgramAsync(FlowHost host) => host.SeedProgramAsync(owners: [Kim], enrolled: [Sam, Jo]);

    /// <summary>A calendar that creates one event per check-in (its id derived from the check-in's) and records cancellations.</summary>
    private sealed class EventCalendar : ICalendar
    {
        public List<string> Cancelled { get; } = [];

        public static string EventIdOf(CheckInId id) => $"event-{id.Value}";

        public Task<CalendarOutcome> CreateAsync(CheckInDetails details, CancellationToken cancellationToken) =>
            Task.FromResult<CalendarOutcome>(new CalendarOutcome.Scheduled(
                new ScheduledMeeting(details.CheckIn.Meeting!.Slot, "https://teams.example/join", EventIdOf(details.CheckIn.Id))));

        public Task<CalendarOutcome> UpdateAsync(CheckInDetails details, CancellationToken cancellationToken) => CreateAsync(details, cancellationToken);

        public Task<CalendarOutcome> CancelAsync(CheckInDetails details, CancellationToken cancellationToken)
        {
            lock (Cancelled)
            {
                Cancelled.Add(details.CheckIn.Meeting?.CalendarEventId ?? "(none)");
            }

            return Task.FromResult<CalendarOutcome>(new CalendarOutcome.Cancelled());
        }
    }
}
