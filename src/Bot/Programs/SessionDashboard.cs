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
        var t = OwnerPageTexts.For(http.Request);
        http.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
        http.Response.Headers.ContentLanguage = t.Lang;
        return Results.Content(Render(program.Name, program.Id.Value, report, http.Request.QueryString.Value ?? string.Empty, t), "text/html; charset=utf-8");
    }

    internal static string Render(string programName, string programId, SessionReport report, string query, OwnerPageTexts? texts = null)
    {
        var t = texts ?? OwnerPageTexts.English;
        var title = WebUtility.HtmlEncode(t.Format("Sessions.Title", programName));
        string Shown<T>(Metric<T> metric, Func<T, string> format) =>
            metric.IsSuppressed ? t["Sessions.Hidden"] : metric.Format(format);
        return $$"""
            <!DOCTYPE html>
            <html lang="{{t.Lang}}"><head><meta charset="utf-8"><title>{{title}}</title>
            <link rel="stylesheet" href="/programs/assets/dashboard.css"></head>
            <body><main><h1>{{title}}</h1>
            <table>
            <tr><th scope="row">{{t["Sessions.Offered"]}}</th><td>{{report.SessionsOffered.ToString(CultureInfo.InvariantCulture)}}</td></tr>
            <tr><th scope="row">{{t["Sessions.Held"]}}</th><td>{{report.DatesHeld.ToString(CultureInfo.InvariantCulture)}}</td></tr>
            <tr><th scope="row">{{t["Sessions.Cancelled"]}}</th><td>{{report.DatesCancelled.ToString(CultureInfo.InvariantCulture)}}</td></tr>
            <tr><th scope="row">{{t["Sessions.Seats"]}}</th><td>{{Shown(report.SeatsTaken, v => v.ToString(CultureInfo.InvariantCulture))}}</td></tr>
            <tr><th scope="row">{{t["Sessions.Rating"]}}</th><td>{{Shown(report.MeanRating, v => v.ToString("0.0", t.Culture))}}</td></tr>
            <tr><th scope="row">{{t["Sessions.Thanked"]}}</th><td>{{Shown(report.HostsThanked, v => v.ToString(CultureInfo.InvariantCulture))}}</td></tr>
            </table>
            <p><a href="/programs/{{Uri.EscapeDataString(programId)}}{{WebUtility.HtmlEncode(query)}}">{{t["Sessions.Back"]}}</a></p>
            </main></body></html>
            """;
    }
}
