using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core;

namespace MentorBot.Bot.Programs;

/// <summary>
/// The dashboard as one server-rendered HTML page: every number and table is in the HTML (so it works without
/// script, and needs no second authenticated request), and the same data rides along as JSON for the charts that
/// dashboard.js draws when Chart.js is installed.
/// </summary>
internal static class DashboardPage
{
    /// <param name="texts">The page's words in the request's language (<see cref="DashboardTexts.For(HttpRequest)"/>); English when not given.</param>
    public static string Render(
        DashboardView view, UserId? localViewer, bool chartsAvailable, IReadOnlyList<ConcernRow>? concerns = null, string? anonymousProductionNotice = null,
        DashboardTexts? texts = null)
    {
        var t = texts ?? DashboardTexts.English;
        var hidden = t.Format("Page.Hidden", view.MinimumPeople);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{E(t.Culture.Name)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(t.Format("Page.Title", view.ProgramName))}</title>
            <link rel="stylesheet" href="/programs/assets/dashboard.css">
            </head>
            <body>
            """);
        html.Append(AnonymousProductionBanner(anonymousProductionNotice));
        if (localViewer is { } viewer)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <div class="dev-banner" role="alert" id="dev-banner">{t.Format("Page.DevBanner", "<code>?as=</code>", $"<code>{E(viewer.AadObjectId)}</code>")}</div>
                """);
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            <header><p class="note"><a data-editor id="program-settings" href="{ProgramEditorPage.Link($"/programs/{Uri.EscapeDataString(view.ProgramId)}/edit", localViewer)}">Program settings</a> · <a data-editor href="{ProgramEditorPage.Link("/programs/manage", localViewer)}">All programs</a></p><h1>{E(view.ProgramName)}</h1>
            <p class="note">{E(t.Format("Page.Privacy", view.MinimumPeople))}
            {E(t.Format("Page.AsOf", view.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))}</p></header>
            """);
        if (!chartsAvailable)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\" id=\"charts-missing\">{E(t["Page.ChartsMissing"])}</p>");
        }

        html.Append("<section class=\"headline\">");
        string M(MetricView metric) => metric.Suppressed ? hidden : metric.Display;
        Headline(html, "active-pairings", t["Headline.ActivePairings"], view.ActivePairings, hidden);
        Headline(html, "unmatched-people", t["Headline.Unmatched"], view.UnmatchedPeople, hidden);
        Headline(html, "time-to-first-meeting", t["Headline.TimeToFirstMeeting"],
            view.MedianDaysToFirstMeeting is { Suppressed: false, Value: { } days } median ? median with { Display = t.Format("Page.Days", days) } : view.MedianDaysToFirstMeeting,
            hidden, t["Headline.NoMeetingYet"]);
        if (view.Invitations is { } invitations)
        {
            Headline(html, "invited", t["Headline.Invited"], invitations.Invited, hidden);
            Headline(html, "invitations-joined", t["Headline.InvitationsJoined"], invitations.Joined, hidden);
            Headline(html, "invitations-declined", t["Headline.InvitationsDeclined"], invitations.Declined, hidden);
        }

        html.Append("</section>");

        Section(html, t, hidden, "requests", t["Section.Requests"], chart: true,
            [t["Column.State"], t["Column.Requests"]], view.RequestsByState.Select(r => new[] { t.State(r.State), M(r.Count) }));
        Section(html, t, hidden, "checkins", t["Section.CheckIns"], chart: true,
            [t["Column.Week"], t["Column.Held"], t["Column.Planned"]], view.CheckInsByWeek.Select(w => w.Suppressed
                ? new[] { w.Week, hidden, hidden }
                : [w.Week, N(w.Held!.Value), N(w.Planned!.Value)]));
        Section(html, t, hidden, "satisfaction", t["Section.Satisfaction"], chart: true,
            [t["Column.Month"], t["Column.MeanRating"]],
            view.SatisfactionTrend.Select(m => new[] { m.Month, m.MeanRating is { Suppressed: false, Value: { } mean } ? mean.ToString("0.00", t.Culture) : M(m.MeanRating) }));
        Section(html, t, hidden, "top-skills", t["Section.TopSkills"], chart: true,
            [t["Column.Skill"], t["Column.Requests"]], view.TopRequestedSkills.Select(s => new[] { s.Name, M(s.Count) }));
        Section(html, t, hidden, "no-mentor", t["Section.NoMentor"], chart: false,
            [t["Column.Skill"], t["Column.PeopleWhoWantIt"]], view.SkillsWithoutMentor.Select(s => new[] { s.Name, M(s.Count) }));
        Section(html, t, hidden, "rounds", t.Format("Section.Rounds", RoundSummary.Shown), chart: false,
            [t["Column.Prepared"], t["Column.State"], t["Column.Pairs"], t["Column.Unmatched"], t["Column.AllHelpersTaken"], t["Column.NobodyEligible"], t["Column.Other"], t["Column.MentorsUnused"]],
            view.Rounds.Select(r => new[]
            {
                r.PreparedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), t.State(r.State),
                M(r.Pairs), M(r.Unmatched), M(r.AllHelpersTaken), M(r.NobodyEligible), M(r.Other), M(r.UnusedMentors),
            }));
        Section(html, t, hidden, "pairings", t["Section.Pairings"], chart: false,
            [t["Column.Senior"], t["Column.Junior"], t["Column.Skill"], t["Column.Started"], t["Column.State"], t["Column.CheckIns"]],
            view.Pairings.Select(p => new[]
            {
                p.Senior, p.Junior, p.SkillName, p.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.State(p.State),
                $"{N(p.CheckInsHeld)} / {N(p.CheckInsPlanned)}",
            }));

        var query = localViewer is { } v ? "?as=" + Uri.EscapeDataString(v.AadObjectId) : "";
        var id = Uri.EscapeDataString(view.ProgramId);
        Concerns(html, t, concerns ?? [], $"/programs/{id}/concerns/", query);
        // The downloads speak the page's language too (their headers), whatever the browser sends for a file.
        var download = (query.Length == 0 ? "?" : query + "&") + DashboardTexts.LanguageParameter + "=" + Uri.EscapeDataString(t.Culture.Name);
        html.Append(CultureInfo.InvariantCulture, $"""
            <section><h2>{E(t["Section.Downloads"])}</h2><p>
            <a href="/programs/{id}/export/pairings.csv{E(download)}">{E(t["Download.Pairings"])}</a> ·
            <a href="/programs/{id}/export/checkins.csv{E(download)}">{E(t["Download.CheckIns"])}</a> ·
            <a href="/programs/{id}/export/feedback.csv{E(download)}">{E(t["Download.Feedback"])}</a> ·
            <a href="/programs/{id}/sessions{query}">{E(t["Download.Sessions"])}</a></p></section>
            """);
        html.Append(OutcomeLinks.Render(id, query, view.Rounds));

        // JsonSerializer's default encoder escapes <, > and &, so names cannot close the script element.
        html.Append("<script type=\"application/json\" id=\"dashboard-data\">")
            .Append(JsonSerializer.Serialize(view, DashboardJsonContext.Default.DashboardView))
            .Append("</script>");
        // The chart labels dashboard.js draws, in the page's language (the data above stays data).
        html.Append("<script type=\"application/json\" id=\"dashboard-texts\">")
            .Append(JsonSerializer.Serialize(
                new Dictionary<string, string>
                {
                    ["requests"] = t["Column.Requests"], ["held"] = t["Column.Held"], ["planned"] = t["Column.Planned"],
                    ["meanRating"] = t["Column.MeanRating"], ["hidden"] = t["Chart.Hidden"], ["failed"] = t["Chart.Failed"],
                }.Concat(view.RequestsByState.Select(r => KeyValuePair.Create("state." + r.State, t.State(r.State)))).ToDictionary(StringComparer.Ordinal),
                DashboardJsonContext.Default.DictionaryStringString))
            .Append("</script>");
        if (chartsAvailable)
        {
            html.Append("<script src=\"/programs/assets/chart.js\"></script>");
        }

        html.Append("<script src=\"/programs/assets/editor.js\"></script><script src=\"/programs/assets/dashboard.js\"></script></body></html>");
        return html.ToString();
    }

    /// <summary>
    /// The private concerns inbox: who raised what, about which pairing, and buttons for the owners' actions (each
    /// saved with an audit entry by the actions endpoint; dashboard.js posts them and reloads).
    /// </summary>
    private static void Concerns(StringBuilder html, DashboardTexts t, IReadOnlyList<ConcernRow> concerns, string actionsBase, string query)
    {
        html.Append(CultureInfo.InvariantCulture, $"""
            <section id="section-concerns" data-actions="{E(actionsBase)}" data-query="{E(query)}"><h2>{E(t["Concerns.Title"])}</h2>
            <p class="note">{E(t["Concerns.Note"])}</p>
            <table id="table-concerns"><thead><tr><th>{E(t["Concerns.Raised"])}</th><th>{E(t["Concerns.By"])}</th><th>{E(t["Concerns.PairedWith"])}</th><th>{E(t["Concerns.Said"])}</th><th>{E(t["Concerns.Concern"])}</th><th>{E(t["Concerns.Pairing"])}</th><th>{E(t["Concerns.Actions"])}</th></tr></thead><tbody>
            """);
        foreach (var concern in concerns)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<tr id="concern-{E(concern.Id)}"><td>{concern.RaisedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}</td><td>{E(concern.RaisedBy)}</td><td>{E(concern.PairedWith)}</td><td>{E(concern.Text)}</td><td>{E(t.State(concern.State))}</td><td>{E(t.State(concern.PairingState))}</td><td>""");
            if (concern.State != nameof(ConcernState.Resolved))
            {
                html.Append(CultureInfo.InvariantCulture, $"""<input class="concern-note" aria-label="{E(t["Concerns.NoteLabel"])}" placeholder="{E(t["Concerns.NotePlaceholder"])}" maxlength="{Concern.MaxNoteLength}">""");
                foreach (var (action, label) in new[] { ("acknowledge", t["Concerns.Acknowledge"]), ("pause", t["Concerns.Pause"]), ("re-pair", t["Concerns.RePair"]), ("close", t["Concerns.Close"]) })
                {
                    html.Append(CultureInfo.InvariantCulture, $"""<button type="button" class="concern-action" data-concern="{E(concern.Id)}" data-action="{action}">{E(label)}</button>""");
                }
            }

            html.Append(CultureInfo.InvariantCulture, $"""<span class="note">{E(t.Format("Concerns.Audited", concern.Actions))}</span></td></tr>""");
        }

        if (concerns.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"7\" class=\"empty\">{E(t["Concerns.None"])}</td></tr>");
        }

        html.Append("</tbody></table></section>");
    }

    private static void Headline(StringBuilder html, string id, string label, MetricView? metric, string hidden, string? none = null)
    {
        var text = metric is null ? none ?? "" : metric.Suppressed ? hidden : metric.Display;
        var css = metric?.Suppressed == true ? " suppressed" : "";
        html.Append(CultureInfo.InvariantCulture, $"""<div class="tile"><div class="label">{E(label)}</div><div class="value{css}" id="{id}">{E(text)}</div></div>""");
    }

    private static void Section(StringBuilder html, DashboardTexts t, string hidden, string id, string title, bool chart, string[] headers, IEnumerable<string[]> rows)
    {
        html.Append(CultureInfo.InvariantCulture, $"""<section id="section-{id}"><h2>{E(title)}</h2>""");
        if (chart)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<div class="chart"><canvas id="chart-{id}" aria-label="{E(title)}"></canvas></div>""");
        }

        html.Append(CultureInfo.InvariantCulture, $"""<table id="table-{id}"><thead><tr>""");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            html.Append("<tr>");
            foreach (var cell in row)
            {
                var css = cell == hidden ? " class=\"suppressed\"" : "";
                html.Append(CultureInfo.InvariantCulture, $"<td{css}>").Append(E(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        if (!any)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<tr><td colspan="{headers.Length}" class="empty">{E(t["Page.Nothing"])}</td></tr>""");
        }

        html.Append("</tbody></table></section>");
    }

    // Letters of every script stay readable in the source (names, the em dash); markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Encoder.Encode(text);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The banner every dashboard page shows while <c>Bot:AllowAnonymousInProduction</c> is on (decision 0250).</summary>
    public static string AnonymousProductionBanner(string? notice) => notice is null
        ? ""
        : $"<div class=\"dev-banner\" role=\"alert\" id=\"anonymous-production-banner\">{E(notice)}</div>";
}
