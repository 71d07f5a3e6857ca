using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Tests.TestSupport;
using NodaTime;

namespace MentorBot.Core.Tests.Nudges;

public sealed class PairingSimulationTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    // Sven in Stockholm, Nia in New York, both 09–17. New York moves to summer time on 8 Mar 2026 and Stockholm on
    // 29 Mar, so for three weeks the gap is 5 h instead of 6 h: Nia's times stay put, Sven's move an hour earlier.
    [Fact]
    public async Task ThreeMonthPairing_AcrossBothMarchDstChanges_EachPersonGetsExactNudgeSequence()
    {
        var sven = People.In("sven", "Europe/Stockholm");
        var nia = People.In("nia", "America/New_York");
        var options = new CheckInOptions { Holidays = [new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 6)] };
        var simulation = new PairingSimulation(sven, nia, options, People.Utc(2026, 2, 18, 10));

        await simulation.RunUntilAsync(People.Utc(2026, 5, 25), Step);

        string[] svenExpected =
        [
            "Thu 2026-02-19 15:00 AgendaPrep", "Fri 2026-02-20 14:45 StartingSoon", "Fri 2026-02-20 15:45 PostMeeting", "Fri 2026-02-20 15:45 ThankYouPrompt",
            "Thu 2026-03-05 15:00 AgendaPrep", "Fri 2026-03-06 14:45 StartingSoon", "Fri 2026-03-06 15:45 PostMeeting", "Fri 2026-03-06 15:45 ThankYouPrompt",
            "Thu 2026-03-19 14:00 AgendaPrep", "Fri 2026-03-20 13:45 StartingSoon", "Fri 2026-03-20 14:45 PostMeeting", "Fri 2026-03-20 14:45 ThankYouPrompt",
            // Easter Monday is a holiday: the agenda prompt for Tuesday's meeting waits until Tuesday morning.
            "Tue 2026-04-07 08:00 AgendaPrep", "Tue 2026-04-07 14:45 StartingSoon", "Tue 2026-04-07 15:45 PostMeeting", "Tue 2026-04-07 15:45 ThankYouPrompt",
            "Mon 2026-04-20 15:00 AgendaPrep", "Tue 2026-04-21 14:45 StartingSoon", "Tue 2026-04-21 15:45 PostMeeting", "Tue 2026-04-21 15:45 ThankYouPrompt",
            "Mon 2026-05-04 15:00 AgendaPrep", "Tue 2026-05-05 14:45 StartingSoon", "Tue 2026-05-05 15:45 PostMeeting", "Tue 2026-05-05 15:45 ThankYouPrompt",
            "Mon 2026-05-18 11:00 EndOfPeriod",
        ];
        string[] niaExpected =
        [
            "Thu 2026-02-19 09:00 AgendaPrep", "Fri 2026-02-20 08:45 StartingSoon", "Fri 2026-02-20 09:45 PostMeeting",
            "Thu 2026-03-05 09:00 AgendaPrep", "Fri 2026-03-06 08:45 StartingSoon", "Fri 2026-03-06 09:45 PostMeeting",
            "Thu 2026-03-19 09:00 AgendaPrep", "Fri 2026-03-20 08:45 StartingSoon", "Fri 2026-03-20 09:45 PostMeeting",
            "Tue 2026-04-07 08:00 AgendaPrep", "Tue 2026-04-07 08:45 StartingSoon", "Tue 2026-04-07 09:45 PostMeeting",
            "Mon 2026-04-20 09:00 AgendaPrep", "Tue 2026-04-21 08:45 StartingSoon", "Tue 2026-04-21 09:45 PostMeeting",
            "Mon 2026-05-04 09:00 AgendaPrep", "Tue 2026-05-05 08:45 StartingSoon", "Tue 2026-05-05 09:45 PostMeeting",
            // 11:00 in Stockholm is 05:00 in New York: quiet hours hold the survey until 08:00.
            "Mon 2026-05-18 08:00 EndOfPeriod",
        ];
        Assert.Equal(svenExpected, simulation.Timeline(sven));
        Assert.Equal(niaExpected, simulation.Timeline(nia));
        Assert.All(simulation.CheckIns, c => Assert.Equal(CheckInStatus.Held, c.Status));
        Assert.Equal(6, simulation.CheckIns.Count);
        Assert.Equal(MentorshipStatus.Ended, simulation.Mentorship.State.Status);
    }

    [Fact]
    public async Task ThreeMonthPairing_PlannerRunTwiceEveryStep_NeverSendsANudgeTwice()
    {
        var sven = People.In("sven", "Europe/Stockholm");
        var nia = People.In("nia", "America/New_York");
        var simulation = new PairingSimulation(sven, nia, new CheckInOptions(), People.Utc(2026, 2, 18, 10));

        await simulation.RunUntilAsync(People.Utc(2026, 5, 25), Step);

        Assert.True(simulation.DuplicateEnqueues > 1000, $"re-planning produced only {simulation.DuplicateEnqueues} repeats");
        Assert.Equal(simulation.Deliveries.Count, simulation.Deliveries.Select(d => d.Key).Distinct().Count());
        Assert.Equal(simulation.Deliveries.Count, simulation.Outbox.Items.Count(i => i.Status == NudgeStatus.Sent));
        Assert.All(simulation.Outbox.Items, i => Assert.Equal(1, i.Attempts));
    }

    // Check-in 2 (6 Mar) is missed and the pair ignores the new proposals. The last held meeting ended on 20 Feb at
    // 14:30 UTC, so the gentle inactivity nudge comes 2 × 14 days later, and once more after another 28 days.
    [Fact]
    public async Task Pairing_MissedMeetingAndNothingBooked_InactivityNudgeAtTwiceTheCadence()
    {
        var sven = People.In("sven", "Europe/Stockholm");
        var nia = People.In("nia", "America/New_York");
        var simulation = new PairingSimulation(sven, nia, new CheckInOptions(), People.Utc(2026, 2, 18, 10))
        {
            Books = n => n <= 2,
            Meets = n => n != 2,
        };

        await simulation.RunUntilAsync(People.Utc(2026, 5, 25), Step);

        string[] svenAfterMissed =
        [
            "Fri 2026-03-06 15:45 PostMeeting",
            "Fri 2026-03-20 15:30 Inactivity",
            "Fri 2026-04-17 16:30 Inactivity",
            "Mon 2026-05-18 11:00 EndOfPeriod",
        ];
        string[] niaAfterMissed =
        [
            "Fri 2026-03-06 09:45 PostMeeting",
            "Fri 2026-03-20 10:30 Inactivity",
            "Fri 2026-04-17 10:30 Inactivity",
            "Mon 2026-05-18 08:00 EndOfPeriod",
        ];
        Assert.Equal(svenAfterMissed, simulation.Timeline(sven).SkipWhile(l => !l.StartsWith("Fri 2026-03-06 15:45", StringComparison.Ordinal)));
        Assert.Equal(niaAfterMissed, simulation.Timeline(nia).SkipWhile(l => !l.StartsWith("Fri 2026-03-06 09:45", StringComparison.Ordinal)));
        Assert.Equal(CheckInStatus.Missed, simulation.CheckIns[1].Status);
        Assert.Equal(CheckInStatus.Proposed, simulation.CheckIns[2].Status);
        Assert.Equal(3, simulation.CheckIns.Count);
        Assert.True(simulation.Reproposals > 0, "an unanswered proposal whose times passed gets new times");
    }

    // Sara (Stockholm, 08–18) and Leo (Los Angeles, 08–17, no pings before 09:00): the only shared hour is Leo's
    // 08:00. His agenda and feedback prompts wait until 09:00; "starting soon" at 07:45 would be pointless later, so
    // he never gets one. Sara's times move with the 8 h / 9 h gap around the March changes.
    [Fact]
    public async Task ThreeMonthPairing_RecipientQuietHours_DeferPromptsAndDropStartingSoon()
    {
        var sara = People.In("sara", "Europe/Stockholm", 8, 18);
        var leo = People.In("leo", "America/Los_Angeles", 8, 17);
        var leoQuiet = NudgePreferences.None(leo.Id) with { QuietHours = new QuietHours(new LocalTime(18, 0), new LocalTime(9, 0)) };
        var simulation = new PairingSimulation(sara, leo, new CheckInOptions(), People.Utc(2026, 3, 4, 10), juniorPreferences: leoQuiet);

        await simulation.RunUntilAsync(People.Utc(2026, 6, 10), Step);

        string[] leoExpected =
        [
            "Thu 2026-03-05 09:00 AgendaPrep", "Fri 2026-03-06 09:00 PostMeeting",
            "Thu 2026-03-19 09:00 AgendaPrep", "Fri 2026-03-20 09:00 PostMeeting",
            "Thu 2026-04-02 09:00 AgendaPrep", "Fri 2026-04-03 09:00 PostMeeting",
            "Thu 2026-04-16 09:00 AgendaPrep", "Fri 2026-04-17 09:00 PostMeeting",
            "Thu 2026-04-30 09:00 AgendaPrep", "Fri 2026-05-01 09:00 PostMeeting",
            "Thu 2026-05-14 09:00 AgendaPrep", "Fri 2026-05-15 09:00 PostMeeting",
            "Thu 2026-05-28 09:00 AgendaPrep", "Fri 2026-05-29 09:00 PostMeeting",
            "Thu 2026-06-04 09:00 EndOfPeriod",
        ];
        string[] saraFirstThree =
        [
            "Thu 2026-03-05 17:00 AgendaPrep", "Fri 2026-03-06 16:45 StartingSoon", "Fri 2026-03-06 17:45 PostMeeting", "Fri 2026-03-06 17:45 ThankYouPrompt",
            "Thu 2026-03-19 16:00 AgendaPrep", "Fri 2026-03-20 15:45 StartingSoon", "Fri 2026-03-20 16:45 PostMeeting", "Fri 2026-03-20 16:45 ThankYouPrompt",
            "Thu 2026-04-02 17:00 AgendaPrep", "Fri 2026-04-03 16:45 StartingSoon", "Fri 2026-04-03 17:45 PostMeeting", "Fri 2026-04-03 17:45 ThankYouPrompt",
        ];
        Assert.Equal(leoExpected, simulation.Timeline(leo));
        Assert.Equal(saraFirstThree, simulation.Timeline(sara).Take(12));
        Assert.Equal("Thu 2026-06-04 11:00 EndOfPeriod", simulation.Timeline(sara)[^1]);
    }
}
