using MentorBot.Bot.Hosting;
using MentorBot.Bot.Tests.Programs;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using MentorBot.E2E.Harness;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace MentorBot.E2E.Scenarios;

/// <summary>
/// The program owners' dashboard in a real browser: the built bot on SQLite, seeded with <see cref="SeededProgram"/>
/// (relative to last Monday 09:00 UTC, since the bot runs on the real clock), opened in local development mode.
/// Needs no Playground and no Azurite, so it is not in the end-to-end collection. Chart.js comes from
/// <c>tools/node_modules</c> or <c>MENTORBOT_E2E_CHARTJS</c>; without it the page must say charts are unavailable.
/// Leaves <c>program-dashboard.png</c> in the run folder.
/// </summary>
// Alone, like the fault tests: it starts its own bot and browser, and must not share a run folder or the CPU.
[Collection(MentorBot.E2E.Faults.Faults.Collection)]
public sealed class ProgramDashboardTests
{
    public const string ChartJsVariable = "MENTORBOT_E2E_CHARTJS";

    private const string Tenant = "dashboard-tenant";

    [Fact]
    public async Task Dashboard_SeededProgram_RendersChartsAndHeadlineNumbers()
    {
        var layout = RepositoryLayout.Discover();
        var settings = E2ESettings.FromEnvironment(layout);
        Assert.True(File.Exists(layout.BotAssembly), $"Build the bot first: {layout.BotAssembly} is missing.");
        Assert.True(File.Exists(settings.Chromium), $"No browser at {settings.Chromium}.");
        var chartJs = Environment.GetEnvironmentVariable(ChartJsVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(layout.Root, "tools", "node_modules", "chart.js", "dist", "chart.umd.js");
        var withCharts = File.Exists(chartJs);
        using var run = RunFolder.Create(settings.ResultsRoot);
        using var timeout = new CancellationTokenSource(E2ESettings.ScenarioTimeout);

        await using var bot = await BotProcess.StartAsync(
            layout, run, "dashboard-bot", storageConnectionString: null, tenantId: Tenant, timeout.Token,
            settings: new Dictionary<string, string> { ["Programs__ChartJsPath"] = chartJs });
        await SeedAsync(Path.Combine(run.Scratch, "dashboard-bot-data"), LastMondayNine(DateTimeOffset.UtcNow));
        await using var browser = await LoopbackBrowser.LaunchAsync(settings.Chromium, run);
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync(new Uri(bot.BaseAddress, $"programs/{SeededProgram.Id.Value}?as={SeededProgram.Owner.AadObjectId}").AbsoluteUri);
        if (withCharts)
        {
            await page.WaitForSelectorAsync("body[data-charts='rendered']");
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas[data-rendered=true]')].length === 4");
        }
        else
        {
            await page.WaitForSelectorAsync("#charts-missing");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = run.File("program-dashboard.png"), FullPage = true });

        Assert.Equal("6", await page.InnerTextAsync("#active-pairings"));
        Assert.Equal("fewer than 5 people — hidden", await page.InnerTextAsync("#unmatched-people"));
        Assert.Equal("10.5 days", await page.InnerTextAsync("#time-to-first-meeting"));
        Assert.True(await page.IsVisibleAsync("#dev-banner"));
        Assert.Equal(6, await page.Locator("#table-pairings tbody tr").CountAsync());
        Assert.Empty(errors);
        Assert.Empty(browser.Blocked);
        Assert.True(withCharts, $"Chart.js was not found at {chartJs}: the tables-only page was checked, but no charts (set {ChartJsVariable}).");
    }

    /// <summary>The numbers in <see cref="SeededProgram"/> hold for any Monday 09:00; the bot's clock is a few days past it at most.</summary>
    private static DateTimeOffset LastMondayNine(DateTimeOffset now)
    {
        var monday = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-(((int)now.UtcDateTime.DayOfWeek + 6) % 7)).AddHours(9);
        return monday <= now ? monday : monday.AddDays(-7);
    }

    private static async Task SeedAsync(string dataFolder, DateTimeOffset now)
    {
        // The product's composition on the bot's data folder, built but never started: only its stores are written. Same
        // tenant settings as the bot, so the seeded rows belong to the tenant it serves.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = dataFolder,
            ["Storage:TablePrefix"] = "mentorbot",
            ["Bot:AllowedTenants:0"] = Tenant,
        });
        builder.AddMentorBotProduct();
        using var host = builder.Build();
        var storage = host.Services;
        await SeededProgram.SeedAsync(
            storage.GetRequiredService<IProgramStore>(),
            storage.GetRequiredService<IEnrolmentStore>(),
            storage.GetRequiredService<IProfileStore>(),
            storage.GetRequiredService<IRequestStore>(),
            storage.GetRequiredService<ICheckInStore>(),
            now);
    }
}
