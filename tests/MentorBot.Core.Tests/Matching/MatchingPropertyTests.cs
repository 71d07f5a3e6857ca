using FsCheck;
using FsCheck.Fluent;
using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Matching;

public sealed class MatchingPropertyTests
{
    private static readonly MatchingOptions Options = new() { MaxCandidates = 100, MaxExclusionDetails = 100 };
    private static readonly CandidateRanker Ranker = new(Options, SkillCatalog.Default);
    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();

    private static void Check(int tests, Func<int, bool> property) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(tests), Prop.ForAll(Seeds, property));

    [Fact]
    public void Rank_CandidatesAreExactlyThoseWithoutViolations() => Check(200, seed =>
    {
        var (snapshot, round) = RandomInstances.Create(seed);
        var index = MatchingIndex.Build(snapshot);
        foreach (var request in round.Requests)
        {
            var result = Ranker.Rank(index, new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat));
            var ranked = result.Candidates.Select(c => c.Mentor.Id).ToHashSet();
            var expected = snapshot.Profiles
                .Where(p => RandomInstances.Violation(snapshot, Options, request.Learner, p.Id, request.Skill, request.AllowRepeat) is null)
                .Select(p => p.Id)
                .ToHashSet();
            if (!ranked.SetEquals(expected))
            {
                return false;
            }

            if (result.Candidates.Zip(result.Candidates.Skip(1)).Any(p => p.First.Score < p.Second.Score))
            {
                return false;
            }
        }

        return true;
    });

    [Fact]
    public void Rank_LoadsAndLearnerUpdatedInPlace_EqualsRankOnAFreshIndex() => Check(200, seed =>
    {
        // What the live index does (decision 0185): build without loads or anyone's own pairs, then set them in place.
        var (snapshot, round) = RandomInstances.Create(seed);
        var fresh = MatchingIndex.Build(snapshot);
        var live = MatchingIndex.Build(snapshot with { ActiveMentorships = [], OpenOffers = [], EndedPairings = [] });
        foreach (var mentor in snapshot.ActiveMentorships.GroupBy(m => m.Mentor))
        {
            if (live.TryIndexOf(mentor.Key, out var at))
            {
                live.SetActiveCount(at, mentor.Count());
            }
        }

        foreach (var request in round.Requests)
        {
            var match = new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat);
            if (live.TryIndexOf(request.Learner, out var learner))
            {
                int At(MentorBot.Core.Profiles.UserId id) => live.TryIndexOf(id, out var i) ? i : -1;
                live.SetLearnerState(
                    learner,
                    [.. snapshot.ActiveMentorships.Where(m => m.Learner == request.Learner && At(m.Mentor) >= 0).Select(m => (At(m.Mentor), m.Skill))],
                    [.. snapshot.OpenOffers.Where(o => o.Learner == request.Learner && At(o.Candidate) >= 0).Select(o => At(o.Candidate))],
                    [.. snapshot.EndedPairings
                        .Where(e => (e.Learner == request.Learner || e.Mentor == request.Learner) && e.Mentor != e.Learner)
                        .Select(e => (At(e.Learner == request.Learner ? e.Mentor : e.Learner), e.EndedAt))
                        .Where(e => e.Item1 >= 0)]);
            }

            var expected = Ranker.Rank(fresh, match).Candidates.Select(c => (c.Mentor.Id, c.Score));
            var actual = Ranker.Rank(live, match).Candidates.Select(c => (c.Mentor.Id, c.Score));
            if (!expected.SequenceEqual(actual))
            {
                return false;
            }
        }

        return true;
    });

    [Fact]
    public void Cohort_NoPairViolatesAConstraintOrACapacity() => Check(200, seed =>
    {
        var (snapshot, round) = RandomInstances.Create(seed);
        var index = MatchingIndex.Build(snapshot);
        ICohortMatcher[] matchers = [new ExactCohortMatcher(Ranker), new GreedyCohortMatcher(Ranker), new RandomCohortMatcher(Ranker, new Random(seed))];
        foreach (var matcher in matchers)
        {
            var result = matcher.Match(index, round);
            foreach (var pair in result.Pairs)
            {
                var request = round.Requests.Single(r => r.Learner == pair.Learner && r.Skill == pair.Skill);
                if (RandomInstances.Violation(snapshot, Options, pair.Learner, pair.Mentor, pair.Skill, request.AllowRepeat) is not null)
                {
                    return false;
                }
            }

            foreach (var mentor in result.Pairs.GroupBy(p => p.Mentor))
            {
                var profile = snapshot.Profiles.Single(p => p.Id == mentor.Key);
                if (mentor.Count() + snapshot.ActiveMentorships.Count(m => m.Mentor == mentor.Key) > profile.Capacity)
                {
                    return false;
                }
            }

            if (result.Pairs.Count + result.Unmatched.Count != round.Requests.Count)
            {
                return false;
            }
        }

        return true;
    });

    [Fact]
    public void Exact_SameInputInAnyOrder_SameOutput() => Check(150, seed =>
    {
        var (snapshot, round) = RandomInstances.Create(seed);
        var shuffler = new Random(seed);
        var shuffledPeople = snapshot.Profiles.ToArray();
        var shuffledRequests = round.Requests.ToArray();
        shuffler.Shuffle(shuffledPeople);
        shuffler.Shuffle(shuffledRequests);
        var matcher = new ExactCohortMatcher(Ranker);

        var first = matcher.Match(MatchingIndex.Build(snapshot), round);
        var again = matcher.Match(MatchingIndex.Build(snapshot), round);
        var shuffled = matcher.Match(MatchingIndex.Build(snapshot with { Profiles = shuffledPeople }), round with { Requests = shuffledRequests });

        return Same(first, again) && Same(first, shuffled);
    });

    [Fact]
    public void Rank_SameInputInAnyOrder_SameOutput() => Check(150, seed =>
    {
        var (snapshot, round) = RandomInstances.Create(seed);
        var shuffledPeople = snapshot.Profiles.ToArray();
        new Random(seed).Shuffle(shuffledPeople);
        var index = MatchingIndex.Build(snapshot);
        var shuffledIndex = MatchingIndex.Build(snapshot with { Profiles = shuffledPeople });

        return round.Requests.All(request =>
        {
            var match = new MatchRequest(request.Learner, request.Skill);
            var a = Ranker.Rank(index, match);
            var b = Ranker.Rank(shuffledIndex, match);
            return a.Candidates.Select(c => (c.Mentor.Id, c.Score, string.Join("|", c.Reasons))).SequenceEqual(b.Candidates.Select(c => (c.Mentor.Id, c.Score, string.Join("|", c.Reasons))))
                && a.Nobody.Others == b.Nobody.Others && a.Nobody.Excluded.OrderBy(e => e.Key).SequenceEqual(b.Nobody.Excluded.OrderBy(e => e.Key));
        });
    });

    [Fact]
    public void Rank_ShortListWithEarlyStop_IsThePrefixOfTheFullRanking() => Check(200, seed =>
    {
        var (snapshot, round) = RandomInstances.Create(seed, maxPeople: 24);
        var index = MatchingIndex.Build(snapshot);
        var shortRanker = new CandidateRanker(new MatchingOptions { MaxCandidates = 2 }, SkillCatalog.Default);
        return round.Requests.All(request =>
        {
            var match = new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat);
            var full = Ranker.Rank(index, match);
            var top = shortRanker.Rank(index, match);
            return top.Candidates.Select(c => (c.Mentor.Id, c.Score)).SequenceEqual(full.Candidates.Take(2).Select(c => (c.Mentor.Id, c.Score)))
                && (top.IsComplete || top.Candidates.Count == 2)
                && full.IsComplete;
        });
    });

    [Fact]
    public void Rank_ScoreIsTheSumOfItsExplainedFactors() => Check(150, seed =>
    {
        var (snapshot, round) = RandomInstances.Create(seed);
        var index = MatchingIndex.Build(snapshot);
        return round.Requests.All(request =>
            Ranker.Rank(index, new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat)).Candidates
                .All(c => Math.Abs(c.Score - c.Factors.Sum(f => f.Contribution)) < 0.001 && c.Factors.All(f => f.Facts.Skill == request.Skill)));
    });

    private static bool Same(CohortResult a, CohortResult b) =>
        a.Pairs.SequenceEqual(b.Pairs, CohortMatcherTests.PairComparer.Instance)
        && a.Unmatched.Select(u => (u.Request, u.Reason)).SequenceEqual(b.Unmatched.Select(u => (u.Request, u.Reason)))
        && a.UnusedMentors.SequenceEqual(b.UnusedMentors);
}
