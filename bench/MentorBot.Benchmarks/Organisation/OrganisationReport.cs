using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using MentorBot.Core;
using MentorBot.Bot.Calendar;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Storage;
using MentorBot.Core.Organisation;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Invitations;
using MentorBot.Core.Skills;
using MentorBot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Kiota.Abstractions.Authentication;
using NodaTime;

namespace MentorBot.Benchmarks.Organisation;

/// <summary>
/// <c>--delta-sync [users] [known]</c> and <c>--invites [people]</c>: the directory delta sync and the invitation loop
/// through the product's composition on SQLite against the loopback Graph stub (real HTTP on 127.0.0.1), with wall time
/// and Graph requests per route. Not timed tests: numbers for the report.
/// </summary>
internal static class OrganisationReport
{
    private static readonly UserId Owner = new("owner-1");
    private static readonly ProgramId Program = new("bench-cohort");

    public static async Task DeltaSyncAsync(TextWriter output, int users, int known)
    {
        await using var graph = await LoopbackGraphDirectory.StartAsync();
        graph.PageSize = 200;
        graph.AddRange(Enumerable.Range(0, users).Select(i => new StubUser(Id(i)) { Mail = $"{Id(i)}@contoso.example", Department = $"Dept {i % 50}", ManagerId = i < 50 ? null : Id(i % 50) }));
        await using var world = await World.CreateAsync(graph);
        var profiles = world.Get<IProfileStore>();
        var step = Math.Max(1, users / known);
        for (var i = 0; i < users && i / step < known; i += step)
        {
            await profiles.InsertAsync(Person(Id(i)), CancellationToken.None);
        }

        var sync = world.Get<DirectorySync>();
        await Round(output, graph, "full round", () => sync.SyncAsync(null, CancellationToken.None));
        await Round(output, graph, "incremental, no change", () => sync.SyncAsync(null, CancellationToken.None));
        for (var i = 0; i < 200; i++)
        {
            graph.Change(Id(i * step % users), u => u.JobTitle = "Changed " + i.ToString(CultureInfo.InvariantCulture));
        }

        await Round(output, graph, "incremental, 200 changed", () => sync.SyncAsync(null, CancellationToken.None));
    }

    public static async Task InvitesAsync(TextWriter output, int people)
    {
        foreach (var (label, throttleEvery) in new[] { ("no 429", 0), ("429 (Retry-After: 1) on every 97th", 97) })
        {
            await using var graph = await LoopbackGraphDirectory.StartAsync();
            graph.AddRange(Enumerable.Range(0, people).Select(i => new StubUser(Id(i))));
            graph.Throttle = (route, n) => throttleEvery > 0 && route == "install" && n % throttleEvery == 0;
            await using var world = await World.CreateAsync(graph, installsPerSecond: 100_000);
            await world.Get<IProgramStore>().InsertAsync(
                new MentoringProgram(Program, "Bench", new ProgramGoals("Bench", [new SkillId("generative-ai")]), new CohortDates(new LocalDate(2027, 1, 1), new LocalDate(2027, 6, 30)),
                    new MeetingDefaults(2, TimeSpan.FromMinutes(30)), MentoringProgram.DefaultReOfferWindow, [Owner]),
                CancellationToken.None);
            var enrolments = world.Get<IEnrolmentStore>();
            for (var i = 0; i < people; i++)
            {
                await enrolments.InsertAsync(Enrolment.Invite(Program, new UserId(Id(i)), DateTimeOffset.UtcNow), CancellationToken.None);
            }

            var service = world.Get<InvitationService>();
            var clock = Stopwatch.StartNew();
            var done = (InviteOutcome.Done)await service.InviteAsync(Program, Owner, CancellationToken.None);
            var first = clock.Elapsed;
            clock.Restart();
            await service.InviteAsync(Program, Owner, CancellationToken.None);
            var again = clock.Elapsed;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"invites, {people} people, {label}: {first.TotalMilliseconds:F0} ms ({first.TotalMilliseconds / people:F2} ms per person), {done.Installed} installed, " +
                $"{graph.Count("install")} POSTs ({(graph.Throttled.TryGetValue("install", out var t) ? t : 0)} answered 429); second run (nothing left) {again.TotalMilliseconds:F0} ms, {graph.Count("install") - done.Installed - t} extra POSTs"));
        }

        output.WriteLine("Pacing: the product default is Invitations:InstallsPerSecond = 20 (Graph allows 30 installedApps calls per second per app and tenant), so 500 people take about 25 s of wall time by design.");
    }

    private static async Task Round(TextWriter output, LoopbackGraphDirectory graph, string label, Func<Task<DirectorySyncResult>> run)
    {
        var before = graph.Requests.ToDictionary(r => r.Key, r => r.Value);
        var clock = Stopwatch.StartNew();
        var result = await run();
        var elapsed = clock.Elapsed;
        int Delta(string route) => graph.Count(route) - before.GetValueOrDefault(route);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"delta sync, {label}: {elapsed.TotalMilliseconds:F0} ms; {result.Pages} pages, {result.Changes:N0} users read, {result.Applied} known people applied; Graph requests: delta {Delta("delta")}, mailbox {Delta("mailbox")}, user {Delta("user")}, manager {Delta("manager")}"));
    }

    private static string Id(int i) => $"u{i:D6}";

    private static Profile Person(string id) => new(
        new UserId(id), "Person " + id, null, null, null, new CareerLevel(3), "Europe/Berlin", WorkingHours.Default, ["en"], 3,
        Participation.Active, ProgramRole.Both, [], []);

    /// <summary>The product's composition on a fresh SQLite folder with Graph pointed at the stub.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly string _folder;

        private World(WebApplication app, string folder)
        {
            _app = app;
            _folder = folder;
        }

        public T Get<T>()
            where T : notnull => _app.Services.GetRequiredService<T>();

        public static async Task<World> CreateAsync(LoopbackGraphDirectory graph, double installsPerSecond = 20)
        {
            var folder = Path.Combine(Path.GetTempPath(), "mentorbot-org-" + Guid.NewGuid().ToString("N"));
            var builder = WebApplication.CreateBuilder();
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:DataFolder"] = folder,
                ["Graph:TenantId"] = "00000000-0000-0000-0000-000000000001",
                ["Graph:ClientId"] = "00000000-0000-0000-0000-000000000002",
                ["Graph:ClientSecret"] = "not-a-real-secret",
                ["Graph:BaseUrl"] = graph.BaseUrl.ToString(),
                ["Graph:SyncDirectory"] = "true",
                ["Graph:InstallForUsers"] = "true",
                ["Graph:TeamsAppCatalogId"] = "bench-catalog-app",
                ["Invitations:InstallsPerSecond"] = installsPerSecond.ToString(CultureInfo.InvariantCulture),
            });
            builder.AddMentorBotProduct();
            builder.Services.Replace(ServiceDescriptor.Singleton<IAccessTokenProvider>(new GraphAccessTokenProvider(new StaticCredential(), graph.BaseUrl)));
            var app = builder.Build();
            var engine = app.Services.GetRequiredService<ITableEngine>();
            foreach (var table in app.Services.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                await engine.GetTable(table).CreateIfNotExistsAsync(CancellationToken.None);
            }

            return new World(app, folder);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("bench-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
