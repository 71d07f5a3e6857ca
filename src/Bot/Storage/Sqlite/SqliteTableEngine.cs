using System.Globalization;
using System.Collections.Concurrent;
using MentorBot.Core.Persistence;
using Microsoft.Data.Sqlite;

namespace MentorBot.Bot.Storage.Sqlite;

/// <summary>
/// The zero-set-up backend: one SQLite file (WAL, so readers never block the writer and several processes can
/// share it) holding one SQL table per logical table. Semantics follow Azure Table; see decision 0032.
/// Connections are pooled here, each with its statements prepared once (decision 0182).
/// </summary>
internal sealed class SqliteTableEngine : ITableEngine, IDisposable
{
    // Idle sessions kept; more may be open while many calls run at once, and those are closed when handed back.
    private const int MaxIdleSessions = 16;

    private readonly string _connectionString;
    private readonly string _pragmas;
    private readonly string _tablePrefix;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentQueue<SqliteSession> _idle = new();
    private int _idleCount;
    private int _journalModeSet;
    private bool _folderReady;
    private bool _disposed;

    public SqliteTableEngine(string databasePath, string tablePrefix, TimeSpan busyTimeout, TimeProvider timeProvider)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        _tablePrefix = tablePrefix;
        _timeProvider = timeProvider;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // This engine pools (below): a session keeps its connection and that connection's prepared statements.
            Pooling = false,
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

    /// <summary>An open connection for one call; give it back with <see cref="Return"/>, or dispose it after a failure.</summary>
    internal SqliteSession Rent()
    {
        if (_idle.TryDequeue(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            return session;
        }

        EnsureFolder();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = _pragmas;
                pragma.ExecuteNonQuery();
            }

            // journal_mode is persistent in the file; setting it once per engine is enough.
            if (Interlocked.CompareExchange(ref _journalModeSet, 1, 0) == 0)
            {
                using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteScalar();
            }

            return new SqliteSession(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    internal void Return(SqliteSession session)
    {
        if (Volatile.Read(ref _disposed))
        {
            session.Dispose();
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > MaxIdleSessions)
        {
            Interlocked.Decrement(ref _idleCount);
            session.Dispose();
            return;
        }

        _idle.Enqueue(session);
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryDequeue(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            session.Dispose();
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

/// <summary>
/// One pooled connection and the commands prepared on it, by SQL text. Used by one call at a time; parameters are
/// re-set on every use, so nothing of one call leaks into the next.
/// </summary>
internal sealed class SqliteSession(SqliteConnection connection) : IDisposable
{
    // Each table has a handful of statement shapes; the cap only guards against an unbounded variety of query texts.
    private const int MaxCachedCommands = 64;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>The command for <paramref name="sql"/>, prepared on first use and kept; do not dispose it.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            if (_commands.Count < MaxCachedCommands)
            {
                _commands.Add(sql, command);
            }
        }

        command.Transaction = Transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        connection.Dispose();
    }
}
