using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Sqlite;

namespace MentorBot.Storage.Tests;

/// <summary>The contract on a real SQLite file in a temp folder, deleted afterwards.</summary>
public sealed class SqliteContractTests : SharedStorageContractTests, IClassFixture<SqliteContractTests.TempDatabase>
{
    private readonly TempDatabase _database;
    private readonly SqliteTableEngine _engine;

    public SqliteContractTests(TempDatabase database)
    {
        _database = database;
        _engine = new SqliteTableEngine(database.Path, database.Prefix, TimeSpan.FromSeconds(10), TimeProvider.System);
    }

    internal override ITableEngine Engine => _engine;

    internal override ITableEngine CreateSecondEngine() =>
        new SqliteTableEngine(_database.Path, _database.Prefix, TimeSpan.FromSeconds(10), TimeProvider.System);

    internal override string TablePrefix => _database.Prefix;

    internal override string[] WriterBackendArguments => ["sqlite", _database.Path, _database.Prefix];

    [Fact]
    public async Task Query_StringEquality_SkipsValuesOfOtherTypesStoredAsTheSameText()
    {
        // SQLite keeps an Int64 and a Guid as text (["I64","12345"], ["G","…"]), so the string equality narrowed in SQL
        // reads them; the filter evaluated on the row still leaves them out (decision 0420).
        var table = Engine.GetTable(TablePrefix + "i64" + Guid.NewGuid().ToString("N")[..6]);
        await table.CreateIfNotExistsAsync(CancellationToken.None);
        await table.InsertAsync(new TableEntity("p", "1") { ["Key"] = "12345" }, CancellationToken.None);
        await table.InsertAsync(new TableEntity("p", "2") { ["Key"] = 12345L }, CancellationToken.None);
        await table.InsertAsync(new TableEntity("p", "3") { ["Key"] = 12345 }, CancellationToken.None);
        var guid = Guid.Parse("0b7e5f4a-0000-4000-8000-00000000a001");
        await table.InsertAsync(new TableEntity("p", "4") { ["Key"] = guid }, CancellationToken.None);
        await table.InsertAsync(new TableEntity("p", "5") { ["Key"] = guid.ToString("D") }, CancellationToken.None);

        async Task<string> Row(EntityFilter filter) =>
            Assert.Single((await table.QueryAsync("p", filter, null, null, CancellationToken.None)).Items).RowKey;

        Assert.Equal("1", await Row(EntityFilter.Equal("Key", "12345")));
        Assert.Equal("5", await Row(EntityFilter.Equal("Key", guid.ToString("D"))));
        Assert.Equal("4", await Row(EntityFilter.Equal("Key", guid)));
    }

    public sealed class TempDatabase : IDisposable
    {
        private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mentorbot-tests-" + Guid.NewGuid().ToString("N"));

        public string Path => System.IO.Path.Combine(_folder, "contract.db");

        public string Prefix { get; } = "s" + Guid.NewGuid().ToString("N")[..8];

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A writer process may still hold the file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }
}
