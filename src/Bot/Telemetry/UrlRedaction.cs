using System.Text;

namespace MentorBot.Bot.Telemetry;

/// <summary>
/// Outgoing URLs name conversations, people and table rows (<c>/v3/conversations/a:1x…/activities</c>,
/// <c>/users/{aadObjectId}/events</c>, <c>profiles(PartitionKey='…',RowKey='…')</c>). Spans keep the shape of the call
/// and lose the identifiers; query strings are already redacted by the instrumentation.
/// </summary>
public static class UrlRedaction
{
    private static readonly HashSet<string> IdentifierParents = new(StringComparer.OrdinalIgnoreCase)
    {
        "conversations", "activities", "users", "events", "members", "attachments", "calendar", "onlineMeetings",
    };

    public static string Redact(Uri uri)
    {
        var path = new StringBuilder();
        string? previous = null;
        foreach (var segment in uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path.Append('/');
            if (segment.IndexOf('(', StringComparison.Ordinal) is var open and > 0)
            {
                path.Append(segment, 0, open).Append("(…)");
            }
            else if (previous is not null && IdentifierParents.Contains(previous) && !IdentifierParents.Contains(segment))
            {
                path.Append("{id}");
            }
            else
            {
                path.Append(segment);
            }

            previous = segment;
        }

        return $"{uri.Scheme}://{uri.Authority}{(path.Length == 0 ? "/" : path.ToString())}";
    }
}
