using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MentorBot.Bot.Storage.AzureTable;

/// <summary>
/// The <c>$batch</c> wire format: one multipart/mixed body with a single change set of embedded HTTP requests (CRLF
/// line endings, absolute URLs), and the multipart response with one embedded HTTP response per operation, or a
/// single error response whose message starts with the failing operation's index (<c>"1:The specified entity…"</c>).
/// </summary>
internal static partial class TableBatch
{
    private const string Crlf = "\r\n";

    public static byte[] Write(IReadOnlyList<BatchOperation> operations, string batchBoundary, string changesetBoundary, Func<BatchOperation, string> url)
    {
        var body = new StringBuilder();
        body.Append("--").Append(batchBoundary).Append(Crlf)
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append(Crlf)
            .Append(Crlf);
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            var method = op.Kind switch
            {
                BatchOperationKind.Insert => "POST",
                BatchOperationKind.Upsert or BatchOperationKind.Replace => "PUT",
                BatchOperationKind.Delete => "DELETE",
                _ => "MERGE",
            };
            body.Append("--").Append(changesetBoundary).Append(Crlf)
                .Append("Content-Type: application/http").Append(Crlf)
                .Append("Content-Transfer-Encoding: binary").Append(Crlf)
                .Append(Crlf)
                .Append(method).Append(' ').Append(url(op)).Append(" HTTP/1.1").Append(Crlf)
                .Append("Content-ID: ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(Crlf)
                .Append("Accept: application/json;odata=minimalmetadata").Append(Crlf)
                .Append("DataServiceVersion: 3.0").Append(Crlf);
            if (op.IfMatch is { } ifMatch)
            {
                body.Append("If-Match: ").Append(ifMatch.Value).Append(Crlf);
            }

            if (op.Kind == BatchOperationKind.Delete)
            {
                body.Append(Crlf);
                continue;
            }

            body.Append("Content-Type: application/json").Append(Crlf)
                .Append("Prefer: return-no-content").Append(Crlf)
                .Append(Crlf)
                .Append(Encoding.UTF8.GetString(EntityWireJson.Write(op.Entity))).Append(Crlf);
        }

        body.Append("--").Append(changesetBoundary).Append("--").Append(Crlf)
            .Append("--").Append(batchBoundary).Append("--").Append(Crlf);
        return Encoding.UTF8.GetBytes(body.ToString());
    }

    public static List<BatchPart> ReadResponse(string contentType, string body)
    {
        // Embedded responses sit inside the change-set part; fall back to the outer boundary when a batch-level
        // error comes back without a change set.
        var outer = BoundaryPattern().Match(contentType);
        var boundary = BoundaryPattern().Matches(body).Select(m => m.Groups[1].Value).FirstOrDefault(b => b.StartsWith("changesetresponse", StringComparison.Ordinal))
            ?? (outer.Success ? outer.Groups[1].Value : null);
        var parts = new List<BatchPart>();
        if (boundary is null)
        {
            return parts;
        }

        foreach (var chunk in body.Split("--" + boundary))
        {
            var statusMatch = StatusLinePattern().Match(chunk);
            if (!statusMatch.Success)
            {
                continue;
            }

            var afterStatus = chunk[(statusMatch.Index + statusMatch.Length)..];
            var split = HeaderEndPattern().Match(afterStatus);
            var headerText = split.Success ? afterStatus[..split.Index] : afterStatus;
            var content = split.Success ? afterStatus[(split.Index + split.Length)..].Trim() : string.Empty;
            string? etag = null, errorCode = null;
            foreach (var line in headerText.Split('\n'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    continue;
                }

                var header = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (header.Equals("ETag", StringComparison.OrdinalIgnoreCase))
                {
                    etag = value;
                }
                else if (header.Equals("x-ms-error-code", StringComparison.OrdinalIgnoreCase))
                {
                    errorCode = value;
                }
            }

            BinaryData? data = content.Length > 0 && content.StartsWith('{') ? BinaryData.FromString(content) : null;
            errorCode ??= data is null ? null : ErrorCodeOf(data);
            parts.Add(new BatchPart(int.Parse(statusMatch.Groups[1].Value, CultureInfo.InvariantCulture), etag, errorCode, data));
        }

        return parts;
    }

    public static int? FailedIndex(BinaryData? errorBody)
    {
        var message = AzureTableEngine.ErrorMessage(errorBody);
        var match = IndexPattern().Match(message);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static string? ErrorCodeOf(BinaryData data)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(data);
            return document.RootElement.GetProperty("odata.error").GetProperty("code").GetString();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"boundary=""?([A-Za-z0-9_\-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})[^\n]*\n", RegexOptions.CultureInvariant)]
    private static partial Regex StatusLinePattern();

    [GeneratedRegex(@"\r?\n\r?\n", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderEndPattern();

    [GeneratedRegex(@"^(\d+):", RegexOptions.CultureInvariant)]
    private static partial Regex IndexPattern();
}

internal sealed record BatchPart(int Status, string? ETag, string? ErrorCode, BinaryData? Body);
