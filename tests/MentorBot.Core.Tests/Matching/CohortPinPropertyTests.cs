using FsCheck;
using FsCheck.Fluent;
using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Matching;

/// <summary>
/// Round editing (issue 18, decision 0460): with an owner's pins, the exact matcher gives the best round that contains
/// every pin. Checked against a brute force over the FULL eligible graph that never sees the solver: eligibility from
/// <see cref="RandomInstances.Violation"/> plus the round rules (its mentors, no last-round partner, places), scores
/// from <c>Rank(…, int.MaxValue)</c>, every assignment that holds the pins searched.
/// </summary>
public sealed class CohortPinPropertyTests
{
    private static readonly MatchingOptions Options = new();
    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public void Exact_WithPins_EqualsTheBruteForceOptimumSubjectToThePins()
    {
        int pinMovedOthers = 0, pinCostScore = 0, infeasible = 0, twoPins = 0, feasible = 0;
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed ^ 0x5f3759df);
            var (snapshot, baseRound, limit) = CohortFullGraphPropertyTests.Instance(seed);
            var round = baseRound with { KeepPreviousPairs = false };
            var ranker = new CandidateRanker(new MatchingOptions { CohortCandidatesPerRequest = limit }, SkillCatalog.Default);
            var index = MatchingIndex.Build(snapshot);
            var world = BruteForce.Of(snapshot, index, round);

            // One or two pins on random eligible pairs (sometimes together impossible: places, same mentor twice).
            var candidates = Enumerable.Range(0, world.Open.Count).Where(r => world.Eligible[r].Count > 0).OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray();
            var pins = candidates.Select(r => (Request: r, world.Eligible[r][random.Next(world.Eligible[r].Count)].Mentor)).ToArray();
            var pinned = round with { Pinned = [.. pins.Select(p => new CohortPair(p.Mentor, world.Open[p.Request].Learner, world.Open[p.Request].Skill))] };

            var result = new ExactCohortMatcher(ranker).Match(index, pinned);
            var withPins = world.Best(pins);
            var free = world.Best([]);
            twoPins += pins.Length > 1 ? 1 : 0;

            if (withPins is null)
            {
                // The pins cannot all hold: the round says which and still solves the rest.
                infeasible++;
                return result.RejectedPins.Count > 0 && result.Certificate is { IsOptimal: true };
            }

            if (pins.Length == 0)
            {
                return result.Certificate is { IsOptimal: true } && world.UnitsOf(result) == free;
            }

            feasible++;
            pinCostScore += withPins < free ? 1 : 0;
            var unpinned = new ExactCohortMatcher(ranker).Match(index, round);
            pinMovedOthers += unpinned.Pairs.Where(p => !pins.Any(x => world.Open[x.Request].Learner == p.Learner && world.Open[x.Request].Skill == p.Skill))
                .Select(p => (p.Learner, p.Mentor, p.Skill)).ToHashSet()
                .SetEquals(result.Pairs.Where(p => !p.Pinned).Select(p => (p.Learner, p.Mentor, p.Skill))) ? 0 : 1;

            var ok = result.RejectedPins.Count == 0
                && result.Certificate is { IsOptimal: true }
                && world.UnitsOf(result) == withPins;

            // Every pin is in the round, marked pinned, with the ranker's own score.
            foreach (var (r, mentor) in pins)
            {
                var pair = result.Pairs.SingleOrDefault(p => p.Learner == world.Open[r].Learner && p.Skill == world.Open[r].Skill);
                ok &= pair is { Pinned: true } && pair.Mentor == mentor
                    && Math.Abs((pair.Score * 10_000) - world.Eligible[r].Single(e => e.Mentor == mentor).Units) <= 1;
            }

            // The rest keeps the round's rules: places, one learner never twice with one mentor, every request once.
            ok &= result.Pairs.GroupBy(p => p.Mentor).All(g => g.Count() <= world.Free[g.Key]);
            ok &= result.Pairs.GroupBy(p => (p.Learner, p.Mentor)).All(g => g.Count() == 1);
            ok &= result.Pairs.Count + result.Unmatched.Count == round.Requests.Count;
            return ok;
        }));

        // Guard against a vacuous property: pins must actually bite.
        Assert.True(feasible >= 150, $"feasible pins: {feasible}");
        Assert.True(pinCostScore >= 30, $"pins below the free optimum: {pinCostScore}");
        Assert.True(pinMovedOthers >= 20, $"pins that moved other pairs: {pinMovedOthers}");
        Assert.True(twoPins >= 60, $"two pins: {twoPins}");
        Assert.True(infeasible >= 5, $"impossible pin sets: {infeasible}");
    }

    [Fact]
    public void Exact_PinThatBreaksAHardRule_IsRejectedAndItsRequestMatchedAfresh()
    {
        for (var seed = 0; seed < 2_000; seed++)
        {
            var (snapshot, baseRound, _) = CohortFullGraphPropertyTests.Instance(seed);
            var round = baseRound with { KeepPreviousPairs = false };
            var index = MatchingIndex.Build(snapshot);
            var world = BruteForce.Of(snapshot, index, round);
            var r = Enumerable.Range(0, world.Open.Count).FirstOrDefault(i => world.Eligible[i].Count > 0, -1);
            if (r < 0)
            {
                continue;
            }

            var request = world.Open[r];
            var ineligible = snapshot.Profiles.Select(p => p.Id)
                .FirstOrDefault(m => m != request.Learner && RandomInstances.Violation(snapshot, Options, request.Learner, m, request.Skill, request.AllowRepeat) is not null);
            if (ineligible == default)
            {
                continue;
            }

            var ranker = new CandidateRanker(Options, SkillCatalog.Default);
            var result = new ExactCohortMatcher(ranker).Match(index, round with { Pinned = [new CohortPair(ineligible, request.Learner, request.Skill)] });

            Assert.Equal(new CohortPair(ineligible, request.Learner, request.Skill), Assert.Single(result.RejectedPins));
            Assert.DoesNotContain(result.Pairs, p => p.Pinned || (p.Learner == request.Learner && p.Mentor == ineligible));
            Assert.Equal(world.Best([]), world.UnitsOf(result));
            return;
        }

        Assert.Fail("no instance with an ineligible mentor");
    }

    /// <summary>The round's rules written again; the optimum found by exhaustive search.</summary>
    private sealed class BruteForce
    {
        public required List<CohortRequest> Open { get; init; }

        public required List<List<(UserId Mentor, long Units)>> Eligible { get; init; }

        public required Dictionary<UserId, int> Free { get; init; }

        public static BruteForce Of(MatchingSnapshot snapshot, MatchingIndex index, CohortRound round)
        {
            var ranker = new CandidateRanker(Options, SkillCatalog.Default);
            var byId = snapshot.Profiles.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Last());
            var free = byId.Values.ToDictionary(p => p.Id, p => p.Capacity - snapshot.ActiveMentorships.Count(m => m.Mentor == p.Id));
            var open = round.Requests.DistinctBy(r => (r.Learner, r.Skill)).Where(r => byId.ContainsKey(r.Learner)).ToList();
            var eligible = open.Select(request =>
            {
                var scores = ranker.Rank(index, new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat), int.MaxValue)
                    .Candidates.ToDictionary(c => c.Mentor.Id, c => (long)Math.Round(c.Score * 10_000));
                return byId.Keys
                    .Where(m => RandomInstances.Violation(snapshot, Options, request.Learner, m, request.Skill, request.AllowRepeat) is null)
                    .Where(m => round.Mentors is null || round.Mentors.Contains(m))
                    .Where(m => !round.PreviousPairs.Any(p => p.Learner == request.Learner && p.Mentor == m))
                    .Where(m => free[m] > 0)
                    .Select(m => (m, scores[m]))
                    .ToList();
            }).ToList();
            return new BruteForce { Open = open, Eligible = eligible, Free = free };
        }

        /// <summary>The best total (score units) over every assignment holding all <paramref name="pins"/>; null if none does.</summary>
        public long? Best((int Request, UserId Mentor)[] pins)
        {
            var places = new Dictionary<UserId, int>(Free);
            var taken = new HashSet<(UserId, UserId)>();
            var fixedUnits = 0L;
            foreach (var (r, mentor) in pins)
            {
                if (places[mentor] <= 0 || !taken.Add((Open[r].Learner, mentor)))
                {
                    return null;
                }

                places[mentor]--;
                fixedUnits += Eligible[r].Single(e => e.Mentor == mentor).Units;
            }

            var pinnedRequests = pins.Select(p => p.Request).ToHashSet();
            long Search(int r)
            {
                if (r == Open.Count)
                {
                    return 0;
                }

                if (pinnedRequests.Contains(r))
                {
                    return Search(r + 1);
                }

                var best = Search(r + 1);
                foreach (var (mentor, units) in Eligible[r])
                {
                    if (places[mentor] > 0 && taken.Add((Open[r].Learner, mentor)))
                    {
                        places[mentor]--;
                        best = Math.Max(best, units + Search(r + 1));
                        places[mentor]++;
                        taken.Remove((Open[r].Learner, mentor));
                    }
                }

                return best;
            }

            return fixedUnits + Search(0);
        }

        /// <summary>The result's total in the brute force's own units; a pair it does not call eligible makes it fail.</summary>
        public long UnitsOf(CohortResult result) => result.Pairs.Sum(p =>
        {
            var r = Open.FindIndex(o => o.Learner == p.Learner && o.Skill == p.Skill);
            return r >= 0 && Eligible[r].FirstOrDefault(e => e.Mentor == p.Mentor) is { Mentor.AadObjectId: not null } e ? e.Units : long.MinValue / 4;
        });
    }
}
