using System.Text;
using System.Text.Json;
using Response = Azure.Response;
using Azure.Core;
using MentorBot.Core.Persistence;

namespace MentorBot.Bot.Storage.AzureTable;

internal sealed class AzureEntityTable(AzureTableEngine engine, string name) : EntityTable(name)
{
    private static readonly RequestMethod Merge = new("MERGE");

    public override async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        using var message = engine.CreateMessage(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }, StorageJsonContext.Default.DictionaryStringString));
        var response = await engine.SendAsync(message, "creating a table", cancellationToken);
        if (response.Status is 201 or 204 || (response.Status == 409 && AzureTableEngine.ErrorCode(response) == "TableAlreadyExists"))
        {
            return;
        }

        throw Failure(response, "creating a table", null, null);
    }

    protected override async Task<TableEntity?> ReadAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        using var message = engine.CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey));
        var response = await engine.SendAsync(message, "reading an entity", cancellationToken);
        if (response.Status == 404 && AzureTableEngine.ErrorCode(response) != "TableNotFound")
        {
            return null;
        }

        if (response.Status != 200)
        {
            throw Failure(response, "reading an entity", null, null);
        }

        using var document = JsonDocument.Parse(response.Content);
        return EntityWireJson.Read(document.RootElement, ETagOf(response));
    }

    protected override async Task<bool> DeleteOneAsync(BatchOperation delete, CancellationToken cancellationToken)
    {
        var ifMatch = delete.IfMatch!.Value;
        using var message = engine.CreateMessage(RequestMethod.Delete, EntityPath(delete.Entity.PartitionKey, delete.Entity.RowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch.Value);
        var response = await engine.SendAsync(message, "deleting an entity", cancellationToken);
        if (response.Status == 204)
        {
            return true;
        }

        if (response.Status == 404 && ifMatch.IsAny && AzureTableEngine.ErrorCode(response) != "TableNotFound")
        {
            return false;
        }

        throw Failure(response, "deleting an entity", delete, null);
    }

    protected override async Task<Page<TableEntity>> QueryPartitionAsync(
        string partitionKey, EntityFilter? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = new StringBuilder("$filter=").Append(Uri.EscapeDataString(ODataFilter.Render(partitionKey, filter)));
        query.Append("&$top=").Append(pageSize);
        return await ReadPageAsync(query, "a1", continuationToken, "querying a partition", cancellationToken);
    }

    public override Task<Page<TableEntity>> ScanAsync(string? continuationToken, CancellationToken cancellationToken) =>
        ReadPageAsync(new StringBuilder("$top=").Append(EntityRules.MaxPageSize), "a2", continuationToken, "scanning a table", cancellationToken);

    // One page of a query or a whole-table scan: Azure Tables continues both with the same NextPartitionKey/NextRowKey
    // headers; the token kind keeps a query's token from being handed to a scan and the other way round.
    private async Task<Page<TableEntity>> ReadPageAsync(
        StringBuilder query, string tokenKind, string? continuationToken, string doing, CancellationToken cancellationToken)
    {
        if (continuationToken is not null)
        {
            var parts = ContinuationToken.Decode(tokenKind, continuationToken, 2);
            query.Append("&NextPartitionKey=").Append(Uri.EscapeDataString(parts[0] ?? string.Empty));
            if (parts[1] is { } nextRowKey)
            {
                query.Append("&NextRowKey=").Append(Uri.EscapeDataString(nextRowKey));
            }
        }

        using var message = engine.CreateMessage(RequestMethod.Get, Name + "()", query.ToString());
        var response = await engine.SendAsync(message, doing, cancellationToken);
        if (response.Status != 200)
        {
            throw Failure(response, doing, null, null);
        }

        var items = new List<TableEntity>();
        using (var document = JsonDocument.Parse(response.Content))
        {
            foreach (var element in document.RootElement.GetProperty("value").EnumerateArray())
            {
                items.Add(EntityWireJson.Read(element, null));
            }
        }

        string? token = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition))
        {
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow);
            token = ContinuationToken.Encode(tokenKind, nextPartition, nextRow);
        }

        return new Page<TableEntity>(items, token);
    }

    protected override async Task<IReadOnlyList<ETag?>> WriteBatchAsync(IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken)
    {
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        var body = TableBatch.Write(operations, batchBoundary, changesetBoundary, op => engine.AbsoluteUrl(Path(op)));

        using var message = engine.CreateMessage(RequestMethod.Post, "$batch");
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(body);
        var response = await engine.SendAsync(message, "running a batch", cancellationToken);
        if (response.Status != 202)
        {
            throw Failure(response, "running a batch", null, null);
        }

        response.Headers.TryGetValue("Content-Type", out var contentType);
        var parts = TableBatch.ReadResponse(contentType ?? string.Empty, response.Content.ToString());
        var failed = parts.FindIndex(p => p.Status >= 300);
        if (failed >= 0 || parts.Count != operations.Count)
        {
            var part = failed >= 0 ? parts[failed] : parts[^1];
            var index = TableBatch.FailedIndex(part.Body) ?? (operations.Count == 1 ? 0 : failed);
            var op = index >= 0 && index < operations.Count ? operations[index] : null;
            throw Failure(part.Status, part.ErrorCode, AzureTableEngine.ErrorMessage(part.Body), "running a batch", op, index);
        }

        var etags = new ETag?[operations.Count];
        for (var i = 0; i < operations.Count; i++)
        {
            etags[i] = operations[i].Kind == BatchOperationKind.Delete || parts[i].ETag is null ? null : new ETag(parts[i].ETag!);
        }

        return etags;
    }

    internal static string EntityPath(string tableName, string partitionKey, string rowKey) =>
        $"{tableName}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private string EntityPath(string partitionKey, string rowKey) => EntityPath(Name, partitionKey, rowKey);

    private string Path(BatchOperation op) =>
        op.Kind is BatchOperationKind.Insert ? Name : EntityPath(op.Entity.PartitionKey, op.Entity.RowKey);

    // Quotes are doubled (OData string literal), then the whole value is percent-encoded.
    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    protected override async Task<ETag> WriteAsync(BatchOperation op, CancellationToken cancellationToken)
    {
        var (method, path) = op.Kind switch
        {
            BatchOperationKind.Insert => (RequestMethod.Post, Name),
            BatchOperationKind.Upsert or BatchOperationKind.Replace => (RequestMethod.Put, EntityPath(op.Entity.PartitionKey, op.Entity.RowKey)),
            _ => (Merge, EntityPath(op.Entity.PartitionKey, op.Entity.RowKey)),
        };
        using var message = engine.CreateMessage(method, path);
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        if (op.IfMatch is { } ifMatch)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch.Value);
        }

        message.Request.Content = RequestContent.Create(EntityWireJson.Write(op.Entity));
        var response = await engine.SendAsync(message, "writing an entity", cancellationToken);
        if (response.Status is 201 or 204 && ETagOf(response) is { } etag)
        {
            return etag;
        }

        throw Failure(response, "writing an entity", op, null);
    }

    private static ETag? ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var value) ? new ETag(value) : null;

    private Exception Failure(Response response, string what, BatchOperation? op, int? index) =>
        Failure(response.Status, AzureTableEngine.ErrorCode(response), AzureTableEngine.ErrorMessage(response.Content), what, op, index);

    private Exception Failure(int status, string? code, string message, string what, BatchOperation? op, int? index)
    {
        var prefix = index is { } i ? $"Batch operation {i}: " : string.Empty;
        var keys = op is null ? string.Empty : $"({op.Entity.PartitionKey}, {op.Entity.RowKey}) ";
        return (status, code) switch
        {
            (404, "TableNotFound") => new InvalidOperationException(
                $"Table {Name} does not exist while {what}; tables are created at start-up (CreateIfNotExistsAsync)."),
            (409, "EntityAlreadyExists") => new ConcurrencyConflictException(
                ConcurrencyConflictKind.EntityExists, $"{prefix}Entity {keys}already exists.", index),
            (412, _) => new ConcurrencyConflictException(
                ConcurrencyConflictKind.PreconditionFailed, $"{prefix}Entity {keys}changed since ETag {op?.IfMatch} was read.", index),
            (404, _) when op is not null => new ConcurrencyConflictException(
                ConcurrencyConflictKind.EntityMissing, $"{prefix}Entity {keys}does not exist.", index),
            (408 or 429 or >= 500, _) => new StorageUnavailableException($"Table storage answered {status} {code} while {what}."),
            _ => new StorageRequestFailedException(status, code, $"{prefix}Table storage refused {what}: {status} {code} {FirstLine(message)}"),
        };
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}
