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
        // [people] [asks]` the product's ask on SQLite (percentiles, RSS), `--fallback-turn [turns] [text]` an
        // unrecognised-text turn through the product (CPU per turn and its parts), `--seed-load <folder> [people]
        // [storage-connection]` the data of bench/load/turn-mix.sh and round-trips.sh; else benchmarks.
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

        if (args is ["--fallback-turn", .. var turnArgs])
        {
            var turns = turnArgs.Length > 0 ? int.Parse(turnArgs[0], CultureInfo.InvariantCulture) : 5_000;
            var text = turnArgs.Length > 1 ? turnArgs[1] : "the weather is lovely today";
            Flows.FallbackTurnReport.RunAsync(Console.Out, turns, text).GetAwaiter().GetResult();
            return;
        }

        // `--pair-reads <seeded folder> [calls]`: one pair's check-ins on SQLite in a seeded company (decision 0420).
        if (args is ["--pair-reads", var seeded, .. var readArgs])
        {
            Flows.PairReadReport.RunAsync(Console.Out, seeded, readArgs.Length > 0 ? int.Parse(readArgs[0], CultureInfo.InvariantCulture) : 500).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--seed-load", var folder, .. var seedArgs])
        {
            var people = seedArgs.Length > 0 ? int.Parse(seedArgs[0], CultureInfo.InvariantCulture) : 10_000;
            LoadSeed.RunAsync(Console.Out, folder, people, seedArgs.Length > 1 ? seedArgs[1] : null).GetAwaiter().GetResult();
            return;
        }

        // `--delta-sync [users] [known]` and `--invites [people]`: the directory sync and the invitation loop against the loopback Graph stub.
        if (args is ["--delta-sync", .. var syncArgs])
        {
            var users = syncArgs.Length > 0 ? int.Parse(syncArgs[0], CultureInfo.InvariantCulture) : 10_000;
            var known = syncArgs.Length > 1 ? int.Parse(syncArgs[1], CultureInfo.InvariantCulture) : 2_000;
            Organisation.OrganisationReport.DeltaSyncAsync(Console.Out, users, known).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--invites", .. var inviteArgs])
        {
            var people = inviteArgs.Length > 0 ? int.Parse(inviteArgs[0], CultureInfo.InvariantCulture) : 500;
            Organisation.OrganisationReport.InvitesAsync(Console.Out, people).GetAwaiter().GetResult();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkEntry).Assembly).Run(args);
    }
}
