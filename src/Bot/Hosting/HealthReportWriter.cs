using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MentorBot.Bot.Hosting;

/// <summary>
/// The /healthz body: the overall status on the first line (what probes and scripts read), then one line per check
/// that is not healthy, with its description (never anything sensitive: descriptions are fixed operator sentences).
/// </summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new StringBuilder(report.Status.ToString());
        foreach (var (name, entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy && e.Value.Description is not null))
        {
            body.Append('\n').Append(name).Append(": ").Append(entry.Description);
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(body.ToString(), context.RequestAborted);
    }
}
