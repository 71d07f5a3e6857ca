using BenchmarkDotNet.Running;
using System.Globalization;
using MentorBot.Benchmarks.Matching;
using MentorBot.Benchmarks.Requests;

namespace MentorBot.Benchmarks;

public static class BenchmarkEntry
{
    public static void Main(string[] args)
    {
        // `--lift` prints matching quality (exact vs greedy vs random), `--latency` ranking percentiles, `--find-someone
        // [people] [asks]` the product's ask on SQLite (percentiles, RSS); else benchmarks.
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

        if (args is ["--find-someone", .. var rest])
        {
            var people = rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 100_000;
            var asks = rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 1_000;
            FindSomeoneReport.RunAsync(Console.Out, people, asks).GetAwaiter().GetResult();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
    }
}
