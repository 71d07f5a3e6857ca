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
