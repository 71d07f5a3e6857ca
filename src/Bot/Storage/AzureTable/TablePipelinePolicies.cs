using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MentorBot.Bot.Storage.AzureTable;

/// <summary>Stamps <c>x-ms-date</c> on every attempt: a retried request must not carry a stale date (15-minute window).</summary>
internal sealed class TableDatePolicy(TimeProvider timeProvider) : HttpPipelineSynchronousPolicy
{
    public const string DateHeader = "x-ms-date";

    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue(DateHeader, timeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
}

/// <summary>
/// Table-flavoured Shared Key: VERB, Content-MD5, Content-Type, Date, CanonicalizedResource, no canonicalized headers.
/// The resource is <c>/account</c> + the escaped path exactly as sent, which is why Azurite's path-style URLs sign
/// the account twice (<c>/devstoreaccount1/devstoreaccount1/Tables</c>).
/// </summary>
internal sealed class TableSharedKeyPolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.TryGetValue(TableDatePolicy.DateHeader, out var date);
        request.Headers.TryGetValue("Content-Type", out var contentType);
        request.Headers.TryGetValue("Content-MD5", out var contentMd5);
        var uri = request.Uri.ToUri();
        var resource = new StringBuilder("/").Append(accountName).Append(uri.AbsolutePath);
        if (CompParameter(uri.Query) is { } comp)
        {
            resource.Append("?comp=").Append(comp);
        }

        var stringToSign = string.Join('\n', request.Method.Method, contentMd5 ?? string.Empty, contentType ?? string.Empty, date ?? string.Empty, resource.ToString());
        var signature = Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }

    private static string? CompParameter(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                return Uri.UnescapeDataString(pair[5..]);
            }
        }

        return null;
    }
}

/// <summary>Azure.Core client options for the table pipeline (retries, network timeout, transport for tests).</summary>
internal sealed class TableClientOptions : ClientOptions
{
}
