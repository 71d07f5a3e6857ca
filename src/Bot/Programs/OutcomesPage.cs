using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Programs.Reporting.Outcomes;

namespace MentorBot.Bot.Programs;

/// <summary><c>GET /programs/{id}/outcomes.json</c>: every outcome number (null when hidden) and the shared notes shown.</summary>
public sealed record OutcomesView(
    string Program,
    string Name,
    DateTimeOffset GeneratedAt,
    int MinimumPeople,
    IReadOnlyList<OutcomeCellView> Cells,
    IReadOnlyList<OutcomeNotesView> LearnedAndTaught);

public sealed record OutcomeCellView(string Section, string Key, string Label, double? Value, bool Suppressed, string Unit);

public sealed record OutcomeNotesView(string Skill, IReadOnlyList<string>? Notes, bool Suppressed);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OutcomesView))]
internal sealed partial class OutcomesJsonContext : JsonSerializerContext;

/// <summary>
/// The outcomes page, which is also the term-end report an owner downloads: one self-contained HTML file (inline
/// styles, inline SVG charts, no script, nothing fetched), so it opens anywhere and can be mailed to leadership or
/// printed to PDF (decision 0461). Every number comes from <see cref="OutcomeTable"/>: a hidden one has no value to show.
/// </summary>
public static class OutcomesPage
{
    public const string HiddenText = "fewer than 5 people — hidden";

    /// <summary>No script at all, styles and images inline; framed only by Teams (the dashboard tab).</summary>
    public const string SecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The sections in page order; each one's title and blurb are <c>Outcomes.{section}.Title</c> / <c>.Blurb</c>.</summary>
    private static readonly string[] Sections = ["thanks", "checkins-per-pair", "first-meeting", "retention", "satisfaction", "skill-progress", "declines"];

    public static OutcomesView View(string programId, string name, IReadOnlyList<OutcomeCell> cells, IReadOnlyList<OutcomeNotes> notes, DateTimeOffset now) => new(
        programId,
        name,
        now,
        Metric.MinimumPeople,
        [.. cells.Select(c => new OutcomeCellView(c.Section, c.Key, c.Label, c.Value, c.Suppressed, c.Unit))],
        [.. notes.Select(n => new OutcomeNotesView(n.Skill, n.Notes, n.Notes is null))]);

    /// <param name="report">The downloadable report: no links back to the dashboard, a line saying when it was made.</param>
    /// <param name="texts">The viewer's language (<see cref="OwnerPageTexts.For"/>); English when left out.</param>
    public static string Render(OutcomesView view, bool report, string query = "", OwnerPageTexts? texts = null)
    {
        var t = texts ?? OwnerPageTexts.English;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(E(t.Lang)).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(t.Format(report ? "Outcomes.ReportTitle" : "Outcomes.Title", view.Name))).Append("</title><style>")
            .Append("body{font-family:'Segoe UI',system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#242424;padding:0 1rem}")
            .Append("h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;width:100%}")
            .Append("td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}td.v{text-align:right;white-space:nowrap}")
            .Append(".hidden{color:#777;font-style:italic}.blurb{color:#555}svg{max-width:100%}blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid #6264a7}")
            .Append("@media print{a{display:none}}</style></head><body>");
        html.Append("<h1>").Append(E(t.Format(report ? "Outcomes.ReportHeading" : "Outcomes.Heading", view.Name))).Append("</h1>");
        html.Append("<p class=\"blurb\">").Append(E(t.Format("Outcomes.Intro", view.MinimumPeople)));
        if (report)
        {
            html.Append(' ').Append(E(t.Format("Outcomes.Made", view.GeneratedAt.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", t.Culture))));
        }

        html.Append("</p>");
        if (!report)
        {
            html.Append("<p><a href=\"outcomes/report.html").Append(E(query)).Append("\">").Append(E(t["Outcomes.Download"])).Append("</a> · <a href=\"outcomes.json").Append(E(query)).Append("\">JSON</a></p>");
        }

        foreach (var section in Sections)
        {
            var title = t[$"Outcomes.{section}.Title"];
            var blurb = t[$"Outcomes.{section}.Blurb"];
            var cells = view.Cells.Where(c => c.Section == section).ToList();
            html.Append("<section id=\"outcome-").Append(section).Append("\"><h2>").Append(E(title)).Append("</h2><p class=\"blurb\">").Append(E(blurb)).Append("</p>");
            if (cells.Count == 0)
            {
                html.Append("<p class=\"hidden\">").Append(E(t["Outcomes.Nothing"])).Append("</p>");
            }
            else
            {
                html.Append(Chart(cells, t));
                html.Append("<table>");
                foreach (var cell in cells)
                {
                    html.Append("<tr><td>").Append(E(Label(cell, t))).Append("</td><td class=\"v").Append(cell.Suppressed ? " hidden" : "")
                        .Append("\" data-key=\"").Append(E(section + "/" + cell.Key)).Append("\">").Append(E(Display(cell, t))).Append("</td></tr>");
                }

                html.Append("</table>");
            }

            if (!report)
            {
                html.Append("<p><a href=\"outcomes/").Append(section).Append(".csv").Append(E(query)).Append("\">CSV</a></p>");
            }

            html.Append("</section>");
        }

        html.Append("<section id=\"outcome-learned-and-taught\"><h2>").Append(E(t["Outcomes.LearnedTitle"])).Append("</h2>")
            .Append("<p class=\"blurb\">").Append(E(t.Format("Outcomes.LearnedBlurb", view.MinimumPeople))).Append("</p>");
        foreach (var group in view.LearnedAndTaught)
        {
            html.Append("<h3>").Append(E(group.Skill)).Append("</h3>");
            if (group.Notes is null)
            {
                html.Append("<p class=\"hidden\" data-key=\"learned-and-taught/").Append(E(group.Skill)).Append("\">").Append(E(t["Outcomes.Hidden"])).Append("</p>");
                continue;
            }

            foreach (var note in group.Notes)
            {
                html.Append("<blockquote>").Append(E(note)).Append("</blockquote>");
            }
        }

        if (!report)
        {
            html.Append("<p><a href=\"outcomes/learned-and-taught.csv").Append(E(query)).Append("\">CSV</a></p>");
        }

        html.Append("</section></body></html>");
        return html.ToString();
    }

    /// <summary>
    /// A row's label in the page's language: <c>Outcomes.Label.{section}.{what}</c>, with the week count, bucket or
    /// skill name the key names; the Core label (English) when the family has no words for it.
    /// </summary>
    internal static string Label(OutcomeCellView cell, OwnerPageTexts t)
    {
        var key = cell.Key;
        var dot = key.LastIndexOf('.');
        var (words, value) = cell.Section switch
        {
            "retention" when key.StartsWith("week-", StringComparison.Ordinal) && dot > 5 => ("retention." + key[(dot + 1)..], (object?)key[5..dot]),
            "checkins-per-pair" when key.StartsWith("held-", StringComparison.Ordinal) => ("checkins-per-pair.held", key[5..].Replace("-or-more", "+", StringComparison.Ordinal)),
            "satisfaction" or "skill-progress" when dot > 0 && cell.Label.IndexOf(": ", StringComparison.Ordinal) is > 0 and var colon =>
                (cell.Section + "." + key[(dot + 1)..], cell.Label[..colon]),
            _ => (cell.Section + "." + key, null),
        };
        var text = t.Or("Outcomes.Label." + words, "");
        return text.Length == 0 ? cell.Label : string.Format(t.Culture, text, value);
    }

    private static string Display(OutcomeCellView cell, OwnerPageTexts t) => cell.Value is not { } v
        ? t["Outcomes.Hidden"]
        : cell.Unit switch
        {
            "share" => (v * 100).ToString("0", t.Culture) + " %",
            "days" => t.Format("Outcomes.Days", v.ToString("0.#", t.Culture)),
            "count" => v.ToString("0", t.Culture),
            _ => v.ToString("0.##", t.Culture),
        };

    /// <summary>
    /// A horizontal bar per number, scaled within its unit (counts against the largest count, shares against 100 %,
    /// ratings against 5). A hidden number draws no bar, only its label and the word "hidden": its length would tell.
    /// </summary>
    private static string Chart(List<OutcomeCellView> cells, OwnerPageTexts t)
    {
        const int rowHeight = 22, labelWidth = 300, barWidth = 300;
        var svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").Append(labelWidth + barWidth + 120)
            .Append("\" height=\"").Append((cells.Count * rowHeight) + 6).Append("\" font-size=\"12\" font-family=\"Segoe UI,sans-serif\">");
        var maxCount = cells.Where(c => c.Unit == "count" && c.Value is not null).Select(c => c.Value!.Value).DefaultIfEmpty(0).Max();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var y = (i * rowHeight) + 4;
            svg.Append("<text x=\"0\" y=\"").Append(y + 14).Append("\">").Append(E(Label(cell, t))).Append("</text>");
            if (cell.Value is not { } v)
            {
                svg.Append("<text x=\"").Append(labelWidth).Append("\" y=\"").Append(y + 14).Append("\" fill=\"#777\" font-style=\"italic\">").Append(E(t["Outcomes.HiddenShort"])).Append("</text>");
                continue;
            }

            var scale = cell.Unit switch
            {
                "share" => 1.0,
                "rating" => 5.0,
                "levels" => 4.0,
                "count" => maxCount,
                _ => Math.Max(1, cells.Where(c => c.Unit == cell.Unit && c.Value is not null).Max(c => c.Value!.Value)),
            };
            var width = scale <= 0 ? 0 : Math.Round(Math.Clamp(v / scale, 0, 1) * barWidth, 1);
            svg.Append("<rect x=\"").Append(labelWidth).Append("\" y=\"").Append(y + 2).Append("\" height=\"").Append(rowHeight - 6)
                .Append("\" width=\"").Append(width.ToString(CultureInfo.InvariantCulture)).Append("\" fill=\"#6264a7\"/>")
                .Append("<text x=\"").Append((labelWidth + width + 6).ToString(CultureInfo.InvariantCulture)).Append("\" y=\"").Append(y + 14).Append("\">")
                .Append(E(Display(cell, t))).Append("</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static string E(string text) => Encoder.Encode(text);
}
