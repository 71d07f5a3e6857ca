using System.Globalization;
using System.Runtime.CompilerServices;
using MentorBot.Core.Persistence;
using Microsoft.Data.Sqlite;

namespace MentorBot.Bot.Storage.Sqlite;

/// <summary>
/// The zero-set-up backend: one SQLite file (WAL, so readers never block the writer and several processes can
/// share it) holding one SQL table per logical table. Semantics follow Azure Table; see decision 0032.
/// </summary>
internal sealed class SqliteTableEngine : ITableEngine
{
    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly string _tablePrefix;
    private readonly TimeProvider _timeProvider;
    private static readonly object InitialisedMarker = new();

    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _initialised = new();
    private int _journalModeSet;
    private bool _folderReady;

    public SqliteTableEngine(string databasePath, string tablePrefix, TimeSpan busyTimeout, TimeProvider timeProvider)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        _tablePrefix = tablePrefix;
        _timeProvider = timeProvider;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout; keep both waits the same size.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();
        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {(int)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;");
    }

    public string Backend => "sqlite";

    public string DatabasePath { get; }

    public IEntityTable GetTable(string name)
    {
        var fullName = _tablePrefix + name;
        EntityRules.ValidateTableName(fullName);
        return new SqliteEntityTable(this, fullName);
    }

    internal async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        EnsureFolder();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Pooling hands back the same native connection many times; its PRAGMAs stick to it, so run them only the
            // first time we see that native handle (a per-open round of PRAGMAs costs more than the point read itself).
            if (connection.Handle is { } handle && !_initialised.TryGetValue(handle, out _))
            {
                await using (var pragma = connection.CreateCommand())
                {
                    pragma.CommandText = _pragmas;
                    await pragma.ExecuteNonQueryAsync(cancellationToken);
                }

                // journal_mode is persistent in the file; setting it once per engine is enough.
                if (Interlocked.CompareExchange(ref _journalModeSet, 1, 0) == 0)
                {
                    await using var wal = connection.CreateCommand();
                    wal.CommandText = "PRAGMA journal_mode = WAL;";
                    await wal.ExecuteScalarAsync(cancellationToken);
                }

                _initialised.AddOrUpdate(handle, InitialisedMarker);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void EnsureFolder()
    {
        if (Volatile.Read(ref _folderReady))
        {
            return;
        }

        var directory = Path.GetDirectoryName(DatabasePath);
        try
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException($"The SQLite data folder {directory} cannot be created: {ex.Message}", null, ex);
        }

        Volatile.Write(ref _folderReady, true);
    }

    internal DateTimeOffset Now() => _timeProvider.GetUtcNow();

    /// <summary>A fresh random version per write: unlike a counter it cannot repeat after delete and re-insert.</summary>
    internal static ETag NewETag() => new($"W/\"{Guid.NewGuid():N}\"");

    internal static Exception Translate(SqliteException ex, string what) => ex.SqliteErrorCode switch
    {
        // BUSY/LOCKED past the timeout, I/O error, disk full, cannot open, locking protocol: the file is unusable now.
        5 or 6 or 10 or 13 or 14 or 15 => new StorageUnavailableException($"SQLite storage is unavailable while {what}: {ex.Message}", null, ex),
        1 when ex.Message.Contains("no such table", StringComparison.Ordinal) =>
            new InvalidOperationException($"Table missing while {what}; tables are created at start-up (CreateIfNotExistsAsync).", ex),
        _ => ex,
    };
}
