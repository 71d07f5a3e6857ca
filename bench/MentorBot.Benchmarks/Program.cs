using BenchmarkDotNet.Running;
using MentorBot.Benchmarks.Matching;

namespace MentorBot.Benchmarks;

public static class BenchmarkEntry
{
    public static void Main(string[] args)
    {
        // `--lift` prints matching quality (exact vs greedy vs random), `--latency` ranking percentiles; else benchmarks.
        if (args is ["--lift"])
        {
            LiftReport.Run(Console.Out);
            return;
        }

        if (args is ["--latency"])
        {
            RankingLatencyReport.Run(Console.Out);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
    }
}
