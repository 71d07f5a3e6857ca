using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.TestSupport;

namespace MentorBot.Core.Tests.CheckIns;

public sealed class CheckInCadenceTests
{
    private static readonly Profile Sven = People.In("sven", "Europe/Stockholm");
    private static readonly DateTimeOffset Start = People.Utc(2026, 2, 18, 10);
    private static readonly CheckInOptions Options = new();
    private static readonly Mentorship Pair = Mentorship.Start(
        new MentorshipId("m-1"), Sven.Id, new UserId("nia"), new SkillId("ai"), null, Start, People.Utc(2026, 5, 18, 9), Cadence.Default).Unwrap();

    [Fact]
    public void Next_NoCheckInsYet_FirstOneTwoDaysAfterStart()
    {
        var next = CheckInCadence.Next(Pair, [], Sven, Options, Start).Unwrap();

        Assert.Equal(new NextCheckIn(1, Start.AddDays(2)), next);
    }

    // The meeting was 15:00 Stockholm on Fri 6 Mar; the next target is the whole of Fri 20 Mar in Stockholm, so the
    // 14:00 slot that DST makes the shared hour is still on offer.
    [Fact]
    public void Next_AfterHeldMeeting_StartOfSameWeekdayTwoWeeksLaterInSeniorsZone()
    {
        var held = Held(1, People.Utc(2026, 3, 6, 14));

        var next = CheckInCadence.Next(Pair, [held], Sven, Options, People.Utc(2026, 3, 6, 15)).Unwrap();

        Assert.Equal(new NextCheckIn(2, People.Utc(2026, 3, 19, 23)), next);
    }

    [Fact]
    public void Next_AfterMissedMeeting_OfferedRightAwayWithMinimumNotice()
    {
        var missed = Scheduled(1, People.Utc(2026, 3, 6, 14)).RecordAttendance(Pair, Sven.Id, false, People.Utc(2026, 3, 6, 15)).Unwrap();

        var next = CheckInCadence.Next(Pair, [missed], Sven, Options, People.Utc(2026, 3, 6, 15)).Unwrap();

        Assert.Equal(People.Utc(2026, 3, 6, 19), next.NotBefore);
    }

    [Fact]
    public void Next_UpcomingMeeting_OpenCheckInExists()
    {
        var result = CheckInCadence.Next(Pair, [Scheduled(1, People.Utc(2026, 3, 6, 14))], Sven, Options, People.Utc(2026, 3, 1));

        Assert.Equal(NoNextCheckInReason.OpenCheckInExists, result.Error);
    }

    [Fact]
    public void Next_ProposalWhoseTimesAllPassed_NewTimesForTheSameCheckIn()
    {
        var stale = CheckIn.Propose(new CheckInId("ci-2"), Pair, 2, [Slot(People.Utc(2026, 3, 6, 14))], Start).Unwrap();
        var now = People.Utc(2026, 3, 7);

        var next = CheckInCadence.Next(Pair, [Held(1, People.Utc(2026, 2, 20, 14)), stale], Sven, Options, now).Unwrap();

        Assert.Equal(new NextCheckIn(2, now + Options.MinimumNotice, new CheckInId("ci-2")), next);
    }

    [Fact]
    public void Next_UnansweredMeetingPastResponseWindow_NoLongerBlocks()
    {
        var unanswered = Scheduled(1, People.Utc(2026, 3, 6, 14));

        var next = CheckInCadence.Next(Pair, [unanswered], Sven, Options, People.Utc(2026, 3, 14));

        Assert.Equal(2, next.Unwrap().Number);
    }

    [Fact]
    public void Next_NextDateAfterPlannedEnd_PastPlannedEnd()
    {
        var result = CheckInCadence.Next(Pair, [Held(6, People.Utc(2026, 5, 5, 13))], Sven, Options, People.Utc(2026, 5, 5, 14));

        Assert.Equal(NoNextCheckInReason.PastPlannedEnd, result.Error);
    }

    [Fact]
    public void Next_PausedPair_MentorshipNotActive()
    {
        var paused = Pair.Pause(PauseReason.RequestedByParticipant, Start).Unwrap();

        Assert.Equal(NoNextCheckInReason.MentorshipNotActive, CheckInCadence.Next(paused, [], Sven, Options, Start).Error);
    }

    private static TimeSlot Slot(DateTimeOffset start) => new(start, start.AddMinutes(30));

    private static CheckIn Scheduled(int number, DateTimeOffset start) =>
        CheckIn.Propose(new CheckInId($"ci-{number}"), Pair, number, [Slot(start)], Start).Unwrap().Schedule(Slot(start)).Unwrap();

    private static CheckIn Held(int number, DateTimeOffset start) =>
        Scheduled(number, start).RecordAttendance(Pair, Sven.Id, true, start.AddMinutes(45)).Unwrap();
}
