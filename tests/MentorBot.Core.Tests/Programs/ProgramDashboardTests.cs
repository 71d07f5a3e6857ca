using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Requests;
using NodaTime;
using static MentorBot.Core.Tests.Programs.SeededActivity;

namespace MentorBot.Core.Tests.Programs;

public sealed class ProgramDashboardTests
{
    private static readonly DashboardMetrics Metrics = ProgramDashboard.Compute(Build(), Now);

    private static T Shown<T>(Metric<T> metric)
    {
        Assert.True(metric.TryGetValue(out var value), "expected a shown metric");
        return value;
    }

    [Fact]
    public void Compute_ActivePairings_CountsActiveOnesStartedByNow()
    {
        // P1–P3 are active (6 people); P4 paused, P5 ended, P6 starts after now.
        Assert.Equal(3, Shown(Metrics.ActivePairings));
    }

    [Fact]
    public void Compute_RequestsByState_ShowsOnlyStatesWithFivePeopleBehindThem()
    {
        var byState = Metrics.RequestsByState;

        Assert.Equal(5, Shown(byState[RequestStatus.Matched]));
        Assert.True(byState[RequestStatus.Searching].IsSuppressed); // 3 seniors
        Assert.True(byState[RequestStatus.Offered].IsSuppressed);
        Assert.True(byState[RequestStatus.NoCandidates].IsSuppressed);
        Assert.True(byState[RequestStatus.Withdrawn].IsSuppressed);
        Assert.Equal(Enum.GetValues<RequestStatus>().Length, byState.Count);
    }

    [Fact]
    public void Compute_CheckInsPerIsoWeek_HeldVersusPlanned()
    {
        var weeks = Metrics.CheckInsByWeek;

        // W10: P1 5 Mar held, P4 6 Mar held → 2/2 but only 4 people.
        // W11: P2 9 Mar held, P3 10 Mar missed, P3 12 Mar held, P5 11 Mar held → 3/4 over 8 people.
        // W12: P1 19 Mar held; W13: P2 23 Mar missed; W14: P1 2 Apr missed; 16 Apr is after now.
        Assert.Equal(["2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14"], weeks.Select(w => w.Week.ToString()));
        Assert.True(weeks[0].CheckIns.IsSuppressed);
        Assert.Equal(new HeldVsPlanned(Held: 3, Planned: 4), Shown(weeks[1].CheckIns));
        Assert.All(weeks.Skip(2), w => Assert.True(w.CheckIns.IsSuppressed));
    }

    [Fact]
    public void Compute_MedianTimeToFirstMeeting_IsTheMiddleWait()
    {
        // Waits: P4 2d1h, P1 3d1h, P5 6d1h, P2 7d1h, P3 9d1h (P3's first held one, not its missed 10 Mar).
        var median = Assert.IsType<Metric<TimeSpan>>(Metrics.MedianTimeToFirstMeeting);

        Assert.Equal(TimeSpan.FromDays(6) + TimeSpan.FromHours(1), Shown(median));
    }

    [Fact]
    public void Compute_MedianTimeToFirstMeeting_EvenCountAveragesTheMiddleTwo()
    {
        var activity = Build() with { CheckIns = Build().CheckIns.Where(c => c.Pairing != P(3)).ToList() };

        var median = ProgramDashboard.Compute(activity, Now).MedianTimeToFirstMeeting;

        // 2d1h, 3d1h, 6d1h, 7d1h → (3d1h + 6d1h) / 2 = 4d13h; 8 people.
        Assert.Equal(TimeSpan.FromDays(4) + TimeSpan.FromHours(13), Shown(median!));
    }

    [Fact]
    public void Compute_SatisfactionTrend_MeanPerMonthSuppressedBelowFiveRaters()
    {
        var trend = Metrics.SatisfactionTrend;

        // March: 5, 4, 3, 4, 2 from five people → 3.6. April: five ratings but from four people (S1 twice).
        Assert.Equal([new YearMonth(2026, 3), new YearMonth(2026, 4)], trend.Select(m => m.Month));
        Assert.Equal(3.6, Shown(trend[0].MeanRating), precision: 10);
        Assert.True(trend[1].MeanRating.IsSuppressed);
    }

    [Fact]
    public void Compute_TopRequestedSkills_ShownFirstThenSuppressedAlphabetically()
    {
        var top = Metrics.TopRequestedSkills;

        // genai: 5 requests by 5 seniors. power-bi 3, tiktok 2, excel 1: too few people, order must not leak counts.
        Assert.Equal([GenAi, Excel, PowerBi, TikTok], top.Select(s => s.Skill));
        Assert.Equal(5, Shown(top[0].Count));
        Assert.All(top.Skip(1), s => Assert.True(s.Count.IsSuppressed));
    }

    [Fact]
    public void Compute_SkillsWithoutMentor_ListsUnmetDemand()
    {
        var unmet = Metrics.SkillsWithoutMentor;

        // genai: open requests from S6, S7, S9, S10, S11 (S6 also in profile) → 5 people; nobody offers it.
        // storytelling: S12 only. power-bi is offered by J2 (J1 has no capacity left), so it is not listed.
        Assert.Equal([GenAi, Storytelling], unmet.Select(s => s.Skill));
        Assert.Equal(5, Shown(unmet[0].Count));
        Assert.True(unmet[1].Count.IsSuppressed);
    }

    [Fact]
    public void Compute_UnmatchedPeople_ConsentedParticipantsWithoutACurrentPair()
    {
        // Pairs not ended: P1–P4 → S1–S4, J1–J4 are matched. Left: S5 (pair ended), S6, S7, S9, S10, S11, S12, J5, J6.
        Assert.Equal(9, Shown(Metrics.UnmatchedPeople));
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Compute_UnmatchedPeople_SuppressedBelowFive(int people, bool suppressed)
    {
        var participants = Enumerable.Range(1, people).Select(n => Participant(S(100 + n))).ToList();
        var activity = new ProgramActivity(new ProgramId("p-small"), [], [], [], [], participants);

        var metrics = ProgramDashboard.Compute(activity, Now);

        Assert.Equal(suppressed, metrics.UnmatchedPeople.IsSuppressed);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Compute_SatisfactionFromFourOrFivePeople_SuppressedOrShown(int raters, bool suppressed)
    {
        var feedback = Enumerable.Range(1, raters).Select(n => Rating(S(n), PowerBi, 4, At(3, 10, 9))).ToList();
        var activity = new ProgramActivity(new ProgramId("p-small"), [], [], feedback, [], []);

        var month = Assert.Single(ProgramDashboard.Compute(activity, Now).SatisfactionTrend);

        Assert.Equal(suppressed, month.MeanRating.IsSuppressed);
        Assert.Equal(suppressed ? "suppressed" : "4", month.MeanRating.ToString());
    }

    [Fact]
    public void Compute_NothingYet_ShowsZerosAndNoMedian()
    {
        var metrics = ProgramDashboard.Compute(new ProgramActivity(new ProgramId("p-new"), [], [], [], [], []), Now);

        Assert.Equal(0, Shown(metrics.ActivePairings));
        Assert.Null(metrics.MedianTimeToFirstMeeting);
        Assert.Empty(metrics.CheckInsByWeek);
        Assert.Empty(metrics.SatisfactionTrend);
    }
}
