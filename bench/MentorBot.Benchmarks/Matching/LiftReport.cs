using System.Diagnostics;
using System.Globalization;
using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Skills;

namespace MentorBot.Benchmarks.Matching;

/// <summary>
/// `dotnet run -c Release --project bench/MentorBot.Benchmarks -- --lift`: total score of exact vs greedy vs random
/// (Icebreaker-style) on the same synthetic rounds, plus how many requests each leaves unmatched.
/// </summary>
internal static class LiftReport
{
    public static void Run(TextWriter output)
    {
        var ranker = new CandidateRanker(new MatchingOptions(), SkillCatalog.Default);
        output.WriteLine("round (learners x mentors, requests)  matcher  pairs  unmatched  free-but-unmatched  total score  vs exact     time  certificate");
        foreach (var (learners, mentors, seed, all) in new[] { (200, 200, 1, false), (1_000, 1_000, 7, false), (2_000, 1_500, 7, true), (5_000, 5_000, 11, false), (10_000, 10_000, 13, false) })
        {
            var population = SyntheticPopulation.Create(Math.Max(learners, mentors) * 4, seed);
            var index = MatchingIndex.Build(population.Snapshot);
            var round = population.Round(learners, mentors, allWants: all);
            ICohortMatcher[] matchers = [new ExactCohortMatcher(ranker), new SparseCohortMatcher(ranker), new GreedyCohortMatcher(ranker), new RandomCohortMatcher(ranker, new Random(seed))];
            double? exactTotal = null;
            foreach (var matcher in matchers)
            {
                var watch = Stopwatch.StartNew();
                var result = matcher.Match(index, round);
                watch.Stop();
                exactTotal ??= result.TotalScore;
                var created = result.Pairs.Count(p => !p.Kept);
                var stranded = result.Unmatched.Count(u => u.MentorsStillFree > 0);
                var proof = result.Certificate is { } c ? string.Create(CultureInfo.InvariantCulture, $"optimal={c.IsOptimal} gap={c.Gap:F4} iterations={c.Iterations} edges {c.InitialEdges}->{c.FinalEdges}") : "-";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{learners,6}x{mentors,-6} {round.Requests.Count,6} req  {matcher.GetType().Name.Replace("CohortMatcher", "", StringComparison.Ordinal),-7} {created,6} {result.Unmatched.Count,10} {stranded,19} {result.TotalScore,12:F1} {result.TotalScore / exactTotal.Value,9:P2} {watch.ElapsedMilliseconds,6} ms  {proof}"));
            }
        }
    }
}

/// <summary>`--latency`: p50/p95 of ranking one request, measured per call (BenchmarkDotNet gives means).</summary>
internal static class RankingLatencyReport
{
    public static void Run(TextWriter output)
    {
        var ranker = new CandidateRanker(new MatchingOptions(), SkillCatalog.Default);
        foreach (var people in new[] { 1_000, 10_000, 100_000 })
        {
            var population = SyntheticPopulation.Create(people, seed: 42);
            var watch = Stopwatch.StartNew();
            var index = MatchingIndex.Build(population.Snapshot);
            var build = watch.Elapsed.TotalMilliseconds;
            var requests = population.Requests.Take(2_000).ToArray();
            foreach (var request in requests.Take(200))
            {
                ranker.Rank(index, request);
            }

            var samples = new double[requests.Length];
            for (var i = 0; i < requests.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                ranker.Rank(index, requests[i]);
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            Array.Sort(samples);
            var offering = requests.Select(r => index.OfferCount(r.Skill)).Order().ToArray();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{people,7} people: index {build,7:F0} ms · rank p50 {samples[samples.Length / 2],6:F3} ms · p95 {samples[samples.Length * 95 / 100],6:F3} ms · max {samples[^1],6:F3} ms · offering the skill p50 {offering[offering.Length / 2]}, max {offering[^1]}"));
        }
    }
}
