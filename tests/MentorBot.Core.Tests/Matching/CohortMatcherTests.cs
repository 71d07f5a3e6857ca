using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Matching;

public sealed class CohortMatcherTests
{
    private static readonly SkillId PowerBi = new("power-bi");
    private static readonly CandidateRanker Ranker = new(new MatchingOptions(), SkillCatalog.Default);

    private static UserId Id(int number) => ProfileBuilder.Id(number);

    private static ProfileBuilder Senior(int number) => A.Person(number).As(ProgramRole.Learn).Wants("power-bi", SkillLevel.Aware).InDepartment("Finance");

    private static ProfileBuilder Junior(int number, SkillLevel level = SkillLevel.Expert) =>
        A.Person(number).As(ProgramRole.Teach).Offers("power-bi", level).InDepartment("Marketing").WithCapacity(1);

    private static MatchingIndex Index(params Profile[] people) => MatchingIndex.Build(new MatchingSnapshot(CandidateRankerTests.Now, people));

    private static CohortRound Round(params int[] learners) => new([.. learners.Select(l => new CohortRequest(Id(l), PowerBi))]);

    // Senior 1 fits mentor 20 best but could also take 21; senior 11 can only take 20 (21 is their manager).
    private static MatchingIndex Contested() => Index(
        Senior(1).Build(),
        Senior(11).ReportsTo(21).Build(),
        Junior(20).Build(),
        Junior(21, SkillLevel.Practitioner).Build());

    [Fact]
    public void Exact_ManyLearnersOneSkill_MatchesEveryoneMatchableAndEqualsTheFullGraphOptimum()
    {
        // 60 learners want Power BI; 5 experts (2 places each) and 30 practitioners (1 place each): 40 places. With a
        // first graph of 5 candidates per request every request sees only the experts, as in issue 17.
        var learners = Enumerable.Range(1, 60).ToArray();
        var people = learners.Select(l => Senior(l).Build())
            .Concat(Enumerable.Range(100, 5).Select(m => Junior(m).WithCapacity(2).Build()))
            .Concat(Enumerable.Range(200, 30).Select(m => Junior(m, SkillLevel.Practitioner).Build()))
            .ToArray();
        var index = Index(people);
        var round = Round(learners);
        var narrow = new CandidateRanker(new MatchingOptions { CohortCandidatesPerRequest = 5 }, SkillCatalog.Default);
        var everything = new CandidateRanker(new MatchingOptions { CohortCandidatesPerRequest = 0 }, SkillCatalog.Default);

        var result = new ExactCohortMatcher(narrow).Match(index, round);
        var fullGraph = new SparseCohortMatcher(everything).Match(index, round);
        var sparse = new SparseCohortMatcher(narrow).Match(index, round);

        Assert.Equal(40, result.Pairs.Count);
        Assert.Equal(
            Enumerable.Range(100, 5).Concat(Enumerable.Range(200, 30)).Select(m => Id(m).AadObjectId),
            result.Pairs.Select(p => p.Mentor.AadObjectId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(20, result.Unmatched.Count);
        Assert.All(result.Unmatched, u => Assert.Equal((UnmatchedReason.MentorsTaken, 35, 35, 0), (u.Reason, u.EligibleMentors, u.MentorsFull, u.MentorsStillFree)));
        Assert.Empty(result.UnusedMentors);
        Assert.Equal(fullGraph.TotalScore, result.TotalScore, 6);
        Assert.True(result.Certificate!.IsOptimal);
        Assert.Equal(result.TotalScore, result.Certificate.DualBound, 6);
        Assert.Equal(10, sparse.Pairs.Count);
    }

    [Fact]
    public void Exact_OneLearnerTwoRequests_GetsTwoDifferentMentors()
    {
        // Only mentor 20 has two places and fits both skills best; the rule (decision 0263) sends the second request to 21.
        var index = Index(
            A.Person(1).As(ProgramRole.Learn).Wants("power-bi", SkillLevel.Aware).Wants("short-form-video", SkillLevel.Aware).InDepartment("Finance").Build(),
            A.Person(20).As(ProgramRole.Teach).Offers("power-bi", SkillLevel.Expert).Offers("short-form-video", SkillLevel.Expert).InDepartment("Marketing").WithCapacity(2).Build(),
            A.Person(21).As(ProgramRole.Teach).Offers("short-form-video", SkillLevel.Practitioner).InDepartment("Marketing").WithCapacity(1).Build());
        var round = new CohortRound([new CohortRequest(Id(1), PowerBi), new CohortRequest(Id(1), new SkillId("short-form-video"))]);

        var result = new ExactCohortMatcher(Ranker).Match(index, round);

        Assert.Equal([(PowerBi, Id(20)), (new SkillId("short-form-video"), Id(21))], result.Pairs.Select(p => (p.Skill, p.Mentor)).ToArray());
        Assert.True(result.Certificate!.IsOptimal);
    }

    [Fact]
    public void Exact_KeptPairWithMentorAlreadyFull_IsNotKeptAboveCapacity()
    {
        // Mentor 20 has one place, already taken by a running mentorship with someone else: last round's pair with 1
        // cannot be kept at 2 of 1, so 1 is matched afresh (to 21).
        var people = new[] { Senior(1).Build(), Senior(5).Build(), Junior(20).Build(), Junior(21, SkillLevel.Practitioner).Build() };
        var index = MatchingIndex.Build(new MatchingSnapshot(CandidateRankerTests.Now, people)
        {
            ActiveMentorships = [new ActiveMentorship(Id(20), Id(5), new SkillId("negotiation"))],
        });
        var round = Round(1) with { PreviousPairs = [new CohortPair(Id(20), Id(1), PowerBi)], KeepPreviousPairs = true };

        var result = new ExactCohortMatcher(Ranker).Match(index, round);

        var pair = Assert.Single(result.Pairs);
        Assert.Equal((Id(21), false), (pair.Mentor, pair.Kept));
    }

    [Fact]
    public void Exact_ContestedMentor_FindsTheAssignmentGreedyMisses()
    {
        var index = Contested();

        var exact = new ExactCohortMatcher(Ranker).Match(index, Round(1, 11));
        var greedy = new GreedyCohortMatcher(Ranker).Match(index, Round(1, 11));

        Assert.Equal([(Id(1), Id(21)), (Id(11), Id(20))], exact.Pairs.Select(p => (p.Learner, p.Mentor)).ToArray());
        Assert.Empty(exact.Unmatched);
        Assert.Equal([(Id(1), Id(20))], greedy.Pairs.Select(p => (p.Learner, p.Mentor)).ToArray());
        Assert.Equal(UnmatchedReason.MentorsTaken, Assert.Single(greedy.Unmatched).Reason);
        Assert.True(exact.TotalScore > greedy.TotalScore);
    }

    [Fact]
    public void Exact_MoreRequestsThanPlaces_RespectsCapacityAndReportsTheRest()
    {
        var index = Index(Senior(1).Build(), Senior(2).Build(), Senior(3).Build(), Junior(20).WithCapacity(2).Build());

        var result = new ExactCohortMatcher(Ranker).Match(index, Round(1, 2, 3));

        Assert.Equal(2, result.Pairs.Count);
        Assert.All(result.Pairs, p => Assert.Equal(Id(20), p.Mentor));
        var unmatched = Assert.Single(result.Unmatched);
        Assert.Equal(UnmatchedReason.MentorsTaken, unmatched.Reason);
        Assert.Equal((1, 1, 0), (unmatched.EligibleMentors, unmatched.MentorsFull, unmatched.MentorsStillFree));
        Assert.True(result.Certificate!.IsOptimal);
    }

    [Fact]
    public void Exact_NoEligibleMentor_ReportsTheRankingCounts()
    {
        var index = Index(Senior(1).ReportsTo(20).Build(), Junior(20).Build());

        var result = new ExactCohortMatcher(Ranker).Match(index, Round(1));

        var unmatched = Assert.Single(result.Unmatched);
        Assert.Equal(UnmatchedReason.NoEligibleMentor, unmatched.Reason);
        Assert.Equal(1, unmatched.Nobody!.Others);
        Assert.Equal(new Dictionary<ExclusionReason, int> { [ExclusionReason.ReportingLine] = 1 }, unmatched.Nobody.Excluded);
    }

    [Fact]
    public void Exact_DuplicateAndUnknownRequests_AreReported()
    {
        var index = Index(Senior(1).Build(), Junior(20).Build());

        var result = new ExactCohortMatcher(Ranker).Match(index, Round(1, 1, 99));

        Assert.Single(result.Pairs);
        Assert.Equal([UnmatchedReason.DuplicateRequest, UnmatchedReason.LearnerNotFound], result.Unmatched.Select(u => u.Reason).ToArray());
    }

    [Fact]
    public void Exact_KeepPreviousPairs_KeepsThemAndTheirPlaces()
    {
        var index = Index(Senior(1).Build(), Senior(2).Build(), Junior(20).Build(), Junior(21, SkillLevel.Working).Build());
        var round = Round(1, 2) with { PreviousPairs = [new CohortPair(Id(21), Id(1), PowerBi)], KeepPreviousPairs = true };

        var result = new ExactCohortMatcher(Ranker).Match(index, round);

        Assert.Equal([(Id(1), Id(21), true), (Id(2), Id(20), false)], result.Pairs.Select(p => (p.Learner, p.Mentor, p.Kept)).ToArray());
        Assert.True(result.Pairs[0].Score > 0);
    }

    [Fact]
    public void Exact_RotateInsteadOfKeep_NeverRepeatsAPreviousPair()
    {
        var index = Index(Senior(1).Build(), Junior(20).Build(), Junior(21, SkillLevel.Working).Build());
        var round = Round(1) with { PreviousPairs = [new CohortPair(Id(20), Id(1), PowerBi)], KeepPreviousPairs = false };

        var result = new ExactCohortMatcher(Ranker).Match(index, round);

        var pair = Assert.Single(result.Pairs);
        Assert.Equal(Id(21), pair.Mentor);
        Assert.False(pair.Kept);
    }

    [Fact]
    public void Exact_RoundMentors_RestrictsWhoCanBeChosen()
    {
        var index = Index(Senior(1).Build(), Junior(20).Build(), Junior(21, SkillLevel.Working).Build());
        var round = Round(1) with { Mentors = new HashSet<UserId> { Id(21) } };

        var result = new ExactCohortMatcher(Ranker).Match(index, round);

        Assert.Equal(Id(21), Assert.Single(result.Pairs).Mentor);
        Assert.Empty(result.UnusedMentors);
    }

    [Fact]
    public void Exact_UnusedMentors_AreListedWithReason()
    {
        var index = Index(
            Senior(1).Build(),
            Junior(20).Build(),
            Junior(21, SkillLevel.Working).Build(),
            A.Person(22).As(ProgramRole.Teach).Offers("instagram", SkillLevel.Expert).Build());

        var result = new ExactCohortMatcher(Ranker).Match(index, Round(1));

        Assert.Equal(
            [(Id(21), 1, UnusedMentorReason.OthersFitBetter), (Id(22), 2, UnusedMentorReason.NoMatchingRequest)],
            result.UnusedMentors.Select(u => (u.Mentor, u.FreePlaces, u.Reason)).ToArray());
    }

    [Fact]
    public void Exact_RequestOrder_DoesNotChangeTheResult()
    {
        var people = Enumerable.Range(1, 6).Select(n => Senior(n).Build())
            .Concat(Enumerable.Range(20, 4).Select(n => Junior(n, n % 2 == 0 ? SkillLevel.Expert : SkillLevel.Practitioner).Build()))
            .ToArray();
        var index = Index(people);

        var forward = new ExactCohortMatcher(Ranker).Match(index, Round(1, 2, 3, 4, 5, 6));
        var backward = new ExactCohortMatcher(Ranker).Match(MatchingIndex.Build(new MatchingSnapshot(CandidateRankerTests.Now, [.. people.Reverse()])), Round(6, 5, 4, 3, 2, 1));

        Assert.Equal(forward.Pairs, backward.Pairs, PairComparer.Instance);
        Assert.Equal(forward.Unmatched.Select(u => u.Request), backward.Unmatched.Select(u => u.Request));
    }

    [Fact]
    public void Random_SameSeed_SameResultAndOnlyEligiblePairs()
    {
        var index = Contested();

        var first = new RandomCohortMatcher(Ranker, new Random(7)).Match(index, Round(1, 11));
        var second = new RandomCohortMatcher(Ranker, new Random(7)).Match(index, Round(1, 11));

        Assert.Equal(first.Pairs, second.Pairs, PairComparer.Instance);
        Assert.DoesNotContain(first.Pairs, p => p.Learner == Id(11) && p.Mentor == Id(21));
    }

    internal sealed class PairComparer : IEqualityComparer<CohortAssignment>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals(CohortAssignment? x, CohortAssignment? y) =>
            x is not null && y is not null && x.Learner == y.Learner && x.Mentor == y.Mentor && x.Skill == y.Skill && x.Score == y.Score && x.Kept == y.Kept;

        public int GetHashCode(CohortAssignment obj) => HashCode.Combine(obj.Learner, obj.Mentor, obj.Skill);
    }
}
