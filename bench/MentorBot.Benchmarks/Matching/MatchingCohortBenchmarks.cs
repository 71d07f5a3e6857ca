using BenchmarkDotNet.Attributes;
using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Skills;

namespace MentorBot.Benchmarks.Matching;

/// <summary>A program round: N seniors' requests × N juniors, sparse top-50 per request. Goal: under 2 s at 10k×10k.</summary>
[MemoryDiagnoser]
public class MatchingCohortBenchmarks
{
    private MatchingIndex _index = null!;
    private CohortRound _round = null!;
    private ExactCohortMatcher _exact = null!;
    private GreedyCohortMatcher _greedy = null!;

    [Params(1_000, 10_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var population = SyntheticPopulation.Create(Size * 4, seed: 7);
        _index = MatchingIndex.Build(population.Snapshot);
        _round = population.Round(Size);
        var ranker = new CandidateRanker(new MatchingOptions { CohortCandidatesPerRequest = 50 }, SkillCatalog.Default);
        _exact = new ExactCohortMatcher(ranker);
        _greedy = new GreedyCohortMatcher(ranker);
    }

    [Benchmark(Baseline = true)]
    public CohortResult Exact() => _exact.Match(_index, _round);

    [Benchmark]
    public CohortResult Greedy() => _greedy.Match(_index, _round);
}
