using System.Diagnostics;
using OpenTelemetry;

namespace MentorBot.Bot.Telemetry;

/// <summary>
/// Outgoing HTTP calls (Connector, Graph, token endpoints) as .NET's own HttpClient spans, with identifiers taken out
/// of <c>url.full</c> (decision 0340).
/// </summary>
public static class HttpClientSpans
{
    /// <summary>The ActivitySource .NET 9+ HttpClient starts its client spans on.</summary>
    public const string SourceName = "System.Net.Http";

    private const string UrlTag = "url.full";

    /// <summary>
    /// Rewrites <c>url.full</c> of every recorded HttpClient span when it ends, before any exporter sees it. Runs only
    /// for sampled spans, so an unsampled call costs nothing here.
    /// </summary>
    public sealed class Redaction : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.Source.Name == SourceName && data.GetTagItem(UrlTag) is string url)
            {
                // A URL that does not parse is dropped rather than exported as it came.
                data.SetTag(UrlTag, Uri.TryCreate(url, UriKind.Absolute, out var uri) ? UrlRedaction.Redact(uri) : null);
            }
        }
    }
}
