using System.Diagnostics;
using System.Globalization;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.CheckIns;
using MentorBot.Core;
using MentorBot.Core.CheckIns;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.Benchmarks.Flows;

/// <summary>
/// `--pair-reads <seeded folder> [calls]`: what reading one pair's check-ins costs on SQLite in a seeded company
/// (`--seed-load`; the folder is copied, never changed). Every check-in of every pair lives in one partition, so the
/// list of one pair used to read and parse the whole partition (issue #16, decision 0420). Same binary, same rows: the
/// string filter as the store sends it (narrowed in SQL) beside the same filter written as an OR of itself (not
/// narrowed: every row read and parsed), then the store's list and the nudge source the dispatcher loads per item.
/// </summary>
internal static class PairReadReport
{
    public static async Task RunAsync(TextWriter output, string seeded, int calls)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mentorbot-pairreads-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(seeded, "mentorbot.db*"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataFolder"] = folder });
        builder.AddMentorBotProduct();
        var app = builder.Build();
        try
        {
            var table = app.Services.GetRequiredService<ITableEngine>().GetTable(TableCheckInStore.TableName);
            var mentorships = new List<string>();
            string? token = null;
            var rows = 0;
            do
            {
                var page = await table.QueryAsync("checkin", null, null, token, CancellationToken.None);
                rows += page.Items.Count;
                mentorships.AddRange(page.Items.Where(e => e.TryGet("Mentorship", out _)).Select(e => e["Mentorship"].AsString()));
                token = page.ContinuationToken;
            }
            while (token is not null);

            mentorships = [.. mentorships.Distinct(StringComparer.Ordinal)];
            output.WriteLine($"{rows} check-in rows, {mentorships.Count} pairs");
            var i = 0;
            string Next() => mentorships[i++ % mentorships.Count];

            await MeasureAsync(output, "partition query, filter narrowed in SQL", calls, async () =>
                await table.QueryAllAsync("checkin", EntityFilter.Equal("Mentorship", Next()), CancellationToken.None));
            await MeasureAsync(output, "partition query, same filter not narrowed", calls, async () =>
            {
                var id = Next();
                await table.QueryAllAsync("checkin", EntityFilter.Equal("Mentorship", id) | EntityFilter.Equal("Mentorship", id), CancellationToken.None);
            });
            var store = app.Services.GetRequiredService<ICheckInStore>();
            await MeasureAsync(output, "ICheckInStore.ListAsync (one pair)", calls, async () =>
                await store.ListAsync(new MentorshipId(Next()), CancellationToken.None));
            var sources = app.Services.GetRequiredService<PairNudgeSources>();
            await MeasureAsync(output, "PairNudgeSources.LoadAsync (per dispatched item)", calls, async () =>
                await sources.LoadAsync(new MentorshipId(Next()), CancellationToken.None));
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task MeasureAsync(TextWriter output, string name, int calls, Func<Task> call)
    {
        for (var i = 0; i < Math.Max(20, calls / 10); i++)
        {
            await call();
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        wall.Stop();
        process.Refresh();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {wall.Elapsed.TotalMicroseconds / calls:0} µs wall, {(process.TotalProcessorTime - cpu).TotalMicroseconds / calls:0} µs CPU per call ({calls} calls)"));
    }
}
