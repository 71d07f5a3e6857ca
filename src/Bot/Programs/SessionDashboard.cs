using System.Globalization;
using System.Net;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Sessions;

namespace MentorBot.Bot.Programs;

/// <summary>
/// The program's group sessions for its owners (decision 0470): <c>/programs/{id}/sessions</c>, behind the same
/// owner filter as the dashboard, with the same small-number suppression (<see cref="SessionReport"/>).
/// </summary>
internal static class SessionDashboard
{
    private const string PageSecurityPolicy = "default-src 'none'; style-src 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft";

    public static void Map(RouteGroupBuilder programs) => programs.MapGet("/{id}/sessions", PageAsync);

    private static async Task<IResult> PageAsync(HttpContext http, IGroupSessionStore store, TimeProvider time)
    {
        var program = ProgramRequest.Of(http).RequiredProgram;
        var snapshots = new List<SessionSnapshot>();
        foreach (var session in await store.ListAsync(program.Tenant, false, DateTimeOffset.MinValue, http.RequestAborted))
        {
            if (session.Program == program.Id && await store.GetAsync(session.Id, http.RequestAborted) is { } snapshot)
            {
                snapshots.Add(snapshot);
            }
        }

        var report = SessionReport.For(snapshots, time.GetUtcNow());
        http.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
        return Results.Content(Render(program.Name, program.Id.Value, report, http.Request.QueryString.Value ?? string.Empty), "text/html; charset=utf-8");
    }

    internal static string Render(string programName, string programId, SessionReport report, string query)
    {
        var name = WebUtility.HtmlEncode(programName);
        static string Shown<T>(Metric<T> metric, Func<T, string> format) =>
            metric.IsSuppressed ? "hidden (fewer than 5 people)" : metric.Format(format);
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{name}}: group sessions</title>
            <link rel="stylesheet" href="/programs/assets/dashboard.css"></head>
            <body><main><h1>{{name}}: group sessions</h1>
            <table>
            <tr><th scope="row">Sessions offered</th><td>{{report.SessionsOffered.ToString(CultureInfo.InvariantCulture)}}</td></tr>
            <tr><th scope="row">Dates held</th><td>{{report.DatesHeld.ToString(CultureInfo.InvariantCulture)}}</td></tr>
            <tr><th scope="row">Dates cancelled</th><td>{{report.DatesCancelled.ToString(CultureInfo.InvariantCulture)}}</td></tr>
            <tr><th scope="row">Seats taken (attendance)</th><td>{{Shown(report.SeatsTaken, v => v.ToString(CultureInfo.InvariantCulture))}}</td></tr>
            <tr><th scope="row">Satisfaction (1–5, mean)</th><td>{{Shown(report.MeanRating, v => v.ToString("0.0", CultureInfo.InvariantCulture))}}</td></tr>
            <tr><th scope="row">Hosts thanked</th><td>{{Shown(report.HostsThanked, v => v.ToString(CultureInfo.InvariantCulture))}}</td></tr>
            </table>
            <p><a href="/programs/{{Uri.EscapeDataString(programId)}}{{WebUtility.HtmlEncode(query)}}">Back to the program</a></p>
            </main></body></html>
            """;
    }
}
