using System.Globalization;
using MentorBot.Core.Persistence;
using Microsoft.Data.Sqlite;

namespace MentorBot.Bot.Storage.Sqlite;

internal sealed class SqliteEntityTable(SqliteTableEngine engine, string name) : IEntityTable
{
    private readonly string _quoted = "\"" + name + "\"";

    private enum WriteResult
    {
        Written,
        Exists,
        Missing,
        Stale,
    }

    public string Name => name;

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) => RunAsync("creating the table", async connection =>
    {
        await using var command = connection.CreateCommand();
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
        await command.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }, cancellationToken);

    public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        EntityRules.ValidateKeys(partitionKey, rowKey);
        return RunAsync("reading an entity", async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT rk, etag, ts, props FROM {_quoted} WHERE pk = $pk AND rk = $rk;";
            command.Parameters.AddWithValue("$pk", partitionKey);
            command.Parameters.AddWithValue("$rk", rowKey);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadEntity(partitionKey, reader) : null;
        }, cancellationToken);
    }

    public Task<ETag> InsertAsync(TableEntity entity, CancellationToken cancellationToken) =>
        WriteOneAsync(BatchOperation.Insert(entity), cancellationToken);

    public Task<ETag> UpsertAsync(TableEntity entity, CancellationToken cancellationToken) =>
        WriteOneAsync(BatchOperation.Upsert(entity), cancellationToken);

    public Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken) =>
        WriteOneAsync(BatchOperation.Replace(entity, ifMatch), cancellationToken);

    public Task<ETag> MergeAsync(TableEntity entity, ETag? ifMatch, CancellationToken cancellationToken) =>
        WriteOneAsync(ifMatch is { } etag ? BatchOperation.Merge(entity, etag) : BatchOperation.InsertOrMerge(entity), cancellationToken);

    public async Task<bool> DeleteAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken)
    {
        EntityRules.ValidateKeys(partitionKey, rowKey);
        var op = BatchOperation.Delete(partitionKey, rowKey, ifMatch);
        return await RunAsync("deleting an entity", async connection =>
        {
            var (result, _) = await ApplyAsync(connection, op, cancellationToken);
            return result switch
            {
                WriteResult.Written => true,
                WriteResult.Missing when ifMatch.IsAny => false,
                _ => throw Conflict(result, op, null),
            };
        }, cancellationToken);
    }

    public Task<Page<TableEntity>> QueryAsync(
        string partitionKey, EntityFilter? filter, int? top, string? continuationToken, CancellationToken cancellationToken)
    {
        EntityRules.ValidateKey(partitionKey, "PartitionKey");
        EntityRules.ValidatePageSize(top);
        if (filter is not null)
        {
            EntityRules.ValidateFilter(filter);
        }

        var pageSize = top ?? EntityRules.MaxPageSize;
        var after = continuationToken is null ? null : ContinuationToken.Decode("s1", continuationToken, 1)[0];

        return RunAsync("querying a partition", async connection =>
        {
            await using var command = connection.CreateCommand();
            var sql = new System.Text.StringBuilder($"SELECT rk, etag, ts, props FROM {_quoted} WHERE pk = $pk");
            command.Parameters.AddWithValue("$pk", partitionKey);
            if (after is not null)
            {
                sql.Append(" AND rk > $after");
                command.Parameters.AddWithValue("$after", after);
            }

            AppendRowKeyRange(filter, sql, command);
            sql.Append(" ORDER BY rk");
            if (filter is null)
            {
                // One extra row tells us whether another page exists, so the last page carries no token.
                sql.Append(" LIMIT $limit");
                command.Parameters.AddWithValue("$limit", pageSize + 1);
            }

            command.CommandText = sql.ToString();
            var items = new List<TableEntity>(Math.Min(pageSize, 128));
            var more = false;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
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

    public async Task<IReadOnlyList<ETag?>> ExecuteBatchAsync(IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken)
    {
        BatchOperation.ValidateBatch(operations);
        return await RunAsync("running a batch", async connection =>
        {
            // BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads first can fail to
            // upgrade with SQLITE_BUSY without waiting when another process writes.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var etags = new ETag?[operations.Count];
            for (var i = 0; i < operations.Count; i++)
            {
                var (result, etag) = await ApplyAsync(connection, operations[i], cancellationToken);
                if (result != WriteResult.Written)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    throw Conflict(result, operations[i], i);
                }

                etags[i] = operations[i].Kind == BatchOperationKind.Delete ? null : etag;
            }

            await transaction.CommitAsync(cancellationToken);
            return (IReadOnlyList<ETag?>)etags;
        }, cancellationToken);
    }

    private async Task<ETag> WriteOneAsync(BatchOperation op, CancellationToken cancellationToken)
    {
        EntityRules.ValidateEntity(op.Entity);
        return await RunAsync("writing an entity", async connection =>
        {
            var (result, etag) = await ApplyAsync(connection, op, cancellationToken);
            return result == WriteResult.Written ? etag : throw Conflict(result, op, null);
        }, cancellationToken);
    }

    private async Task<(WriteResult Result, ETag ETag)> ApplyAsync(SqliteConnection connection, BatchOperation op, CancellationToken cancellationToken)
    {
        var etag = SqliteTableEngine.NewETag();
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$pk", op.Entity.PartitionKey);
        command.Parameters.AddWithValue("$rk", op.Entity.RowKey);
        command.Parameters.AddWithValue("$etag", etag.Value);
        command.Parameters.AddWithValue("$ts", engine.Now().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$props", op.Kind == BatchOperationKind.Delete ? "{}" : PropertyJson.Write(op.Entity.Properties));
        command.Parameters.AddWithValue("$ifmatch", op.IfMatch?.Value ?? "*");
        const string Match = "pk = $pk AND rk = $rk AND ($ifmatch = '*' OR etag = $ifmatch)";
        command.CommandText = op.Kind switch
        {
            BatchOperationKind.Insert =>
                $"INSERT INTO {_quoted} (pk, rk, etag, ts, props) VALUES ($pk, $rk, $etag, $ts, $props) ON CONFLICT (pk, rk) DO NOTHING;",
            BatchOperationKind.Upsert =>
                $"INSERT INTO {_quoted} (pk, rk, etag, ts, props) VALUES ($pk, $rk, $etag, $ts, $props) " +
                "ON CONFLICT (pk, rk) DO UPDATE SET etag = excluded.etag, ts = excluded.ts, props = excluded.props;",
            BatchOperationKind.InsertOrMerge =>
                $"INSERT INTO {_quoted} (pk, rk, etag, ts, props) VALUES ($pk, $rk, $etag, $ts, $props) " +
                $"ON CONFLICT (pk, rk) DO UPDATE SET etag = excluded.etag, ts = excluded.ts, props = json_patch({_quoted}.props, excluded.props);",
            BatchOperationKind.Replace => $"UPDATE {_quoted} SET etag = $etag, ts = $ts, props = $props WHERE {Match};",
            BatchOperationKind.Merge => $"UPDATE {_quoted} SET etag = $etag, ts = $ts, props = json_patch(props, $props) WHERE {Match};",
            BatchOperationKind.Delete => $"DELETE FROM {_quoted} WHERE {Match};",
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };

        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return (WriteResult.Written, etag);
        }

        if (op.Kind == BatchOperationKind.Insert)
        {
            return (WriteResult.Exists, default);
        }

        // Nothing matched: tell a stale ETag from a deleted row so the caller knows whether re-reading helps.
        await using var probe = connection.CreateCommand();
        probe.CommandText = $"SELECT 1 FROM {_quoted} WHERE pk = $pk AND rk = $rk;";
        probe.Parameters.AddWithValue("$pk", op.Entity.PartitionKey);
        probe.Parameters.AddWithValue("$rk", op.Entity.RowKey);
        return (await probe.ExecuteScalarAsync(cancellationToken) is null ? WriteResult.Missing : WriteResult.Stale, default);
    }

    private static void AppendRowKeyRange(EntityFilter? filter, System.Text.StringBuilder sql, SqliteCommand command)
    {
        // Push top-level AND-ed RowKey comparisons into SQL so prefix/range filters seek the primary key;
        // the filter is still evaluated on every row, so this only narrows the scan.
        var n = 0;
        Visit(filter);

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
                    command.Parameters.AddWithValue(parameter, c.Value.AsString());
                    break;
            }
        }
    }

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

    private static ConcurrencyConflictException Conflict(WriteResult result, BatchOperation op, int? index)
    {
        var where = index is { } i ? $"Batch operation {i}: " : string.Empty;
        var keys = $"({op.Entity.PartitionKey}, {op.Entity.RowKey})";
        return result switch
        {
            WriteResult.Exists => new(ConcurrencyConflictKind.EntityExists, $"{where}Entity {keys} already exists.", index),
            WriteResult.Missing => new(ConcurrencyConflictKind.EntityMissing, $"{where}Entity {keys} does not exist.", index),
            _ => new(ConcurrencyConflictKind.PreconditionFailed, $"{where}Entity {keys} changed since ETag {op.IfMatch} was read.", index),
        };
    }

    private async Task<T> RunAsync<T>(string what, Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await engine.OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (SqliteException ex)
        {
            var translated = SqliteTableEngine.Translate(ex, what);
            if (ReferenceEquals(translated, ex))
            {
                throw;
            }

            throw translated;
        }
    }
}
