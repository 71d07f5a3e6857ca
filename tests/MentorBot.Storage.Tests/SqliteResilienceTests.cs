using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Sqlite;
using MentorBot.Core.Persistence;
using Microsoft.Data.Sqlite;

namespace MentorBot.Storage.Tests;

public sealed class SqliteResilienceTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mentorbot-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Insert_FileLockedByAnotherWriterPastBusyTimeout_ThrowsStorageUnavailableThenRecovers()
    {
        var path = Path.Combine(_folder, "locked.db");
        var engine = new SqliteTableEngine(path, "x", TimeSpan.FromMilliseconds(200), TimeProvider.System);
        var table = engine.GetTable("things");
        await table.CreateIfNotExistsAsync(None);
        await using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE;";
            await hold.ExecuteNonQueryAsync();

            await Assert.ThrowsAsync<StorageUnavailableException>(() => table.InsertAsync(new TableEntity("p", "r") { ["A"] = 1 }, None));
        }

        await table.InsertAsync(new TableEntity("p", "r") { ["A"] = 1 }, None);

        Assert.Equal(1, (await table.GetAsync("p", "r", None))!["A"].AsInt32());
    }

    [Fact]
    public async Task Open_NewFile_UsesWriteAheadLog()
    {
        var path = Path.Combine(_folder, "wal.db");
        var engine = new SqliteTableEngine(path, "x", TimeSpan.FromSeconds(1), TimeProvider.System);
        await engine.GetTable("things").CreateIfNotExistsAsync(None);

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Open_DataFolderIsAFile_ThrowsStorageUnavailable()
    {
        Directory.CreateDirectory(_folder);
        var blocker = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var engine = new SqliteTableEngine(Path.Combine(blocker, "data.db"), "x", TimeSpan.FromSeconds(1), TimeProvider.System);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => engine.GetTable("things").CreateIfNotExistsAsync(None));
    }

    [Fact]
    public async Task PooledSessions_ManyCallsAtOnceWithConflicts_KeepEveryOutcomeApart()
    {
        var engine = new SqliteTableEngine(Path.Combine(_folder, "pool.db"), "x", TimeSpan.FromSeconds(10), TimeProvider.System);
        var table = engine.GetTable("things");
        await table.CreateIfNotExistsAsync(None);
        var hot = await table.InsertAsync(new TableEntity("hot", "counter") { ["N"] = 0 }, None);

        // Everyone races to replace the same version of one row (exactly one may win), and each also writes and
        // reads back a row of its own, so a session handed back in a bad state would show up as a wrong read.
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            await table.UpsertAsync(new TableEntity("own", $"r{i:D2}") { ["N"] = i }, None);
            var won = true;
            try
            {
                await table.ReplaceAsync(new TableEntity("hot", "counter") { ["N"] = i }, hot, None);
            }
            catch (ConcurrencyConflictException)
            {
                won = false;
            }

            return (Won: won, Read: (await table.GetAsync("own", $"r{i:D2}", None))!["N"].AsInt32(), Index: i);
        })));

        Assert.Single(results, r => r.Won);
        Assert.All(results, r => Assert.Equal(r.Index, r.Read));
        engine.Dispose();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
