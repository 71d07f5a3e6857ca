using System.Globalization;
using MentorBot.Core.Persistence;
using Microsoft.Data.Sqlite;

namespace MentorBot.Bot.Storage.Sqlite;

/// <summary>
/// One SQL table. SQLite calls are synchronous underneath (Microsoft.Data.Sqlite's async methods only wrap them), so
/// each operation runs synchronously on a pooled session whose statements are prepared once per SQL text.
/// </summary>
internal sealed class SqliteEntityTable : EntityTable
{
    private const string Match = "pk = $pk AND rk = $rk AND ($ifmatch = '*' OR etag = $ifmatch)";

    private static readonly System.Buffers.SearchValues<char> PlainNameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private readonly SqliteTableEngine _engine;
    private readonly string _quoted;
    private readonly string _select;
    private readonly string _probe;
    private readonly Dictionary<BatchOperationKind, string> _writes;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _indexedProperties = new(StringComparer.Ordinal);

    public SqliteEntityTable(SqliteTableEngine engine, string name)
        : base(name)
    {
        _engine = engine;
        _quoted = "\"" + name + "\"";
        _select = $"SELECT rk, etag, ts, props FROM {_quoted} WHERE pk = $pk AND rk = $rk;";
        _probe = $"SELECT 1 FROM {_quoted} WHERE pk = $pk AND rk = $rk;";
        _writes = new()
        {
            [BatchOperationKind.Insert] =
                $"INSERT INTO {_quoted} (pk, rk, etag, ts, props) VALUES ($pk, $rk, $etag, $ts, $props) ON CONFLICT (pk, rk) DO NOTHING;",
            [BatchOperationKind.Upsert] =
                $"INSERT INTO {_quoted} (pk, rk, etag, ts, props) VALUES ($pk, $rk, $etag, $ts, $props) " +
                "ON CONFLICT (pk, rk) DO UPDATE SET etag = excluded.etag, ts = excluded.ts, props = excluded.props;",
            [BatchOperationKind.InsertOrMerge] =
                $"INSERT INTO {_quoted} (pk, rk, etag, ts, props) VALUES ($pk, $rk, $etag, $ts, $props) " +
                $"ON CONFLICT (pk, rk) DO UPDATE SET etag = excluded.etag, ts = excluded.ts, props = json_patch({_quoted}.props, excluded.props);",
            [BatchOperationKind.Replace] = $"UPDATE {_quoted} SET etag = $etag, ts = $ts, props = $props WHERE {Match};",
            [BatchOperationKind.Merge] = $"UPDATE {_quoted} SET etag = $etag, ts = $ts, props = json_patch(props, $props) WHERE {Match};",
            [BatchOperationKind.Delete] = $"DELETE FROM {_quoted} WHERE {Match};",
        };
    }

    public override Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => RunAsync("creating the table", session =>
    {
        using var command = session.Connection.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE IF NOT EXISTS {_quoted} (
                pk TEXT NOT NULL,
                rk TEXT NOT NULL,
                etag TEXT NOT NULL,
                ts TEXT NOT NULL,
                props TEXT NOT NULL,
                PRIMARY KEY (pk, rk)
            ) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
        return true;
    }, cancellationToken);

    protected override Task<TableEntity?> ReadAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        RunAsync("reading an entity", session =>
        {
            var command = session.Command(_select);
            Set(command, "$pk", partitionKey);
            Set(command, "$rk", rowKey);
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadEntity(partitionKey, reader) : null;
        }, cancellationToken);

    protected override Task<bool> DeleteOneAsync(BatchOperation delete, CancellationToken cancellationToken) =>
        RunAsync("deleting an entity", session => LocalWrite.Deleted(Apply(session, delete).Result, delete), cancellationToken);

    protected override Task<Page<TableEntity>> QueryPartitionAsync(
        string partitionKey, EntityFilter? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var after = continuationToken is null ? null : ContinuationToken.Decode("s1", continuationToken, 1)[0];

        return RunAsync("querying a partition", session =>
        {
            var parameters = new List<(string Name, object Value)> { ("$pk", partitionKey) };
            var where = new System.Text.StringBuilder(" WHERE pk = $pk");
            if (after is not null)
            {
                where.Append(" AND rk > $after");
                parameters.Add(("$after", after));
            }

            // Without statistics SQLite prefers the primary key (it avoids sorting by rk) and reads the whole partition,
            // so the index of the first pushed-down property is named outright (once it exists).
            var index = AppendPushdown(filter, where, parameters) is [var property, ..] ? EnsurePropertyIndex(session, property) : null;
            var sql = new System.Text.StringBuilder($"SELECT rk, etag, ts, props FROM {_quoted}");
            if (index is not null)
            {
                sql.Append(" INDEXED BY ").Append(index);
            }

            sql.Append(where).Append(" ORDER BY rk");
            if (filter is null)
            {
                // One extra row tells us whether another page exists, so the last page carries no token.
                sql.Append(" LIMIT $limit");
                parameters.Add(("$limit", pageSize + 1));
            }

            // The SQL text only varies with the filter's shape (values are parameters), so it is prepared once per shape.
            var command = session.Command(sql.ToString());
            command.Parameters.Clear();
            foreach (var (parameterName, value) in parameters)
            {
                command.Parameters.AddWithValue(parameterName, value);
            }

            var items = new List<TableEntity>(Math.Min(pageSize, 128));
            var more = false;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (items.Count == pageSize)
                {
                    more = true;
                    break;
                }

                var entity = ReadEntity(partitionKey, reader);
                if (filter is null || filter.Matches(entity))
                {
                    items.Add(entity);
                }
            }

            var token = more ? ContinuationToken.Encode("s1", items[^1].RowKey) : null;
            return new Page<TableEntity>(items, token);
        }, cancellationToken);
    }

    public override Task<Page<TableEntity>> ScanAsync(string? continuationToken, CancellationToken cancellationToken)
    {
        var after = continuationToken is null ? null : ContinuationToken.Decode("s2", continuationToken, 2);
        return RunAsync("scanning a table", session =>
        {
            var sql = after is null
                ? $"SELECT rk, etag, ts, props, pk FROM {_quoted} ORDER BY pk, rk LIMIT $limit"
                : $"SELECT rk, etag, ts, props, pk FROM {_quoted} WHERE pk > $pk OR (pk = $pk AND rk > $rk) ORDER BY pk, rk LIMIT $limit";
            var command = session.Command(sql);
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$limit", EntityRules.MaxPageSize + 1);
            if (after is not null)
            {
                command.Parameters.AddWithValue("$pk", after[0] ?? string.Empty);
                command.Parameters.AddWithValue("$rk", after[1] ?? string.Empty);
            }

            var items = new List<TableEntity>();
            var more = false;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (items.Count == EntityRules.MaxPageSize)
                {
                    more = true;
                    break;
                }

                items.Add(ReadEntity(reader.GetString(4), reader));
            }

            var token = more ? ContinuationToken.Encode("s2", items[^1].PartitionKey, items[^1].RowKey) : null;
            return new Page<TableEntity>(items, token);
        }, cancellationToken);
    }

    protected override Task<IReadOnlyList<ETag?>> WriteBatchAsync(IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken) =>
        RunAsync("running a batch", session =>
        {
            // BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads first can fail to
            // upgrade with SQLITE_BUSY without waiting when another process writes.
            using var transaction = session.Connection.BeginTransaction(deferred: false);
            session.Transaction = transaction;
            try
            {
                var etags = LocalWrite.ApplyAll(operations, op => Apply(session, op), transaction.Rollback);
                transaction.Commit();
                return (IReadOnlyList<ETag?>)etags;
            }
            finally
            {
                session.Transaction = null;
            }
        }, cancellationToken);

    protected override Task<ETag> WriteAsync(BatchOperation op, CancellationToken cancellationToken) =>
        RunAsync("writing an entity", session => LocalWrite.Written(Apply(session, op), op), cancellationToken);

    private (WriteResult Result, ETag ETag) Apply(SqliteSession session, BatchOperation op)
    {
        var etag = SqliteTableEngine.NewETag();
        var command = session.Command(_writes[op.Kind]);
        Set(command, "$pk", op.Entity.PartitionKey);
        Set(command, "$rk", op.Entity.RowKey);
        if (op.Kind is BatchOperationKind.Replace or BatchOperationKind.Merge or BatchOperationKind.Delete)
        {
            Set(command, "$ifmatch", op.IfMatch?.Value ?? "*");
        }

        if (op.Kind != BatchOperationKind.Delete)
        {
            Set(command, "$etag", etag.Value);
            Set(command, "$ts", _engine.Now().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            Set(command, "$props", PropertyJson.Write(op.Entity.Properties));
        }

        if (command.ExecuteNonQuery() == 1)
        {
            return (WriteResult.Written, etag);
        }

        if (op.Kind == BatchOperationKind.Insert)
        {
            return (WriteResult.Exists, default);
        }

        // Nothing matched: tell a stale ETag from a deleted row so the caller knows whether re-reading helps.
        var probe = session.Command(_probe);
        Set(probe, "$pk", op.Entity.PartitionKey);
        Set(probe, "$rk", op.Entity.RowKey);
        return (probe.ExecuteScalar() is null ? WriteResult.Missing : WriteResult.Stale, default);
    }

    /// <summary>Sets a parameter of a kept command: created on the command's first use, re-valued on every later one.</summary>
    private static void Set(SqliteCommand command, string name, object value)
    {
        var index = command.Parameters.IndexOf(name);
        if (index < 0)
        {
            command.Parameters.AddWithValue(name, value);
        }
        else
        {
            command.Parameters[index].Value = value;
        }
    }

    private static List<string> AppendPushdown(EntityFilter? filter, System.Text.StringBuilder sql, List<(string Name, object Value)> parameters)
    {
        // Push top-level AND-ed RowKey comparisons into SQL so prefix/range filters seek the primary key, and top-level
        // AND-ed string equalities on a property ("Mentorship eq 'm-1'") into the expression an index on (pk, that
        // property) is built on (EnsurePropertyIndex), so SQLite seeks the matching rows instead of reading the whole
        // partition: every check-in of every pair shares one partition, and one pair's list read and parsed all of
        // them (5–9 ms of CPU per call at 10k people; issue #16, decision 0420). Both only narrow the scan: the filter
        // is still evaluated on every row read. A string equality matches only a value stored with the "S" tag and the
        // same text, and SQLite compares text byte for byte, so no row the filter would keep is left out.
        var n = 0;
        var indexed = new List<string>();
        Visit(filter);
        return indexed;

        void Visit(EntityFilter? node)
        {
            switch (node)
            {
                case EntityFilter.Conjunction { IsAnd: true } and:
                    Visit(and.Left);
                    Visit(and.Right);
                    break;
                case EntityFilter.Comparison { Property: EntityFilter.RowKeyName } c when c.Operator != ComparisonOperator.NotEqual:
                    var op = c.Operator switch
                    {
                        ComparisonOperator.Equal => "=",
                        ComparisonOperator.GreaterThan => ">",
                        ComparisonOperator.GreaterThanOrEqual => ">=",
                        ComparisonOperator.LessThan => "<",
                        _ => "<=",
                    };
                    var parameter = "$rkf" + (n++).ToString(CultureInfo.InvariantCulture);
                    sql.Append(" AND rk ").Append(op).Append(' ').Append(parameter);
                    parameters.Add((parameter, c.Value.AsString()));
                    break;
                case EntityFilter.Comparison { Operator: ComparisonOperator.Equal, Value.Type: EdmType.String } c
                    when c.Property != EntityFilter.PartitionKeyName && IsPlainName(c.Property):
                    // The path is a literal (a plain name, checked above) so the expression is the index's, word for word.
                    var value = "$pv" + (n++).ToString(CultureInfo.InvariantCulture);
                    sql.Append(" AND ").Append(PropertyExpression(c.Property)).Append(" = ").Append(value);
                    parameters.Add((value, c.Value.AsString()));
                    indexed.Add(c.Property);
                    break;
            }
        }
    }

    private static string PropertyExpression(string property) => $"json_extract(props, '$.{property}[1]')";

    /// <summary>
    /// The index a pushed-down equality on <paramref name="property"/> seeks, created the first time this table object
    /// queries by it (a handful per table: the properties the stores filter on); null when it could not be created
    /// (e.g. the file is busy): the query then reads the partition as before, and the next one tries again.
    /// </summary>
    private string? EnsurePropertyIndex(SqliteSession session, string property)
    {
        if (_indexedProperties.TryGetValue(property, out var known))
        {
            return known;
        }

        var index = "\"" + Name + "__" + property + "\"";
        try
        {
            using var create = session.Connection.CreateCommand();
            create.CommandText = $"CREATE INDEX IF NOT EXISTS {index} ON {_quoted} (pk, {PropertyExpression(property)});";
            create.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            return null;
        }

        _indexedProperties[property] = index;
        return index;
    }

    // Names that need no quoting in a JSON path (every property name the stores use).
    private static bool IsPlainName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.AsSpan(1).IndexOfAnyExcept(PlainNameCharacters) < 0;

    private static TableEntity ReadEntity(string partitionKey, SqliteDataReader reader)
    {
        var entity = new TableEntity(partitionKey, reader.GetString(0))
        {
            ETag = new ETag(reader.GetString(1)),
            Timestamp = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        };
        PropertyJson.Read(reader.GetString(3), entity);
        return entity;
    }

    private Task<T> RunAsync<T>(string what, Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        SqliteSession? session = null;
        try
        {
            session = _engine.Rent();
            var result = work(session);
            _engine.Return(session);
            return Task.FromResult(result);
        }
        catch (Exception ex)
        {
            // Conflicts leave the session clean and reusable; anything else (busy, I/O) may not, so it is closed.
            if (session is not null)
            {
                if (ex is ConcurrencyConflictException)
                {
                    _engine.Return(session);
                }
                else
                {
                    session.Dispose();
                }
            }

            if (ex is SqliteException sqlite && SqliteTableEngine.Translate(sqlite, what) is var translated && !ReferenceEquals(translated, sqlite))
            {
                return Task.FromException<T>(translated);
            }

            return Task.FromException<T>(ex);
        }
    }
}
