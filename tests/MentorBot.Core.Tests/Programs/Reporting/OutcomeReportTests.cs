using System.Globalization;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Programs.Reporting.Outcomes;
using static MentorBot.Core.Tests.Programs.Reporting.OutcomeSeed;

namespace MentorBot.Core.Tests.Programs.Reporting;

/// <summary>Every outcome number of <see cref="OutcomeSeed"/>, worked out by hand in the comments (issue 18, decision 0461).</summary>
public sealed class OutcomeReportTests
{
    private static readonly ProgramOutcomes Outcomes = OutcomeReport.Compute(Build(), Now);

    private static T Shown<T>(Metric<T> metric)
    {
        Assert.True(metric.TryGetValue(out var value), "expected a shown metric");
        return value;
    }

    private static void Hidden<T>(Metric<T> metric) => Assert.True(metric.IsSuppressed, "expected a suppressed metric");

    [Fact]
    public void Thanks_SentReceivedAndShareOfMentorsThanked()
    {
        // Sent by now: S1 ×3, S3, S5, S7 ×2, S8 = 8 (S2's is on day 99); senders S1 S3 S5 S7 S8 = 5, receivers the
        // five juniors = 5; 10 people behind the count. Mentors who met: J1 J2 J3 J4 J5 J7 J8 = 7 (J6 never met);
        // thanked 5 of them: 5/7 = 0.7143.
        var t = Outcomes.Thanks;
        Assert.Equal(8, Shown(t.Sent));
        Assert.Equal(5, Shown(t.Senders));
        Assert.Equal(5, Shown(t.Receivers));
        Assert.Equal(0.7143, Shown(t.ShareOfMentorsThanked));
    }

    [Fact]
    public void CheckInsPerPair_MeanAndBuckets()
    {
        // Held by now: P1 5 (day 103 is after now), P2 2, P3 4, P4 1, P5 3, P6 0, P7 7, P8 4 = 26 over 8 pairs: 3.25
        // (16 people). Buckets: 0 = P6, 1 = P4, 2 = P2, 3 = P5 (one pair, two people each: hidden); 4+ = P1 P3 P7 P8
        // = 4 pairs, 8 people.
        var c = Outcomes.CheckInsPerPair;
        Assert.Equal(3.25, Shown(c.MeanHeldPerPair));
        Assert.Equal(["0", "1", "2", "3", "4+"], c.Buckets.Select(b => b.Label));
        Assert.All(c.Buckets.Take(4), b => Hidden(b.Pairs));
        Assert.Equal(4, Shown(c.Buckets[4].Pairs));
    }

    [Fact]
    public void FirstMeeting_MedianDaysAndPairsMet()
    {
        // Days to first held: P1 5, P2 10, P3 14−7 = 7, P4 26−14 = 12, P5 44−42 = 2, P7 3, P8 7; sorted
        // 2 3 5 7 7 10 12, median the 4th = 7. Met 7 pairs (14 people); not met: P6 (2 people, hidden).
        var f = Outcomes.FirstMeeting;
        Assert.Equal(7, Shown(f.MedianDays));
        Assert.Equal(7, Shown(f.PairsMet));
        Hidden(f.PairsNotMetYet);
    }

    [Fact]
    public void Retention_After4_8And12Weeks()
    {
        // Week 4 (day start+28): old enough = started by day 70: P1 P2 P3 P4 P5 P7 P8 = 7 (P6 started day 84).
        //   Held at or after start+28: P1 (33), P3 (42 ≥ 35), P5 (86 ≥ 70), P7 (31), P8 (35); not P2 (24), P4 (26 < 42).
        //   5 of 7 (10 people of 14): 0.7143.
        // Week 8 (start+56): started by day 42: the same 7. P1 (61), P3 (70 ≥ 63), P7 (59); not P2, P4, P5 (86 < 98),
        //   P8 (49, 63 missed). 3 of 7 (6 people): 0.4286.
        // Week 12 (start+84): started by day 14: P1 P2 P3 P4 P7 P8 = 6. P1 (89), P7 (87); not P3 (84 < 91) and the rest.
        //   2 pairs = 4 people: count and share hidden.
        var r = Outcomes.Retention;
        Assert.Equal([4, 8, 12], r.Select(p => p.Weeks));
        Assert.Equal((7, 5, 0.7143), (Shown(r[0].Eligible), Shown(r[0].StillMeeting), Shown(r[0].Share)));
        Assert.Equal((7, 3, 0.4286), (Shown(r[1].Eligible), Shown(r[1].StillMeeting), Shown(r[1].Share)));
        Assert.Equal(6, Shown(r[2].Eligible));
        Hidden(r[2].StillMeeting);
        Hidden(r[2].Share);
    }

    [Fact]
    public void Satisfaction_PerSkill()
    {
        // generative-ai: S5 3 and 4, J5 4 = 3 ratings by 2 people (S6's 5 is after now): hidden.
        // power-bi: 5 4 3 4 2 5 4 = 27 / 7 = 3.857 → 3.86, by 7 people.
        var s = Outcomes.Satisfaction;
        Assert.Equal([GenAi, PowerBi], s.Select(x => x.Skill));
        Hidden(s[0].Ratings);
        Hidden(s[0].MeanRating);
        Assert.Equal(7, Shown(s[1].Ratings));
        Assert.Equal(3.86, Shown(s[1].MeanRating));
    }

    [Fact]
    public void SkillProgress_LearnersLevelsGainedAndTargetsReached()
    {
        // power-bi learners' latest answers (levels None 0, Aware 1, Working 2, Practitioner 3, Expert 4):
        //   S1 1→3 target 3 (+2, reached; the day-40 answer is older), S2 1→3 target 3 (+2, reached),
        //   S3 0→2 target 2 (+2, reached), S4 1→1 target 2 (0), S7 2→4 target 4 (+2, reached), S8 1→3 target 2 (+2, reached).
        //   J1 is the pair's mentor: not counted. 6 learners; gained 10/6 = 1.67; reached 5/6 = 0.8333.
        // generative-ai: S5 alone: hidden.
        var p = Outcomes.SkillProgress;
        Assert.Equal([GenAi, PowerBi], p.Select(x => x.Skill));
        Hidden(p[0].Learners);
        Hidden(p[0].MeanLevelsGained);
        Hidden(p[0].ShareReachedTarget);
        Assert.Equal(6, Shown(p[1].Learners));
        Assert.Equal(1.67, Shown(p[1].MeanLevelsGained));
        Assert.Equal(0.8333, Shown(p[1].ShareReachedTarget));
    }

    [Fact]
    public void Declines_AggregatedByAnswer()
    {
        // 8 accepted (J1–J8) + 5 declined with a note (K1–K5) + 2 without (K6, K7) + 3 never answered (K1, K8, K9) =
        // 18 offers to 17 people. Without a note: 2 people, no answer: 3 people: hidden.
        var d = Outcomes.Declines;
        Assert.Equal(18, Shown(d.Offers));
        Assert.Equal(8, Shown(d.Accepted));
        Assert.Equal(5, Shown(d.DeclinedWithNote));
        Hidden(d.DeclinedWithoutNote);
        Hidden(d.NoAnswer);
    }

    [Fact]
    public void LearnedAndTaught_SharedNotesOnlyForSkillsWithFivePeople()
    {
        // power-bi notes from P1, P3, P7: 6 people, shown in text order (so no order points at a pair); gen-ai: P5 only.
        var l = Outcomes.LearnedAndTaught;
        Assert.Equal([GenAi, PowerBi], l.Select(x => x.Skill));
        Hidden(l[0].Notes);
        Assert.Equal(6, Shown(l[1].People));
        Assert.Equal(
            ["Learned how the budget cycle works", "Taught pivot tables; learned stakeholder mapping", "We built a first dashboard together"],
            Shown(l[1].Notes));
    }

    [Fact]
    public void Table_CellsAndCsv_CarryTheSameNumbersAndHideTheSameOnes()
    {
        var cells = OutcomeTable.Cells(Outcomes, s => s.Value);
        var notes = OutcomeTable.Notes(Outcomes, s => s.Value);

        Assert.Equal(8, cells.Single(c => c.Key == "sent").Value);
        Assert.Equal(0.4286, cells.Single(c => c.Key == "week-8.share").Value);
        Assert.True(cells.Single(c => c.Key == "generative-ai.mean-rating").Suppressed);
        Assert.Null(notes.Single(n => n.Skill == "generative-ai").Notes);

        using var csv = new StringWriter(CultureInfo.InvariantCulture);
        OutcomeTable.WriteCsv(csv, "retention", cells, notes);
        Assert.Equal(
            "key,label,value,unit\r\nweek-4.eligible,Pairs started 4+ weeks ago,7,count\r\nweek-4.still-meeting,Still meeting after 4 weeks,5,count\r\n"
            + "week-4.share,Share still meeting after 4 weeks,0.7143,share\r\nweek-8.eligible,Pairs started 8+ weeks ago,7,count\r\n"
            + "week-8.still-meeting,Still meeting after 8 weeks,3,count\r\nweek-8.share,Share still meeting after 8 weeks,0.4286,share\r\n"
            + "week-12.eligible,Pairs started 12+ weeks ago,6,count\r\nweek-12.still-meeting,Still meeting after 12 weeks,suppressed,count\r\n"
            + "week-12.share,Share still meeting after 12 weeks,suppressed,share\r\n",
            csv.ToString());
    }
}
