using System.Security.Claims;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Activity = MentorBot.Bot.Protocol.Schema.Activity;

namespace MentorBot.Benchmarks.Skills;

/// <summary>
/// Issue #18's Must-show: answering Teams' type-ahead (<c>application/search</c>) over a 2,000-skill tenant catalog
/// (the built-in skills plus 2,000 owners' skills with two aliases each), target &lt; 5 ms p99. <c>WholeInvoke</c> is
/// the invoke as the adapter runs it through the product's composition on SQLite (authentication already done:
/// middleware — tenant allow-list, the turn's person with its profile read, conversation reference — then the bot and
/// the response body as JSON); <c>SearchOnly</c> is the catalog search alone. One call per iteration, so the P99 column
/// is the 99th percentile of single calls. The queries rotate through a name prefix, an alias, a word inside a name and
/// a miss. Run: <c>dotnet run -c Release --project bench/MentorBot.Benchmarks -- --filter '*SkillSearchBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SingleCallConfig))]
public class SkillSearchBenchmarks
{
    private const string Tenant = "72f988bf-0000-4000-8000-000000000018";
    private static readonly string[] Queries = ["prompt", "nickname 1234", "skill 19", "power", "zzz nothing", "data", "owner skill 7"];

    private WebApplication _app = null!;
    private string _folder = null!;
    private MiddlewareSet _middleware = null!;
    private IBot _bot = null!;
    private TenantSkillCatalog _catalog = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "mentorbot-search-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = _folder,
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "00000000-0000-4000-8000-0000000000b0",
            ["MicrosoftAppPassword"] = "benchmark-secret-never-used",
            ["Bot:AllowedTenants:0"] = Tenant,
        });
        builder.AddMentorBotProduct();
        _app = builder.Build();
        var engine = _app.Services.GetRequiredService<ITableEngine>();
        foreach (var table in _app.Services.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            engine.GetTable(table).CreateIfNotExistsAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        var skills = Enumerable.Range(0, 2000)
            .Select(i => new OwnerSkill(new SkillId($"owner-skill-{i}"), $"Owner skill {i}", "Owners", SkillDirection.Either, [$"nickname {i}", $"team term {i}"]))
            .ToList();
        _app.Services.GetRequiredService<ISkillCatalogStore>().SaveAsync(
            new TenantId(Tenant), new SkillCatalogLayer(skills, [], []), null,
            new SkillCatalogAuditEntry(DateTimeOffset.UtcNow, "benchmark", SkillCatalogAction.Added, skills[0].Id, null, "seed"), CancellationToken.None).GetAwaiter().GetResult();
        _catalog = _app.Services.GetRequiredService<TenantSkillCatalogs>().ForAsync(new TenantId(Tenant), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        if (_catalog.Offered.Count < 2000)
        {
            throw new InvalidOperationException($"The catalog has {_catalog.Offered.Count} skills, not 2,000+.");
        }

        _middleware = _app.Services.GetRequiredService<MiddlewareSet>();
        _bot = _app.Services.GetRequiredService<IBot>();
        if (WholeInvoke() is not 200)
        {
            throw new InvalidOperationException("The search invoke did not answer 200.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public int SearchOnly() => _catalog.Search(Queries[_next++ % Queries.Length]).Count;

    [Benchmark]
    public int WholeInvoke()
    {
        var turn = new InvokeTurn(Invoke(Queries[_next++ % Queries.Length]));
        turn.TurnState.Set(new ClaimsIdentity());
        _middleware.RunAsync(turn, _bot.OnTurnAsync, CancellationToken.None).GetAwaiter().GetResult();
        _ = JsonSerializer.SerializeToUtf8Bytes(turn.InvokeResponse!.Body!.Value);
        return turn.InvokeResponse.Status;
    }

    private static Activity Invoke(string query) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = SkillSearchInvoke.InvokeName,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Locale = "en-US",
        From = new ChannelAccount { Id = "29:sam", Name = "Sam Senior", AadObjectId = "0b7e5f4a-0000-4000-8000-00000000a001" },
        Recipient = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" },
        Conversation = new ConversationAccount { Id = "a:sam-personal", ConversationType = "personal", TenantId = Tenant },
        Value = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["queryText"] = query,
            ["queryOptions"] = new Dictionary<string, int> { ["skip"] = 0, ["top"] = 15 },
            ["dataset"] = MentorBot.Bot.Cards.SkillPicker.Dataset,
        }),
    };

    /// <summary>One call per iteration (so percentiles are of single calls) and a P99 column.</summary>
    private sealed class SingleCallConfig : ManualConfig
    {
        public SingleCallConfig()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Throughput).WithInvocationCount(1).WithUnrollFactor(1).WithIterationCount(400).WithWarmupCount(50)
                // Every call counts: a p99 with the slow tail removed would not be a p99.
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)
                // In process: no generated project to restore (the benchmark runs where the network is loopback only).
                .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.P95, new P99Column());
        }
    }

    private sealed class P99Column : IColumn
    {
        public string Id => "P99";

        public string ColumnName => "P99";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 10;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Time;

        public string Legend => "99th percentile of single calls";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? $"{statistics.Percentiles.Percentile(99) / 1_000_000.0:0.000} ms"
                : "-";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }

    /// <summary>Stands in for the adapter's turn: the invoke response is what the HTTP response would carry.</summary>
    private sealed class InvokeTurn(Activity activity) : ITurnContext
    {
        public Activity Activity { get; } = activity;

        public bool Responded => InvokeResponse is not null;

        public TurnState TurnState { get; } = new();

        public InvokeResponse? InvokeResponse { get; set; }

        public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse("x"));

        public Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ResourceResponse>>([.. activities.Select(_ => new ResourceResponse("x"))]);

        public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse("x"));

        public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
