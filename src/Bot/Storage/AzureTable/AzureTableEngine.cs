using RequestFailedException = Azure.RequestFailedException;
using Response = Azure.Response;
using Azure.Core;
using Azure.Core.Pipeline;
using MentorBot.Core.Persistence;

namespace MentorBot.Bot.Storage.AzureTable;

/// <summary>
/// Azure Table Storage (and Azurite) over the REST API on Azure.Core's pipeline: retries with backoff on
/// 408/429/500/502/503/504 and network errors, per-attempt date and signature, Bearer tokens for Entra ID.
/// </summary>
internal sealed class AzureTableEngine : ITableEngine
{
    public const string ApiVersion = "2019-02-02";
    public const string StorageScope = "https://storage.azure.com/.default";

    private readonly string _tablePrefix;

    public AzureTableEngine(TableConnection connection, string tablePrefix, TableClientOptions options, TimeProvider timeProvider, TokenCredential? credential = null)
    {
        Connection = connection;
        _tablePrefix = tablePrefix;
        HttpPipelinePolicy[] perRetry = connection.Kind switch
        {
            TableCredentialKind.SharedKey => [new TableDatePolicy(timeProvider), new TableSharedKeyPolicy(connection.AccountName!, connection.AccountKey!)],
            TableCredentialKind.Entra => [
                new TableDatePolicy(timeProvider),
                new BearerTokenAuthenticationPolicy(credential ?? throw new ArgumentNullException(nameof(credential)), StorageScope)],
            _ => [new TableDatePolicy(timeProvider)],
        };
        Pipeline = HttpPipelineBuilder.Build(options, [], perRetry, new ResponseClassifier());
    }

    public string Backend => "azure-table";

    public TableConnection Connection { get; }

    internal HttpPipeline Pipeline { get; }

    public IEntityTable GetTable(string name)
    {
        var fullName = _tablePrefix + name;
        EntityRules.ValidateTableName(fullName);
        return new AzureEntityTable(this, fullName);
    }

    internal HttpMessage CreateMessage(RequestMethod method, string relativePath, string? query = null)
    {
        var message = Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        var uri = Connection.Endpoint.AbsoluteUri.TrimEnd('/') + "/" + relativePath;
        var queryParts = new List<string>(2);
        if (!string.IsNullOrEmpty(query))
        {
            queryParts.Add(query);
        }

        if (Connection.Sas is { } sas)
        {
            queryParts.Add(sas);
        }

        if (queryParts.Count > 0)
        {
            uri += "?" + string.Join('&', queryParts);
        }

        request.Uri.Reset(new Uri(uri));
        request.Headers.SetValue("x-ms-version", ApiVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("Accept", "application/json;odata=minimalmetadata");
        return message;
    }

    /// <summary>Absolute URL of a resource, as written inside a <c>$batch</c> body.</summary>
    internal string AbsoluteUrl(string relativePath) => Connection.Endpoint.AbsoluteUri.TrimEnd('/') + "/" + relativePath;

    internal async Task<Response> SendAsync(HttpMessage message, string what, CancellationToken cancellationToken)
    {
        try
        {
            await Pipeline.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException { Status: 0 } or AggregateException)
        {
            // Azure.Core reports exhausted retries on network errors as an AggregateException of the attempts.
            throw new StorageUnavailableException($"Table storage at {Connection.DisplayEndpoint} is unreachable while {what}: {ex.Message}", null, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StorageUnavailableException($"Table storage at {Connection.DisplayEndpoint} timed out while {what}.", null, ex);
        }

        var response = message.Response;
        if (response.Status is 408 or 429 or >= 500)
        {
            throw new StorageUnavailableException(
                $"Table storage kept answering {response.Status} {ErrorCode(response)} while {what}, after retries.", RetryAfter(response));
        }

        return response;
    }

    internal static string? ErrorCode(Response response)
    {
        if (response.Headers.TryGetValue("x-ms-error-code", out var code))
        {
            return code;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(response.Content);
            return document.RootElement.GetProperty("odata.error").GetProperty("code").GetString();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    internal static string ErrorMessage(BinaryData? content)
    {
        if (content is null)
        {
            return string.Empty;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(content);
            return document.RootElement.GetProperty("odata.error").GetProperty("message").GetProperty("value").GetString() ?? string.Empty;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return string.Empty;
        }
    }

    private static TimeSpan? RetryAfter(Response response) =>
        response.Headers.TryGetValue("Retry-After", out var value) && int.TryParse(value, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
}
