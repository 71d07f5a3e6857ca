using BenchmarkDotNet.Attributes;
using MentorBot.Core.Requests;

namespace MentorBot.Benchmarks.Requests;

/// <summary>
/// "Find someone" through the product's own services on SQLite at 10k and 100k people (issue #16). The first ask
/// (which reads the tenant once) happens in setup; the measured asks are the steady state. For p99 and RSS, which
/// BenchmarkDotNet does not report, run <c>--find-someone 100000</c> (<see cref="FindSomeoneReport"/>).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(PercentilesConfig))]
public class FindSomeoneBenchmarks
{
    private FindSomeoneWorld _world = null!;

    [Params(10_000, 100_000)]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _world = FindSomeoneWorld.CreateAsync(People).GetAwaiter().GetResult();
        _world.AskAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _world.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<AskOutcome> FindSomeone() => _world.AskAsync();

    private sealed class PercentilesConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public PercentilesConfig() => AddColumn(BenchmarkDotNet.Columns.StatisticColumn.P95);
    }
}
