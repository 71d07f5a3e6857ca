using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.TestSupport;
using Microsoft.Extensions.Options;
using NodaTime;
using MentorBot.Core.Programs;

namespace MentorBot.Core.Tests.Nudges;

public sealed class NudgePlannerTests
{
    private static readonly Profile Sven = People.In("sven", "Europe/Stockholm");
    private static readonly Profile Nia = People.In("nia", "America/New_York");
    private static readonly DateTimeOffset Start = People.Utc(2026, 3, 2, 9);

    // Tue 10 Mar 2026 13:00–13:30 UTC = 14:00 Stockholm = 09:00 New York; the agenda nudge falls on Monday.
    private static readonly TimeSlot Slot = new(People.Utc(2026, 3, 10, 13), People.Utc(2026, 3, 10, 13, 30));
    private static readonly Mentorship Pair = Mentorship.Start(
        new MentorshipId("m-1"), Sven.Id, Nia.Id, new SkillId("ai-tools"), null, Start, People.Utc(2026, 6, 2, 9), Cadence.Default).Unwrap();

    private readonly NudgePlanner _planner = new(Options.Create(new CheckInOptions()));

    [Fact]
    public void PlanDue_SameInputTwice_SameItemsSameKeys()
    {
        var context = Context(Scheduled());
        var at = People.Utc(2026, 3, 9, 13);

        var first = _planner.PlanDue(context, at);
        var second = _planner.PlanDue(context, at);

        Assert.Equal(first, second);
        Assert.Equal(["m-1:ci-1#0:agenda-prep:sven", "m-1:ci-1#0:agenda-prep:nia"], first.Select(i => i.Key.Value));
        Assert.All(first, i => Assert.Equal(People.Utc(2026, 3, 9, 13), i.DueAt));
    }

    [Fact]
    public void PlanDue_BeforeAnythingIsDue_Nothing()
    {
        Assert.Empty(_planner.PlanDue(Context(Scheduled()), People.Utc(2026, 3, 9, 12, 59)));
    }

    [Fact]
    public void PlanDue_StartingSoon_CarriesJoinLink()
    {
        var items = _planner.PlanDue(Context(Scheduled()), People.Utc(2026, 3, 10, 12, 45));

        var soon = Assert.Single(items, i => i.Kind == NudgeKind.StartingSoon && i.Recipient == Nia.Id);
        Assert.Equal("https://teams.microsoft.com/l/meetup-join/abc", soon.Payload.JoinUrl);
        Assert.Equal(Slot.Start, soon.Payload.MeetingStart);
    }

    // A 08:00 New York meeting: the agenda nudge 24 h earlier falls at 08:00, fine; with Nia's own quiet hours until
    // 09:00 it waits until 09:00 the same day, and "starting soon" at 07:45 is dropped rather than sent late.
    [Fact]
    public void PlanDue_RecipientQuietHours_AgendaDeferredStartingSoonDropped()
    {
        var early = new TimeSlot(People.Utc(2026, 3, 10, 12), People.Utc(2026, 3, 10, 12, 30));
        var quiet = NudgePreferences.None(Nia.Id) with { QuietHours = new QuietHours(new LocalTime(19, 0), new LocalTime(9, 0)) };
        var context = Context(Scheduled(early)) with { JuniorPreferences = quiet };

        var agendaAtEight = _planner.PlanDue(context, People.Utc(2026, 3, 9, 12));
        var agendaAtNine = _planner.PlanDue(context, People.Utc(2026, 3, 9, 13));
        var atStartingSoon = _planner.PlanDue(context, People.Utc(2026, 3, 10, 11, 45));
        var atNine = _planner.PlanDue(context, People.Utc(2026, 3, 10, 13));

        Assert.DoesNotContain(agendaAtEight, i => i.Recipient == Nia.Id);
        Assert.Contains(agendaAtNine, i => i.Recipient == Nia.Id && i.Kind == NudgeKind.AgendaPrep && i.DueAt == People.Utc(2026, 3, 9, 13));
        Assert.Contains(atStartingSoon, i => i.Recipient == Sven.Id && i.Kind == NudgeKind.StartingSoon);
        Assert.DoesNotContain(atStartingSoon.Concat(atNine), i => i.Recipient == Nia.Id && i.Kind == NudgeKind.StartingSoon);
    }

    [Fact]
    public void PlanDue_EveningQuietHours_DeferredToNextMorningInRecipientsZone()
    {
        // The meeting ends 18:00 New York = 23:00 Stockholm: Sven's feedback prompt waits until 08:00 Stockholm.
        var late = new TimeSlot(People.Utc(2026, 3, 10, 21, 30), People.Utc(2026, 3, 10, 22));
        var context = Context(Scheduled(late)) with { Senior = Sven.WithHours(new LocalTime(0, 0), new LocalTime(23, 59)) };

        var items = _planner.PlanDue(context, People.Utc(2026, 3, 11, 7));

        var prompt = Assert.Single(items, i => i.Kind == NudgeKind.PostMeeting && i.Recipient == Sven.Id);
        Assert.Equal("Wed 2026-03-11 08:00", People.Local(prompt.DueAt, "Europe/Stockholm"));
        Assert.Contains(items, i => i.Kind == NudgeKind.PostMeeting && i.Recipient == Nia.Id && i.DueAt == People.Utc(2026, 3, 10, 22, 15));
    }

    [Fact]
    public void PlanDue_MutedKind_NotPlannedAndRecheckSaysMuted()
    {
        var context = Context(Scheduled());
        var item = _planner.PlanDue(context, People.Utc(2026, 3, 9, 13)).First(i => i.Recipient == Nia.Id);
        var muted = context with { JuniorPreferences = NudgePreferences.None(Nia.Id).Mute(NudgeKind.AgendaPrep) };

        var items = _planner.PlanDue(muted, People.Utc(2026, 3, 9, 13));

        Assert.DoesNotContain(items, i => i.Recipient == Nia.Id);
        Assert.Equal(NudgeRelevance.Muted, _planner.Recheck(item, muted, People.Utc(2026, 3, 9, 13, 1)));
    }

    [Fact]
    public void PlanDue_SnoozedPastAgendaTime_AgendaWaitsUntilSnoozeEnds()
    {
        var snoozed = Context(Scheduled()) with { SeniorPreferences = NudgePreferences.None(Sven.Id).SnoozeUntil(People.Utc(2026, 3, 10, 12, 30)) };

        var before = _planner.PlanDue(snoozed, People.Utc(2026, 3, 10, 12, 29));
        var after = _planner.PlanDue(snoozed, People.Utc(2026, 3, 10, 12, 30));

        Assert.DoesNotContain(before, i => i.Recipient == Sven.Id);
        var agenda = Assert.Single(after, i => i.Recipient == Sven.Id);
        Assert.Equal((NudgeKind.AgendaPrep, People.Utc(2026, 3, 10, 12, 30)), (agenda.Kind, agenda.DueAt));
    }

    [Fact]
    public void PlanDue_SnoozedOverStartingSoon_BothMeetingNudgesDropped()
    {
        var snoozed = Context(Scheduled()) with { SeniorPreferences = NudgePreferences.None(Sven.Id).SnoozeUntil(People.Utc(2026, 3, 10, 12, 50)) };

        var items = _planner.PlanDue(snoozed, People.Utc(2026, 3, 10, 12, 50));

        Assert.DoesNotContain(items, i => i.Recipient == Sven.Id);
        Assert.Contains(items, i => i.Recipient == Nia.Id && i.Kind == NudgeKind.StartingSoon);
    }

    [Fact]
    public void PlanDue_RunLateAfterMeetingStarted_NoAgendaPrep()
    {
        var items = _planner.PlanDue(Context(Scheduled()), People.Utc(2026, 3, 10, 13, 10));

        Assert.DoesNotContain(items, i => i.Kind == NudgeKind.AgendaPrep);
        Assert.DoesNotContain(items, i => i.Kind == NudgeKind.StartingSoon);
    }

    [Fact]
    public void Recheck_AfterReschedule_OldNudgeObsoleteNewKeyPlanned()
    {
        var original = Scheduled();
        var old = _planner.PlanDue(Context(original), People.Utc(2026, 3, 9, 13))[0];
        var moved = original.Reschedule(new TimeSlot(Slot.Start.AddDays(1), Slot.End.AddDays(1))).Unwrap();

        var relevance = _planner.Recheck(old, Context(moved), People.Utc(2026, 3, 9, 13));
        var fresh = _planner.PlanDue(Context(moved), People.Utc(2026, 3, 10, 13));

        Assert.Equal(NudgeRelevance.Obsolete, relevance);
        Assert.Contains(fresh, i => i.Key.Value == "m-1:ci-1#1:agenda-prep:sven");
    }

    [Fact]
    public void Recheck_AgendaPrepAfterStartingSoonTime_Expired()
    {
        var item = _planner.PlanDue(Context(Scheduled()), People.Utc(2026, 3, 9, 13))[0];

        Assert.Equal(NudgeRelevance.Expired, _planner.Recheck(item, Context(Scheduled()), People.Utc(2026, 3, 10, 12, 45)));
    }

    [Fact]
    public void PlanDue_AfterHeld_ThankYouOnlyToSeniorAndNoFeedbackPromptForWhoAnswered()
    {
        var held = Scheduled().RecordAttendance(Pair, Nia.Id, met: true, People.Utc(2026, 3, 10, 13, 40)).Unwrap();

        var items = _planner.PlanDue(Context(held), People.Utc(2026, 3, 10, 13, 45));

        Assert.Equal(
            [(NudgeKind.PostMeeting, Sven.Id), (NudgeKind.ThankYouPrompt, Sven.Id)],
            items.Select(i => (i.Kind, i.Recipient)).Order());
    }

    [Fact]
    public void PlanDue_ConcernPausedThePair_NothingAtAllAndQueuedItemsObsolete()
    {
        var context = Context(Scheduled());
        var queued = _planner.PlanDue(context, People.Utc(2026, 3, 9, 13))[0];
        var paused = Concerns.Raise(Pair, Nia.Id, "I'm not comfortable", People.Utc(2026, 3, 9, 13)).Unwrap().Mentorship;

        var items = _planner.PlanDue(context with { Mentorship = paused }, People.Utc(2026, 3, 10, 12, 45));

        Assert.Empty(items);
        Assert.Equal(NudgeRelevance.Obsolete, _planner.Recheck(queued, context with { Mentorship = paused }, People.Utc(2026, 3, 9, 13, 1)));
    }

    [Fact]
    public void PlanDue_RecipientOptedOut_NothingToThem()
    {
        var context = Context(Scheduled()) with { Junior = Nia with { Participation = Participation.OptedOut } };

        var items = _planner.PlanDue(context, People.Utc(2026, 3, 9, 13));

        Assert.All(items, i => Assert.Equal(Sven.Id, i.Recipient));
    }

    [Fact]
    public void PlanDue_NoCheckInForTwoIntervals_InactivityToBoth()
    {
        var context = new NudgeContext(Pair, [], Sven, Nia);

        var before = _planner.PlanDue(context, Start.AddDays(28).AddMinutes(-1));
        var after = _planner.PlanDue(context, Start.AddDays(28).AddHours(3));

        Assert.Empty(before);

        // 09:00 UTC on 30 Mar is 11:00 in Stockholm but 05:00 in New York, so Nia's copy waits until 08:00.
        Assert.Equal(
            [("m-1:inactivity:20260302T0900Z:1:sven", "Mon 2026-03-30 11:00"), ("m-1:inactivity:20260302T0900Z:1:nia", "Mon 2026-03-30 08:00")],
            after.Select(i => (i.Key.Value, People.Local(i.DueAt, i.Recipient == Sven.Id ? Sven.TimeZoneId : Nia.TimeZoneId))));
    }

    [Fact]
    public void PlanDue_PeriodExtended_NewEndOfPeriodKey()
    {
        var atEnd = _planner.PlanDue(new NudgeContext(Pair, [Scheduled()], Sven, Nia), Pair.PlannedEnd);
        var extended = Pair.Extend(Pair.PlannedEnd.AddMonths(3)).Unwrap();

        var atNewEnd = _planner.PlanDue(new NudgeContext(extended, [Scheduled()], Sven, Nia), extended.PlannedEnd);

        Assert.Contains(atEnd, i => i.Key.Value == "m-1:end-of-period:20260602:sven");
        Assert.Contains(atNewEnd, i => i.Key.Value == "m-1:end-of-period:20260902:sven");
    }

    // Three months from a Wednesday afternoon start can land on a Saturday: the survey waits for Monday morning,
    // and for Tuesday when Monday is a company holiday.
    [Theory]
    [InlineData(null, "Mon 2026-09-07 08:00")]
    [InlineData("2026-09-07", "Tue 2026-09-08 08:00")]
    public void PlanDue_EndOfPeriodOnWeekendOrHoliday_DeferredToNextWorkingDay(string? holiday, string expected)
    {
        var options = new CheckInOptions { Holidays = holiday is null ? [] : [DateOnly.Parse(holiday, System.Globalization.CultureInfo.InvariantCulture)] };
        var planner = new NudgePlanner(Options.Create(options));
        var pair = Pair with { PlannedEnd = People.Utc(2026, 9, 5, 9) };

        var items = planner.PlanDue(new NudgeContext(pair, [], Sven, Nia), People.Utc(2026, 9, 9));

        var survey = Assert.Single(items, i => i.Kind == NudgeKind.EndOfPeriod && i.Recipient == Sven.Id);
        Assert.Equal(expected, People.Local(survey.DueAt, Sven.TimeZoneId));
    }

    [Theory]
    [InlineData(20, 0, 8, 0, "19:59", false, "19:59")]
    [InlineData(20, 0, 8, 0, "20:00", true, "08:00+1")]
    [InlineData(20, 0, 8, 0, "23:30", true, "08:00+1")]
    [InlineData(20, 0, 8, 0, "03:00", true, "08:00")]
    [InlineData(20, 0, 8, 0, "08:00", false, "08:00")]
    [InlineData(12, 0, 13, 0, "12:30", true, "13:00")]
    [InlineData(9, 0, 9, 0, "09:00", false, "09:00")]
    public void QuietHours_LocalTime_ContainsAndNextAllowed(int sh, int sm, int eh, int em, string at, bool quiet, string next)
    {
        var hours = new QuietHours(new LocalTime(sh, sm), new LocalTime(eh, em));
        var local = new LocalDate(2026, 3, 9) + LocalTime.FromTimeOnly(TimeOnly.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        var allowed = hours.NextAllowed(local);

        Assert.Equal(quiet, hours.Contains(local.TimeOfDay));
        var expectedDay = next.EndsWith("+1", StringComparison.Ordinal) ? 10 : 9;
        Assert.Equal(new LocalDate(2026, 3, expectedDay) + LocalTime.FromTimeOnly(TimeOnly.Parse(next[..5], System.Globalization.CultureInfo.InvariantCulture)), allowed);
    }

    private static CheckIn Scheduled(TimeSlot? slot = null) =>
        CheckIn.Propose(new CheckInId("ci-1"), Pair, 1, [slot ?? Slot], Start).Unwrap()
            .Schedule(slot ?? Slot, "https://teams.microsoft.com/l/meetup-join/abc").Unwrap();

    private static NudgeContext Context(CheckIn checkIn) => new(Pair, [checkIn], Sven, Nia);
}
