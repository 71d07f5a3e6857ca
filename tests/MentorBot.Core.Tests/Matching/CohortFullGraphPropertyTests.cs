using FsCheck;
using FsCheck.Fluent;
using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Matching;

/// <summary>
/// The certified cohort round against an independent oracle over the FULL eligible graph (issue 17): eligibility from
/// <see cref="RandomInstances.Violation"/> plus the round's own rules written again here, scores from
/// <c>Rank(…, int.MaxValue)</c>, and a brute-force search that never sees the solver's graph.
/// </summary>
public sealed class CohortFullGraphPropertyTests
{
    private static readonly MatchingOptions Options = new();
    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();

    private static void Check(int tests, Func<int, bool> property) =>
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(tests), Prop.ForAll(Seeds, property));

    /// <summary>A random world, a crowded skill, two requests for some learners, previous pairs, kept or rotated.</summary>
    internal static (MatchingSnapshot Snapshot, CohortRound Round, int CandidateLimit) Instance(int seed)
    {
        var random = new Random(seed);
        var (snapshot, baseRound) = RandomInstances.Create(seed, maxPeople: 11, maxRequests: 4);
        var people = snapshot.Profiles.Select(p => p.Id).ToArray();
        var crowded = RandomInstances.Skills[random.Next(RandomInstances.Skills.Length)];
        var requests = baseRound.Requests.ToList();

        // More learners wanting one skill than the first graph keeps per request (limit 1 or 2 below).
        foreach (var learner in people.Where(_ => random.NextDouble() < 0.35).Take(4))
        {
            requests.Add(new CohortRequest(learner, crowded));
        }

        // A second request by someone who already asks.
        if (requests.Count > 0 && random.NextDouble() < 0.6)
        {
            var learner = requests[random.Next(requests.Count)].Learner;
            requests.Add(new CohortRequest(learner, RandomInstances.Skills[random.Next(RandomInstances.Skills.Length)]));
        }

        requests = [.. requests.DistinctBy(r => (r.Learner, r.Skill)).Take(6)];
        var previous = Enumerable.Range(0, random.Next(0, 4))
            .Select(_ => new CohortPair(people[random.Next(people.Length)], requests.Count > 0 && random.NextDouble() < 0.7 ? requests[random.Next(requests.Count)].Learner : people[random.Next(people.Length)], random.NextDouble() < 0.7 && requests.Count > 0 ? requests[random.Next(requests.Count)].Skill : crowded))
            .Where(p => p.Mentor != p.Learner)
            .ToArray();
        var mentors = random.NextDouble() < 0.3 ? people.Where(_ => random.NextDouble() < 0.7).ToHashSet() : null;
        var round = new CohortRound(requests)
        {
            PreviousPairs = previous,
            KeepPreviousPairs = random.NextDouble() < 0.5,
            Mentors = mentors,
        };
        return (snapshot, round, random.Next(1, 3));
    }

    [Fact]
    public void Exact_EqualsTheFullGraphOptimum_WithCertificateTrueCountsAndCapacity()
    {
        int crowdedBeyondLimit = 0, keptRounds = 0, rotatedWithHistory = 0, twoRequests = 0, capacityTwo = 0, unmatchedWithEligible = 0;
        Check(400, seed =>
        {
            var (snapshot, round, limit) = Instance(seed);
            var ranker = new CandidateRanker(new MatchingOptions { CohortCandidatesPerRequest = limit }, SkillCatalog.Default);
            var index = MatchingIndex.Build(snapshot);

            var result = new ExactCohortMatcher(ranker).Match(index, round);
            var oracle = Oracle.Solve(snapshot, index, round);

            crowdedBeyondLimit += oracle.Eligible.Any(e => e.Count > limit) && oracle.Eligible.Count(e => e.Count > 0) > 1 ? 1 : 0;
            keptRounds += oracle.Kept.Count > 0 ? 1 : 0;
            rotatedWithHistory += !round.KeepPreviousPairs && round.PreviousPairs.Count > 0 ? 1 : 0;
            twoRequests += oracle.Open.GroupBy(r => r.Learner).Any(g => g.Count() > 1) ? 1 : 0;
            capacityTwo += oracle.Eligible.SelectMany(e => e).Any(e => snapshot.Profiles.Single(p => p.Id == e.Mentor).Capacity > 1) ? 1 : 0;
            unmatchedWithEligible += result.Unmatched.Any(u => u.EligibleMentors > 0) ? 1 : 0;

            var created = result.Pairs.Where(p => !p.Kept).ToArray();
            var kept = result.Pairs.Where(p => p.Kept).Select(p => (p.Learner, p.Mentor, p.Skill)).ToHashSet();
            var ok = result.Certificate is { IsOptimal: true }
                && Math.Abs(result.TotalScore - oracle.Best) < 1e-6
                && Math.Abs(result.Certificate.DualBound - oracle.Best) < 1e-6
                && kept.SetEquals(oracle.Kept);

            // Every created pair is eligible over the full graph, capacity holds with kept pairs, one learner never
            // gets the same colleague twice.
            foreach (var pair in created)
            {
                var r = oracle.Open.FindIndex(o => o.Learner == pair.Learner && o.Skill == pair.Skill);
                ok &= r >= 0 && oracle.Eligible[r].Any(e => e.Mentor == pair.Mentor);
            }

            foreach (var mentor in result.Pairs.GroupBy(p => p.Mentor))
            {
                var profile = snapshot.Profiles.Single(p => p.Id == mentor.Key);
                var running = snapshot.ActiveMentorships.Count(m => m.Mentor == mentor.Key);
                var takesPlace = mentor.Count(p => !p.Kept || !snapshot.ActiveMentorships.Contains(new ActiveMentorship(p.Mentor, p.Learner, p.Skill)));
                ok &= takesPlace <= Math.Max(0, profile.Capacity - running);
            }

            ok &= result.Pairs.GroupBy(p => (p.Learner, p.Mentor)).All(g => g.Count() == 1);

            // Unmatched means unmatchable, with the true count.
            foreach (var unmatched in result.Unmatched.Where(u => u.Reason is UnmatchedReason.MentorsTaken or UnmatchedReason.NoEligibleMentor))
            {
                var r = oracle.Open.FindIndex(o => o.Learner == unmatched.Request.Learner && o.Skill == unmatched.Request.Skill);
                var eligible = oracle.Eligible[r];
                ok &= unmatched.EligibleMentors == eligible.Count
                    && (unmatched.Reason == UnmatchedReason.NoEligibleMentor) == (eligible.Count == 0)
                    && unmatched.MentorsStillFree == 0
                    && eligible.All(e => oracle.FreeAfter(result, e.Mentor) == 0 || result.Pairs.Any(p => p.Learner == unmatched.Request.Learner && p.Mentor == e.Mentor));
            }

            ok &= result.Pairs.Count + result.Unmatched.Count == round.Requests.Count;
            return ok;
        });

        // Guard against a vacuous property: the awkward cases must actually occur.
        Assert.True(crowdedBeyondLimit >= 30, $"crowded beyond the limit: {crowdedBeyondLimit}");
        Assert.True(keptRounds >= 15, $"kept pairs: {keptRounds}");
        Assert.True(rotatedWithHistory >= 60, $"rotation with history: {rotatedWithHistory}");
        Assert.True(twoRequests >= 60, $"two requests by one learner: {twoRequests}");
        Assert.True(capacityTwo >= 60, $"capacity two: {capacityTwo}");
        Assert.True(unmatchedWithEligible >= 10, $"unmatched with eligible mentors: {unmatchedWithEligible}");
    }

    /// <summary>Seeds the property once found: a learner with previous pairs with one mentor for two skills.</summary>
    [Theory]
    [InlineData(373850074)]
    [InlineData(1742153915)]
    public void Exact_TwoPreviousPairsWithOneMentor_KeepsOnlyOneAndStaysOptimal(int seed)
    {
        var (snapshot, round, limit) = Instance(seed);
        var ranker = new CandidateRanker(new MatchingOptions { CohortCandidatesPerRequest = limit }, SkillCatalog.Default);
        var index = MatchingIndex.Build(snapshot);

        var result = new ExactCohortMatcher(ranker).Match(index, round);
        var oracle = Oracle.Solve(snapshot, index, round);

        Assert.True(round.KeepPreviousPairs);
        Assert.All(result.Pairs.GroupBy(p => (p.Learner, p.Mentor)), g => Assert.Single(g));
        Assert.True(result.Certificate is { IsOptimal: true });
        Assert.Equal(oracle.Best, result.TotalScore, 6);
        Assert.Equal(oracle.Kept, result.Pairs.Where(p => p.Kept).Select(p => (p.Learner, p.Mentor, p.Skill)).ToHashSet());
    }

    [Fact]
    public void Baselines_NeverBeatTheCertifiedOptimum_AndKeepTheRoundRules() => Check(200, seed =>
    {
        var (snapshot, round, limit) = Instance(seed);
        var ranker = new CandidateRanker(new MatchingOptions { CohortCandidatesPerRequest = limit }, SkillCatalog.Default);
        var index = MatchingIndex.Build(snapshot);
        var best = Oracle.Solve(snapshot, index, round).Best;

        ICohortMatcher[] baselines = [new GreedyCohortMatcher(ranker), new RandomCohortMatcher(ranker, new Random(seed)), new SparseCohortMatcher(ranker)];
        return baselines.Select(b => b.Match(index, round)).All(r =>
            r.TotalScore <= best + 1e-6 && r.Pairs.GroupBy(p => (p.Learner, p.Mentor)).All(g => g.Count() == 1));
    });

    /// <summary>The round's rules written again from the issue and decision texts, solved by exhaustive search.</summary>
    internal sealed class Oracle
    {
        public required List<CohortRequest> Open { get; init; }

        public required List<List<(UserId Mentor, long Units)>> Eligible { get; init; }

        public required HashSet<(UserId Learner, UserId Mentor, SkillId Skill)> Kept { get; init; }

        public required Dictionary<UserId, int> Free { get; init; }

        public double Best { get; private set; }

        /// <summary>Free places of a mentor after the round's kept and created pairs.</summary>
        public int FreeAfter(CohortResult result, UserId mentor) =>
            Free.GetValueOrDefault(mentor) - result.Pairs.Count(p => !p.Kept && p.Mentor == mentor);

        public static Oracle Solve(MatchingSnapshot snapshot, MatchingIndex index, CohortRound round)
        {
            var ranker = new CandidateRanker(Options, SkillCatalog.Default);
            var byId = snapshot.Profiles.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.Last());
            var free = byId.Values.ToDictionary(p => p.Id, p => p.Capacity - snapshot.ActiveMentorships.Count(m => m.Mentor == p.Id));
            var previous = new Dictionary<(UserId, SkillId), UserId>();
            foreach (var pair in round.PreviousPairs.OrderBy(p => p.Mentor.AadObjectId, StringComparer.Ordinal))
            {
                previous.TryAdd((pair.Learner, pair.Skill), pair.Mentor);
            }

            var kept = new HashSet<(UserId, UserId, SkillId)>();
            var keptMentors = new HashSet<(UserId Learner, UserId Mentor)>();
            var open = new List<CohortRequest>();
            foreach (var request in round.Requests
                .OrderBy(r => r.Learner.AadObjectId, StringComparer.Ordinal).ThenBy(r => r.Skill.Value, StringComparer.Ordinal)
                .DistinctBy(r => (r.Learner, r.Skill)))
            {
                if (!byId.ContainsKey(request.Learner))
                {
                    continue;
                }

                if (round.KeepPreviousPairs && previous.TryGetValue((request.Learner, request.Skill), out var mentor) && byId.TryGetValue(mentor, out var profile)
                    && profile.CanTeach && profile.Participation.IsActiveAt(snapshot.AsOf) && !index.AreInSameReportingLine(mentor, request.Learner)
                    && !keptMentors.Contains((request.Learner, mentor)))
                {
                    var running = snapshot.ActiveMentorships.Contains(new ActiveMentorship(mentor, request.Learner, request.Skill));
                    if (running || free[mentor] > 0)
                    {
                        free[mentor] -= running ? 0 : 1;
                        kept.Add((request.Learner, mentor, request.Skill));
                        keptMentors.Add((request.Learner, mentor));
                        continue;
                    }
                }

                open.Add(request);
            }

            var eligible = new List<List<(UserId Mentor, long Units)>>();
            foreach (var request in open)
            {
                var scores = ranker.Rank(index, new MatchRequest(request.Learner, request.Skill, AllowRepeat: request.AllowRepeat), int.MaxValue)
                    .Candidates.ToDictionary(c => c.Mentor.Id, c => (long)Math.Round(c.Score * 10_000));
                eligible.Add([.. byId.Keys
                    .Where(m => RandomInstances.Violation(snapshot, Options, request.Learner, m, request.Skill, request.AllowRepeat) is null)
                    .Where(m => round.Mentors is null || round.Mentors.Contains(m))
                    .Where(m => round.KeepPreviousPairs || !round.PreviousPairs.Any(p => p.Learner == request.Learner && p.Mentor == m))
                    .Where(m => !keptMentors.Contains((request.Learner, m)))
                    .Where(m => free[m] > 0)
                    .Select(m => (m, scores[m]))]);
            }

            var oracle = new Oracle { Open = open, Eligible = eligible, Kept = kept, Free = free };
            var places = new Dictionary<UserId, int>(free);
            var taken = new HashSet<(UserId, UserId)>();
            long Search(int r)
            {
                if (r == open.Count)
                {
                    return 0;
                }

                var best = Search(r + 1);
                foreach (var (mentor, units) in eligible[r])
                {
                    if (places[mentor] > 0 && taken.Add((open[r].Learner, mentor)))
                    {
                        places[mentor]--;
                        best = Math.Max(best, units + Search(r + 1));
                        places[mentor]++;
                        taken.Remove((open[r].Learner, mentor));
                    }
                }

                return best;
            }

            oracle.Best = Search(0) / 10_000.0;
            return oracle;
        }
    }
}
