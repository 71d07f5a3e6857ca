using System.Diagnostics;
using MentorBot.Bot.Telemetry;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Storage;

/// <summary>
/// Storage latency by operation (metric, always) and a child span per operation inside a turn or a dispatch (only when
/// there is a parent, so health probes do not start traces of their own). Tags: logical table name, operation and
/// outcome; never keys, filters or values.
/// </summary>
[HoldsNoPersonalData("Measures the engine under it; the stores above it hold the data and erase it.")]
internal sealed class InstrumentedTableEngine(ITableEngine inner) : ITableEngine
{
    private const string StorageSpanName = "storage";

    public ITableEngine Inner => inner;

    public string Backend => inner.Backend;

    public IEntityTable GetTable(string name) => new InstrumentedEntityTable(inner.GetTable(name), inner.Backend);

    private sealed class InstrumentedEntityTable(IEntityTable inner, string backend) : IEntityTable
    {
        public string Name => inner.Name;

        public Task CreateIfNotExistsAsync(CancellationToken cancellationToken) =>
            MeasureAsync("create_table", async () =>
            {
                await inner.CreateIfNotExistsAsync(cancellationToken);
                return true;
            });

        public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
            MeasureAsync("get", () => inner.GetAsync(partitionKey, rowKey, cancellationToken));

        public Task<ETag> InsertAsync(TableEntity entity, CancellationToken cancellationToken) =>
            MeasureAsync("insert", () => inner.InsertAsync(entity, cancellationToken));

        public Task<ETag> UpsertAsync(TableEntity entity, CancellationToken cancellationToken) =>
            MeasureAsync("upsert", () => inner.UpsertAsync(entity, cancellationToken));

        public Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken) =>
            MeasureAsync("replace", () => inner.ReplaceAsync(entity, ifMatch, cancellationToken));

        public Task<ETag> MergeAsync(TableEntity entity, ETag? ifMatch, CancellationToken cancellationToken) =>
            MeasureAsync("merge", () => inner.MergeAsync(entity, ifMatch, cancellationToken));

        public Task<bool> DeleteAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken) =>
            MeasureAsync("delete", () => inner.DeleteAsync(partitionKey, rowKey, ifMatch, cancellationToken));

        public Task<Page<TableEntity>> QueryAsync(
            string partitionKey, EntityFilter? filter, int? top, string? continuationToken, CancellationToken cancellationToken) =>
            MeasureAsync("query", () => inner.QueryAsync(partitionKey, filter, top, continuationToken, cancellationToken));

        public Task<Page<TableEntity>> ScanAsync(string? continuationToken, CancellationToken cancellationToken) =>
            MeasureAsync("scan", () => inner.ScanAsync(continuationToken, cancellationToken));

        public Task<IReadOnlyList<ETag?>> ExecuteBatchAsync(IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken) =>
            MeasureAsync("batch", () => inner.ExecuteBatchAsync(operations, cancellationToken));

        private async Task<T> MeasureAsync<T>(string operation, Func<Task<T>> work)
        {
            // No span in an unsampled turn (its parent records nothing) nor outside any trace (health probes, the
            // gauges); the name and tags are built only when the span is recorded.
            using var span = MentorBotTelemetry.StartChild(StorageSpanName, ActivityKind.Client, onlyInsideATrace: true);
            if (span is { IsAllDataRequested: true })
            {
                span.DisplayName = $"storage {operation} {inner.Name}";
                span.SetTag(MentorBotTelemetry.OperationTag, operation);
                span.SetTag("db.system.name", backend);
                span.SetTag("db.collection.name", inner.Name);
            }

            var started = Stopwatch.GetTimestamp();
            var outcome = "ok";
            try
            {
                return await work();
            }
            catch (ConcurrencyConflictException)
            {
                outcome = "conflict";
                throw;
            }
            catch (StorageUnavailableException)
            {
                outcome = "unavailable";
                span?.SetStatus(ActivityStatusCode.Error);
                throw;
            }
            catch (Exception)
            {
                outcome = "error";
                span?.SetStatus(ActivityStatusCode.Error);
                throw;
            }
            finally
            {
                if (span is { IsAllDataRequested: true })
                {
                    span.SetTag(MentorBotTelemetry.OutcomeTag, outcome);
                }

                MentorBotTelemetry.StorageDuration.Record(
                    Stopwatch.GetElapsedTime(started).TotalSeconds,
                    new KeyValuePair<string, object?>(MentorBotTelemetry.OperationTag, operation),
                    new KeyValuePair<string, object?>(MentorBotTelemetry.OutcomeTag, outcome));
            }
        }
    }
}
