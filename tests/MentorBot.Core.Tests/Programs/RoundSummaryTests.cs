using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Programs;

public sealed class RoundSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly ProgramId Program = new("p-1");
    private static readonly UserId Owner = new("owner");

    [Fact]
    public void Of_CountsAboutFewerThanFivePeople_AreSuppressedAndTheRestShown()
    {
        var round = Round("r", Now,
            pairs: 3, // 6 people
            unmatched: [.. Unmatched("taken", 2, UnmatchedReason.MentorsTaken), .. Unmatched("nobody", 4, UnmatchedReason.NoEligibleMentor)]);

        var summary = RoundSummary.Of(round);

        Assert.True(summary.Pairs.TryGetValue(out var pairs) && pairs == 3);
        Assert.True(summary.Unmatched.TryGetValue(out var unmatched) && unmatched == 6);
        Assert.True(summary.AllHelpersTaken.IsSuppressed);
        Assert.True(summary.NobodyEligible.IsSuppressed);
        Assert.True(summary.Other.TryGetValue(out var other) && other == 0);
    }

    [Fact]
    public void Of_OneLearnerUnmatchedForTwoSkills_CountsTwoRequestsButOnePersonBehindThem()
    {
        var learner = new UserId("learner");
        var round = Round("r", Now, pairs: 5, unmatched:
        [
            new RoundUnmatched(learner, new SkillId("a"), UnmatchedReason.NoEligibleMentor, ""),
            new RoundUnmatched(learner, new SkillId("b"), UnmatchedReason.NoEligibleMentor, ""),
        ]);

        Assert.True(RoundSummary.Of(round).Unmatched.IsSuppressed);
    }

    [Fact]
    public void Latest_SevenRoundsOneInTheFuture_NewestFiveByNowNewestFirst()
    {
        var rounds = Enumerable.Range(0, 6).Select(day => Round($"r{day}", Now.AddDays(-day), pairs: 0, unmatched: []))
            .Append(Round("r-future", Now.AddHours(1), pairs: 0, unmatched: []));

        var latest = RoundSummary.Latest(rounds, Now);

        Assert.Equal(["r0", "r1", "r2", "r3", "r4"], latest.Select(r => r.Id.Value));
    }

    private static ProgramRound Round(string id, DateTimeOffset preparedAt, int pairs, IReadOnlyList<RoundUnmatched> unmatched) => new(
        new RoundId(id),
        Program,
        Owner,
        preparedAt,
        [.. Enumerable.Range(0, pairs).Select(n => new RoundPair(new UserId($"l{n}"), new UserId($"m{n}"), new SkillId("s"), 0.5, []))],
        unmatched,
        []);

    private static IEnumerable<RoundUnmatched> Unmatched(string prefix, int count, UnmatchedReason reason) =>
        Enumerable.Range(0, count).Select(n => new RoundUnmatched(new UserId($"{prefix}{n}"), new SkillId("s"), reason, ""));
}
