using System.Diagnostics;
using System.Globalization;

namespace MentorBot.Benchmarks.Requests;

/// <summary>
/// <c>--find-someone [people] [asks]</c>: the cold first ask, then p50/p90/p99/max of many "Find someone" presses one
/// after another, allocation per ask and the process's resident memory (RSS) before and after, on SQLite.
/// </summary>
internal static class FindSomeoneReport
{
    public static async Task RunAsync(TextWriter output, int people, int asks)
    {
        var process = Process.GetCurrentProcess();
        var seeding = Stopwatch.StartNew();
        await using var world = await FindSomeoneWorld.CreateAsync(people);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{people:N0} people seeded in {seeding.Elapsed.TotalSeconds:F1} s; {world.AskCount:N0} seniors take turns"));
        Settle();
        process.Refresh();
        var rssBefore = process.WorkingSet64;

        var cold = Stopwatch.StartNew();
        await world.AskAsync();
        var coldMs = cold.Elapsed.TotalMilliseconds;

        for (var i = 0; i < 20; i++)
        {
            await world.AskAsync();
        }

        var times = new double[asks];
        var pauses = GC.GetTotalPauseDuration();
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < asks; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await world.AskAsync();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        var perAsk = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / asks;
        var paused = GC.GetTotalPauseDuration() - pauses;
        var gcs = (GC.CollectionCount(0) - collections.Item1, GC.CollectionCount(1) - collections.Item2, GC.CollectionCount(2) - collections.Item3);
        process.Refresh();
        var rssPeak = process.PeakWorkingSet64;
        Settle();
        process.Refresh();
        var rssAfter = process.WorkingSet64;
        Array.Sort(times);
        double P(double q) => times[Math.Min(times.Length - 1, (int)Math.Ceiling(q * times.Length) - 1)];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"find someone @ {people:N0}: cold {coldMs:F1} ms; {asks} asks p50 {P(0.50):F2} ms, p90 {P(0.90):F2} ms, p99 {P(0.99):F2} ms, max {times[^1]:F2} ms; {perAsk / 1024.0:F1} KB allocated per ask"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GC during the asks: {gcs.Item1} gen0, {gcs.Item2} gen1, {gcs.Item3} gen2, {paused.TotalMilliseconds:F0} ms paused"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RSS: {rssBefore / 1048576.0:F0} MB after seeding, {rssAfter / 1048576.0:F0} MB after the asks (peak {rssPeak / 1048576.0:F0} MB, seeding included)"));
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
