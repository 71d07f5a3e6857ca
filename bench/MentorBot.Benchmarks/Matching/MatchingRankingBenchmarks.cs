using BenchmarkDotNet.Attributes;
using MentorBot.Core.Matching;
using MentorBot.Core.Skills;

namespace MentorBot.Benchmarks.Matching;

/// <summary>Ranking one senior's request against the whole company. Goal: p50 under 1 ms at 100k people.</summary>
[MemoryDiagnoser]
public class MatchingRankingBenchmarks
{
    private MatchingIndex _index = null!;
    private CandidateRanker _ranker = null!;
    private MatchRequest[] _requests = [];
    private int _next;

    [Params(1_000, 10_000, 100_000)]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var population = SyntheticPopulation.Create(People, seed: 42);
        _index = MatchingIndex.Build(population.Snapshot);
        _ranker = new CandidateRanker(new MatchingOptions(), SkillCatalog.Default);
        _requests = [.. population.Requests.Take(512)];
    }

    /// <summary>A different senior each call, so the mix of popular and rare skills is the company's.</summary>
    [Benchmark]
    public RankingResult RankOneRequest()
    {
        var request = _requests[_next++ % _requests.Length];
        return _ranker.Rank(_index, request);
    }
}

/// <summary>Building the per-snapshot index (once per snapshot, not per request).</summary>
[MemoryDiagnoser]
public class MatchingIndexBenchmarks
{
    private MatchingSnapshot _snapshot = null!;

    [Params(10_000, 100_000)]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup() => _snapshot = SyntheticPopulation.Create(People, seed: 42).Snapshot;

    [Benchmark]
    public MatchingIndex BuildIndex() => MatchingIndex.Build(_snapshot);
}
