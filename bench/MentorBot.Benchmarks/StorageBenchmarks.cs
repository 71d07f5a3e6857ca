using BenchmarkDotNet.Attributes;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.AzureTable;
using MentorBot.Bot.Storage.Sqlite;
using MentorBot.Core.Persistence;
using MentorBot.Storage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace MentorBot.Benchmarks;

/// <summary>
/// The storage engine at 10k entities in one partition: a point read, a conditional (ETag) replace of one hot entity,
/// and partition queries, on a SQLite file and on Azurite (started here on loopback, in memory). Azurite numbers
/// measure our HTTP/JSON path plus Azurite itself; they say nothing about Azure's latency.
/// </summary>
[MemoryDiagnoser]
public class StorageBenchmarks
{
    private const int EntityCount = 10_000;
    private const string Partition = "bench";

    private static readonly Lazy<Task<AzuriteServer>> SharedAzurite = new(StartSharedAzuriteAsync);

    private AzuriteServer? _azurite;
    private string? _folder;
    private IEntityTable _table = null!;
    private ETag _hotETag;
    private int _next;

    [Params("sqlite", "azurite")]
    public string Backend { get; set; } = "sqlite";

    // BenchmarkDotNet's in-process toolchain does not await an async [GlobalSetup]; block on it explicitly.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var prefix = "b" + Guid.NewGuid().ToString("N")[..8];
        var options = new StorageOptions();
        ITableEngine engine;
        if (Backend == "azurite")
        {
            // One Azurite per process, stopped at exit: the in-process toolchain does not always run [GlobalCleanup]
            // per case, and a leaked Azurite would load the machine during every later measurement.
            _azurite = await SharedAzurite.Value;
            engine = new AzureTableEngine(TableConnection.Parse(_azurite.ConnectionString), prefix, StorageServiceCollectionExtensions.CreateClientOptions(options), TimeProvider.System);
        }
        else
        {
            _folder = Path.Combine(Path.GetTempPath(), "mentorbot-bench-" + Guid.NewGuid().ToString("N"));
            engine = new SqliteTableEngine(Path.Combine(_folder, "bench.db"), prefix, options.SqliteBusyTimeout, TimeProvider.System);
        }

        _table = engine.GetTable("entities");
        await _table.CreateIfNotExistsAsync(CancellationToken.None);
        for (var start = 0; start < EntityCount; start += EntityRules.MaxBatchOperations)
        {
            var batch = Enumerable.Range(start, EntityRules.MaxBatchOperations)
                .Select(i => BatchOperation.Insert(new TableEntity(Partition, Key(i))
                {
                    ["N"] = i,
                    ["Name"] = $"Person {i}",
                    ["Active"] = i % 3 != 0,
                    ["Since"] = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
                }))
                .ToList();
            await _table.ExecuteBatchAsync(batch, CancellationToken.None);
        }

        _hotETag = await _table.InsertAsync(new TableEntity("hot", "counter") { ["N"] = 0 }, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _azurite = null;
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark]
    public async Task<int> PointRead()
    {
        var entity = await _table.GetAsync(Partition, Key(_next++ % EntityCount), CancellationToken.None);
        return entity!["N"].AsInt32();
    }

    [Benchmark]
    public async Task ConditionalReplace()
    {
        _hotETag = await _table.ReplaceAsync(new TableEntity("hot", "counter") { ["N"] = _next++ }, _hotETag, CancellationToken.None);
    }

    /// <summary>All 10k rows through continuation tokens (10 pages of 1000).</summary>
    [Benchmark]
    public async Task<int> PartitionQueryAll()
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await _table.QueryAsync(Partition, null, null, token, CancellationToken.None);
            count += page.Items.Count;
            token = page.ContinuationToken;
        }
        while (token is not null);

        return count;
    }

    /// <summary>First 100 matches of a property filter that must scan the partition.</summary>
    [Benchmark]
    public async Task<int> PartitionQueryFiltered()
    {
        var page = await _table.QueryAsync(
            Partition, EntityFilter.Equal("Active", false) & EntityFilter.GreaterThanOrEqual("N", 5_000), 100, null, CancellationToken.None);
        return page.Items.Count;
    }

    private static string Key(int i) => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<AzuriteServer> StartSharedAzuriteAsync()
    {
        var server = await AzuriteServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return server;
    }
}
