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
    public static string Render(
        DashboardView view, UserId? localViewer, bool chartsAvailable, IReadOnlyList<ConcernRow>? concerns = null, string? anonymousProductionNotice = null)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(view.ProgramName)} — MentorBot program dashboard</title>
            <link rel="stylesheet" href="/programs/assets/dashboard.css">
            </head>
            <body>
            """);
        html.Append(AnonymousProductionBanner(anonymousProductionNotice));
        if (localViewer is { } viewer)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <div class="dev-banner" role="alert" id="dev-banner">LOCAL DEVELOPMENT MODE — no sign-in. The bot has no app id, so this page trusts
                <code>?as=</code>: you are viewing as <code>{E(viewer.AadObjectId)}</code>. Never expose this host.</div>
                """);
        }

        html.Append(CultureInfo.InvariantCulture, $"""
            <header><h1>{E(view.ProgramName)}</h1>
            <p class="note">Numbers about fewer than {view.MinimumPeople} people are hidden so nobody can be singled out.
            As of {view.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.</p></header>
            """);
        if (!chartsAvailable)
        {
            html.Append("<p class=\"note\" id=\"charts-missing\">Charts are not available (Chart.js is not installed on this host); the tables show every number.</p>");
        }

        html.Append("<section class=\"headline\">");
        Headline(html, "active-pairings", "Active pairings", view.ActivePairings);
        Headline(html, "unmatched-people", "People without a pair", view.UnmatchedPeople);
        Headline(html, "time-to-first-meeting", "Median time to first meeting", view.MedianDaysToFirstMeeting, "No pair has met yet");
        if (view.Invitations is { } invitations)
        {
            Headline(html, "invited", "Invited", invitations.Invited);
            Headline(html, "invitations-joined", "Joined after an invitation", invitations.Joined);
            Headline(html, "invitations-declined", "Declined an invitation", invitations.Declined);
        }

        html.Append("</section>");

        Section(html, "requests", "Requests by state", chart: true,
            ["State", "Requests"], view.RequestsByState.Select(r => new[] { r.State, r.Count.Display }));
        Section(html, "checkins", "Check-ins held vs planned per week", chart: true,
            ["Week", "Held", "Planned"], view.CheckInsByWeek.Select(w => w.Suppressed
                ? new[] { w.Week, MetricView.HiddenText, MetricView.HiddenText }
                : [w.Week, N(w.Held!.Value), N(w.Planned!.Value)]));
        Section(html, "satisfaction", "Satisfaction trend (mean rating, 1–5)", chart: true,
            ["Month", "Mean rating"], view.SatisfactionTrend.Select(m => new[] { m.Month, m.MeanRating.Display }));
        Section(html, "top-skills", "Top requested skills", chart: true,
            ["Skill", "Requests"], view.TopRequestedSkills.Select(s => new[] { s.Name, s.Count.Display }));
        Section(html, "no-mentor", "Skills with no available mentor", chart: false,
            ["Skill", "People who want it"], view.SkillsWithoutMentor.Select(s => new[] { s.Name, s.Count.Display }));
        Section(html, "rounds", $"Cohort rounds (latest {RoundSummary.Shown})", chart: false,
            ["Prepared", "State", "Pairs", "Unmatched", "All helpers taken", "Nobody eligible", "Other", "Mentors left unused"],
            view.Rounds.Select(r => new[]
            {
                r.PreparedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), r.State,
                r.Pairs.Display, r.Unmatched.Display, r.AllHelpersTaken.Display, r.NobodyEligible.Display, r.Other.Display, r.UnusedMentors.Display,
            }));
        Section(html, "pairings", "Pairings", chart: false,
            ["Senior", "Junior", "Skill", "Started", "State", "Check-ins held / planned"],
            view.Pairings.Select(p => new[]
            {
                p.Senior, p.Junior, p.SkillName, p.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.State,
                $"{N(p.CheckInsHeld)} / {N(p.CheckInsPlanned)}",
            }));

        var query = localViewer is { } v ? "?as=" + Uri.EscapeDataString(v.AadObjectId) : "";
        var id = Uri.EscapeDataString(view.ProgramId);
        Concerns(html, concerns ?? [], $"/programs/{id}/concerns/", query);
        html.Append(CultureInfo.InvariantCulture, $"""
            <section><h2>Downloads</h2><p>
            <a href="/programs/{id}/export/pairings.csv{query}">Pairings (CSV)</a> ·
            <a href="/programs/{id}/export/checkins.csv{query}">Check-ins per pairing (CSV)</a> ·
            <a href="/programs/{id}/export/feedback.csv{query}">Feedback per skill (CSV)</a> ·
            <a href="/programs/{id}/sessions{query}">Group sessions</a></p></section>
            """);

        // JsonSerializer's default encoder escapes <, > and &, so names cannot close the script element.
        html.Append("<script type=\"application/json\" id=\"dashboard-data\">")
            .Append(JsonSerializer.Serialize(view, DashboardJsonContext.Default.DashboardView))
            .Append("</script>");
        if (chartsAvailable)
        {
            html.Append("<script src=\"/programs/assets/chart.js\"></script>");
        }

        html.Append("<script src=\"/programs/assets/dashboard.js\"></script></body></html>");
        return html.ToString();
    }

    /// <summary>
    /// The private concerns inbox: who raised what, about which pairing, and buttons for the owners' actions (each
    /// saved with an audit entry by the actions endpoint; dashboard.js posts them and reloads).
    /// </summary>
    private static void Concerns(StringBuilder html, IReadOnlyList<ConcernRow> concerns, string actionsBase, string query)
    {
        html.Append(CultureInfo.InvariantCulture, $"""
            <section id="section-concerns" data-actions="{E(actionsBase)}" data-query="{E(query)}"><h2>Concerns (private: owners only)</h2>
            <p class="note">Raised with "this isn't working" on a feedback card. The pairing was paused quietly; the other person was told only that it is paused.</p>
            <table id="table-concerns"><thead><tr><th>Raised</th><th>By</th><th>Paired with</th><th>What they said</th><th>Concern</th><th>Pairing</th><th>Actions</th></tr></thead><tbody>
            """);
        foreach (var concern in concerns)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<tr id="concern-{E(concern.Id)}"><td>{concern.RaisedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}</td><td>{E(concern.RaisedBy)}</td><td>{E(concern.PairedWith)}</td><td>{E(concern.Text)}</td><td>{E(concern.State)}</td><td>{E(concern.PairingState)}</td><td>""");
            if (concern.State != nameof(ConcernState.Resolved))
            {
                html.Append(CultureInfo.InvariantCulture, $"""<input class="concern-note" aria-label="Note for the audit trail" placeholder="Note (needed to close)" maxlength="{Concern.MaxNoteLength}">""");
                foreach (var (action, label) in new[] { ("acknowledge", "Acknowledge"), ("pause", "Pause pairing"), ("re-pair", "End and re-pair"), ("close", "Close") })
                {
                    html.Append(CultureInfo.InvariantCulture, $"""<button type="button" class="concern-action" data-concern="{E(concern.Id)}" data-action="{action}">{label}</button>""");
                }
            }

            html.Append(CultureInfo.InvariantCulture, $"""<span class="note">{concern.Actions} action(s) audited</span></td></tr>""");
        }

        if (concerns.Count == 0)
        {
            html.Append("<tr><td colspan=\"7\" class=\"empty\">No concerns raised.</td></tr>");
        }

        html.Append("</tbody></table></section>");
    }

    private static void Headline(StringBuilder html, string id, string label, MetricView? metric, string? none = null)
    {
        var text = metric?.Display ?? none ?? "";
        var css = metric?.Suppressed == true ? " suppressed" : "";
        html.Append(CultureInfo.InvariantCulture, $"""<div class="tile"><div class="label">{E(label)}</div><div class="value{css}" id="{id}">{E(text)}</div></div>""");
    }

    private static void Section(StringBuilder html, string id, string title, bool chart, string[] headers, IEnumerable<string[]> rows)
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
                var css = cell == MetricView.HiddenText ? " class=\"suppressed\"" : "";
                html.Append(CultureInfo.InvariantCulture, $"<td{css}>").Append(E(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        if (!any)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<tr><td colspan="{headers.Length}" class="empty">Nothing yet.</td></tr>""");
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
