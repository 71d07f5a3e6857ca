using MentorBot.Core.Matching;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Matching;

public sealed class CandidateRankerTests
{
    // A Wednesday after both Europe and North America left summer time: Stockholm UTC+1, New York UTC−5.
    internal static readonly DateTimeOffset Now = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);

    private static readonly UserId Learner = ProfileBuilder.Id(1);
    private static readonly UserId Candidate = ProfileBuilder.Id(2);
    private static readonly SkillId PowerBi = new("power-bi");

    private static ProfileBuilder Senior() => A.Person(1).AtCareerLevel(9).As(ProgramRole.Learn).Wants("power-bi", SkillLevel.Aware).InDepartment("Finance");

    private static ProfileBuilder Junior(int number = 2) => A.Person(number).AtCareerLevel(2).As(ProgramRole.Teach).Offers("power-bi", SkillLevel.Expert).InDepartment("Marketing");

    private static RankingResult Rank(IEnumerable<Profile> people, Func<MatchingSnapshot, MatchingSnapshot>? adjust = null, MatchingOptions? options = null, bool allowRepeat = false)
    {
        var snapshot = new MatchingSnapshot(Now, [.. people]);
        snapshot = adjust?.Invoke(snapshot) ?? snapshot;
        var ranker = new CandidateRanker(options ?? new MatchingOptions(), SkillCatalog.Default);
        return ranker.Rank(MatchingIndex.Build(snapshot), new MatchRequest(Learner, PowerBi, AllowRepeat: allowRepeat));
    }

    public static TheoryData<string, Func<Profile[]>, Func<MatchingSnapshot, MatchingSnapshot>?, MatchingOptions?, ExclusionReason> Excluded => new()
    {
        { "role is learn only", () => [Senior().Build(), Junior().As(ProgramRole.Learn).Build()], null, null, ExclusionReason.NotTeaching },
        { "paused until after now", () => [Senior().Build(), Junior().With(Participation.PausedUntilDate(Now.AddDays(3))).Build()], null, null, ExclusionReason.Paused },
        { "opted out", () => [Senior().Build(), Junior().With(Participation.OptedOut).Build()], null, null, ExclusionReason.OptedOut },
        { "candidate is the learner's manager", () => [Senior().ReportsTo(2).Build(), Junior().Build()], null, null, ExclusionReason.ReportingLine },
        { "candidate reports to the learner", () => [Senior().Build(), Junior().ReportsTo(1).Build()], null, null, ExclusionReason.ReportingLine },
        { "candidate is a skip-level report", () => [Senior().Build(), A.Person(3).ReportsTo(1).Build(), A.Person(4).ReportsTo(3).Build(), Junior().ReportsTo(4).Build()], null, null, ExclusionReason.ReportingLine },
        { "candidate is two levels up", () => [Senior().ReportsTo(5).Build(), A.Person(5).ReportsTo(2).Build(), Junior().Build()], null, null, ExclusionReason.ReportingLine },
        { "learner reports into a manager cycle the candidate is on", () => [Senior().ReportsTo(4).Build(), A.Person(4).ReportsTo(2).Build(), Junior().ReportsTo(6).Build(), A.Person(6).ReportsTo(4).Build()], null, null, ExclusionReason.ReportingLine },
        { "manager cycle", () => [Senior().ReportsTo(6).Build(), A.Person(6).ReportsTo(2).Build(), Junior().ReportsTo(1).Build()], null, null, ExclusionReason.ReportingLine },
        { "already mentoring the learner on the skill", () => [Senior().Build(), Junior().WithCapacity(3).Build()], s => s with { ActiveMentorships = [new ActiveMentorship(Candidate, Learner, PowerBi)] }, null, ExclusionReason.AlreadyMentoring },
        { "open offer from the learner", () => [Senior().Build(), Junior().Build()], s => s with { OpenOffers = [new OpenOffer(Learner, Candidate, new SkillId("instagram"))] }, null, ExclusionReason.OfferPending },
        { "paired 30 days ago", () => [Senior().Build(), Junior().Build()], s => s with { EndedPairings = [new EndedPairing(Candidate, Learner, new SkillId("instagram"), Now.AddDays(-30))] }, null, ExclusionReason.RecentlyPaired },
        { "paired the other way round 30 days ago", () => [Senior().Build(), Junior().Build()], s => s with { EndedPairings = [new EndedPairing(Learner, Candidate, new SkillId("negotiation"), Now.AddDays(-30))] }, null, ExclusionReason.RecentlyPaired },
        { "at capacity", () => [Senior().Build(), Junior().WithCapacity(1).Build(), A.Person(9).Build()], s => s with { ActiveMentorships = [new ActiveMentorship(Candidate, ProfileBuilder.Id(9), new SkillId("instagram"))] }, null, ExclusionReason.AtCapacity },
        { "capacity zero", () => [Senior().Build(), Junior().WithCapacity(0).Build()], null, null, ExclusionReason.AtCapacity },
        { "same level", () => [Senior().Build(), Junior().Offers("x", SkillLevel.Aware).Build() with { Offers = [new OfferedSkill(PowerBi, SkillLevel.Aware)] }], null, null, ExclusionReason.SkillGapTooSmall },
        { "gap 2 below configured 3", () => [Senior().Build(), Junior().Build() with { Offers = [new OfferedSkill(PowerBi, SkillLevel.Practitioner)] }], null, new MatchingOptions { MinimumSkillGap = 3 }, ExclusionReason.SkillGapTooSmall },
        { "no shared hours, one required", () => [Senior().InZone("America/New_York").Build(), Junior().InZone("Asia/Tokyo").Build()], null, new MatchingOptions { MinimumSharedHoursPerWeek = 1 }, ExclusionReason.TooFewSharedHours },
    };

    [Theory]
    [MemberData(nameof(Excluded))]
    public void Rank_HardConstraintViolated_CandidateExcludedWithReason(
        string because, Func<Profile[]> people, Func<MatchingSnapshot, MatchingSnapshot>? adjust, MatchingOptions? options, ExclusionReason expected)
    {
        var result = Rank(people(), adjust, options);

        Assert.DoesNotContain(result.Candidates, c => c.Mentor.Id == Candidate);
        var exclusion = Assert.Single(result.Exclusions, e => e.Candidate == Candidate);
        Assert.True(expected == exclusion.Reason, $"{because}: expected {expected}, got {exclusion.Reason}");
        Assert.Equal(1, result.ExcludedByReason[expected]);
    }

    public static TheoryData<string, Func<Profile[]>, Func<MatchingSnapshot, MatchingSnapshot>?, bool> Allowed => new()
    {
        { "plain eligible", () => [Senior().Build(), Junior().Build()], null, false },
        { "pause already over", () => [Senior().Build(), Junior().With(Participation.PausedUntilDate(Now.AddDays(-1))).Build()], null, false },
        { "same manager (siblings)", () => [Senior().ReportsTo(7).Build(), A.Person(7).Build(), Junior().ReportsTo(7).Build()], null, false },
        { "manager outside the snapshot", () => [Senior().ReportsTo(99).Build(), Junior().ReportsTo(99).Build()], null, false },
        { "mentoring the learner on another skill", () => [Senior().Build(), Junior().Build()], s => s with { ActiveMentorships = [new ActiveMentorship(Candidate, Learner, new SkillId("instagram"))] }, false },
        { "offer from someone else", () => [Senior().Build(), Junior().Build(), A.Person(8).Build()], s => s with { OpenOffers = [new OpenOffer(ProfileBuilder.Id(8), Candidate, PowerBi)] }, false },
        { "paired long ago", () => [Senior().Build(), Junior().Build()], s => s with { EndedPairings = [new EndedPairing(Candidate, Learner, PowerBi, Now.AddDays(-400))] }, false },
        { "paired recently but asked for again", () => [Senior().Build(), Junior().Build()], s => s with { EndedPairings = [new EndedPairing(Candidate, Learner, PowerBi, Now.AddDays(-10))] }, true },
        { "one place left", () => [Senior().Build(), Junior().WithCapacity(2).Build(), A.Person(9).Build()], s => s with { ActiveMentorships = [new ActiveMentorship(Candidate, ProfileBuilder.Id(9), PowerBi)] }, false },
        { "no shared hours, none required", () => [Senior().InZone("America/New_York").Build(), Junior().InZone("Asia/Tokyo").Build()], null, false },
        { "candidate is both learner and mentor", () => [Senior().Build(), Junior().As(ProgramRole.Both).Build()], null, false },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void Rank_NoConstraintViolated_CandidateRanked(string because, Func<Profile[]> people, Func<MatchingSnapshot, MatchingSnapshot>? adjust, bool allowRepeat)
    {
        var result = Rank(people(), adjust, allowRepeat: allowRepeat);

        Assert.True(result.Candidates.Any(c => c.Mentor.Id == Candidate), because);
        Assert.Empty(result.Exclusions);
    }

    [Fact]
    public void Rank_NeverIncludesTheLearner()
    {
        var people = new[] { Senior().As(ProgramRole.Both).Offers("power-bi", SkillLevel.Aware).Build(), Junior().Build() };

        var result = Rank(people);

        Assert.DoesNotContain(result.Candidates, c => c.Mentor.Id == Learner);
        Assert.Equal(1, result.ExcludedByReason[ExclusionReason.Self]);
        Assert.DoesNotContain(result.Exclusions, e => e.Candidate == Learner);
    }

    public static TheoryData<MatchFactor, Func<ProfileBuilder, ProfileBuilder>, Func<ProfileBuilder, ProfileBuilder>, Func<MatchingSnapshot, MatchingSnapshot>?, string> Factors => new()
    {
        { MatchFactor.SkillGap, b => b, b => b.Offers("x", SkillLevel.Aware), null, "Expert/Aware" },
        { MatchFactor.Reciprocity, b => b.Wants("negotiation", SkillLevel.Aware), b => b, null, "negotiation" },
        { MatchFactor.SharedHours, b => b, b => b.InZone("America/Los_Angeles"), null, "2100 min" },
        { MatchFactor.DifferentDepartment, b => b, b => b.InDepartment("Finance"), null, "Marketing" },
        { MatchFactor.SharedLanguage, b => b.Speaks("sv-SE"), b => b.Speaks("de"), null, "sv" },
        { MatchFactor.LoadBalance, b => b, b => b, s => s with { RecentOfferCounts = new Dictionary<UserId, int> { [ProfileBuilder.Id(3)] = 4 } }, "0 of 2, 0 recent" },
        { MatchFactor.NewConnection, b => b, b => b, s => s with { EndedPairings = [new EndedPairing(ProfileBuilder.Id(3), Learner, PowerBi, Now.AddDays(-400))] }, "new" },
    };

    [Theory]
    [MemberData(nameof(Factors))]
    public void Rank_BetterInOneFactor_RanksFirstAndExplainsIt(
        MatchFactor factor, Func<ProfileBuilder, ProfileBuilder> better, Func<ProfileBuilder, ProfileBuilder> worse, Func<MatchingSnapshot, MatchingSnapshot>? adjust, string text)
    {
        // Person 3 would win a pure tie only if ids decided it the other way round: 2 < 3, so the worse one gets id 2.
        var senior = Senior().Offers("negotiation", SkillLevel.Expert).Speaks("sv", "en").InZone("Europe/Stockholm", 8, 16).Build();
        var worseProfile = worse(Junior(2).Speaks("en")).Build();
        var betterProfile = better(Junior(3).Speaks("en")).Build();
        if (factor == MatchFactor.SkillGap)
        {
            worseProfile = worseProfile with { Offers = [new OfferedSkill(PowerBi, SkillLevel.Working)] };
            senior = senior with { Wants = [new WantedSkill(PowerBi, SkillLevel.Aware, SkillLevel.Practitioner)] };
        }

        if (factor is MatchFactor.LoadBalance or MatchFactor.NewConnection)
        {
            // Here the adjustment penalises person 3; swap so that 2 is penalised and 3 is the better one.
            (worseProfile, betterProfile) = (worseProfile with { Id = ProfileBuilder.Id(3) }, betterProfile with { Id = ProfileBuilder.Id(2) });
        }

        var result = Rank([senior, worseProfile, betterProfile], adjust);

        Assert.Equal(2, result.Candidates.Count);
        var (first, second) = (result.Candidates[0], result.Candidates[1]);
        if (factor is MatchFactor.LoadBalance or MatchFactor.NewConnection)
        {
            Assert.Equal(ProfileBuilder.Id(2), first.Mentor.Id);
        }
        else
        {
            Assert.Equal(ProfileBuilder.Id(3), first.Mentor.Id);
        }

        Assert.True(first.Score > second.Score);
        var winning = first.Factors.Single(f => f.Factor == factor);
        var losing = second.Factors.Single(f => f.Factor == factor);
        Assert.True(winning.Contribution > losing.Contribution, $"{factor}: {winning.Contribution} vs {losing.Contribution}");
        Assert.Equal(text, Fact(factor, winning.Facts));
        Assert.Contains(winning, first.Reasons);
    }

    [Fact]
    public void Rank_SharedHours_AcrossContinentsFollowDst()
    {
        var people = new[] { Senior().InZone("Europe/Stockholm").Build(), Junior().InZone("America/New_York").Build() };

        var result = Rank(people);

        // 09–17 Stockholm is 08–16 UTC, 09–17 New York is 14–22 UTC: 2 h a day, 5 days.
        Assert.Equal(10, Assert.Single(result.Candidates).SharedHoursPerWeek);
    }

    [Fact]
    public void Rank_EqualScores_TiesBrokenById()
    {
        var people = new[] { Senior().Build(), Junior(7).Build(), Junior(4).Build(), Junior(5).Build() };

        var result = Rank(people);

        Assert.Equal([4, 5, 7], result.Candidates.Select(c => int.Parse(c.Mentor.Id.AadObjectId[^3..], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        Assert.Single(result.Candidates.Select(c => c.Score).Distinct());
    }

    [Fact]
    public void Rank_MaxCandidates_KeepsTheBest()
    {
        var people = new List<Profile> { Senior().Build() };
        people.AddRange(Enumerable.Range(2, 30).Select(n => Junior(n).WithCapacity(1 + (n % 3)).Build()));
        var snapshot = new MatchingSnapshot(Now, people) { RecentOfferCounts = people.Skip(1).ToDictionary(p => p.Id, p => p.Capacity) };
        var ranker = new CandidateRanker(new MatchingOptions { MaxCandidates = 5 }, SkillCatalog.Default);
        var index = MatchingIndex.Build(snapshot);

        var top = ranker.Rank(index, new MatchRequest(Learner, PowerBi));
        var all = ranker.Rank(index, new MatchRequest(Learner, PowerBi), 100);

        Assert.Equal(5, top.Candidates.Count);
        Assert.Equal(30, top.EligibleCount);
        Assert.Equal(all.Candidates.Take(5).Select(c => c.Mentor.Id), top.Candidates.Select(c => c.Mentor.Id));
        Assert.Equal(all.Candidates.OrderByDescending(c => c.Score).Select(c => c.Score), all.Candidates.Select(c => c.Score));
    }

    [Fact]
    public void Rank_NobodyLeft_SummaryExplainsWhyWithoutNames()
    {
        var people = new[]
        {
            Senior().ReportsTo(2).Build(),
            Junior(2).Build(),
            Junior(3).WithCapacity(0).Build(),
            Junior(4).WithCapacity(0).Build(),
            Junior(5).With(Participation.OptedOut).Build(),
        };

        var result = Rank(people);

        Assert.Empty(result.Candidates);
        Assert.Equal(4, result.OfferingCount);
        var nobody = result.Nobody;
        Assert.Equal((PowerBi, 4, false), (nobody.Skill, nobody.Others, nobody.NoProfile));
        Assert.Equal(
            new Dictionary<ExclusionReason, int> { [ExclusionReason.AtCapacity] = 2, [ExclusionReason.OptedOut] = 1, [ExclusionReason.ReportingLine] = 1 },
            nobody.Excluded);
    }

    [Fact]
    public void Rank_NobodyOffersSkill_SaysSo()
    {
        var result = Rank([Senior().Build(), A.Person(2).Offers("instagram", SkillLevel.Expert).Build()]);

        Assert.Empty(result.Candidates);
        Assert.Equal((0, false), (result.Nobody.Others, result.Nobody.LearnerOffersIt));
    }

    [Fact]
    public void Rank_OnlyTheLearnerOffersSkill_SaysNobodyElse()
    {
        var result = Rank([Senior().As(ProgramRole.Both).Offers("power-bi", SkillLevel.Aware).Build()]);

        Assert.Empty(result.Candidates);
        Assert.Equal((0, true), (result.Nobody.Others, result.Nobody.LearnerOffersIt));
    }

    [Fact]
    public void Rank_UnknownLearner_IsAProblemNotACrash()
    {
        var snapshot = new MatchingSnapshot(Now, [Junior().Build()]);
        var ranker = new CandidateRanker(new MatchingOptions(), SkillCatalog.Default);

        var result = ranker.Rank(MatchingIndex.Build(snapshot), new MatchRequest(ProfileBuilder.Id(42), PowerBi));

        Assert.Equal(RankingProblem.LearnerNotFound, result.Problem);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void Rank_Facts_CarryWhatTheCardExplains()
    {
        var people = new[]
        {
            Senior().Offers("stakeholder-management", SkillLevel.Expert).InZone("Europe/Stockholm").Build(),
            Junior().Wants("stakeholder-management", SkillLevel.Aware).InZone("Europe/London").Build(),
        };

        var candidate = Assert.Single(Rank(people).Candidates);

        Assert.Equal(
            new MatchFacts(PowerBi, SkillLevel.Expert, SkillLevel.Aware, new SkillId("stakeholder-management"), 35 * 60, "Marketing", false, "en", 0, 2, 0, null),
            candidate.Factors[0].Facts);
        Assert.All(candidate.Factors, f => Assert.Same(candidate.Factors[0].Facts, f.Facts));
        Assert.Equal(Enum.GetValues<MatchFactor>().Length, candidate.Factors.Count);
        Assert.Equal(candidate.Score, candidate.Factors.Sum(f => f.Contribution), 3);
    }

    // The fact behind each factor, in the short form the theory data names it.
    private static string Fact(MatchFactor factor, MatchFacts facts) => factor switch
    {
        MatchFactor.SkillGap => $"{facts.MentorLevel}/{facts.LearnerLevel}",
        MatchFactor.Reciprocity => facts.TeachBack?.Value ?? "none",
        MatchFactor.SharedHours => $"{facts.SharedMinutesPerWeek} min",
        MatchFactor.DifferentDepartment => facts.MentorDepartment ?? "same",
        MatchFactor.SharedLanguage => facts.SharedLanguage ?? "none",
        MatchFactor.LoadBalance => $"{facts.ActivePairings} of {facts.Capacity}, {facts.RecentOffers} recent",
        _ => facts.PairedUntil is null ? "new" : "before",
    };
}
