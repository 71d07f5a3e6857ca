using System.Net;
using System.Text;

namespace MentorBot.Bot.Programs;

/// <summary>The dashboard's way to outcomes, the term report and the round editor (issue 18).</summary>
internal static class OutcomeLinks
{
    public static string Render(string programId, string query, IReadOnlyList<RoundView> rounds)
    {
        var html = new StringBuilder();
        html.Append("<section id=\"section-outcomes-links\"><h2>Outcomes and rounds</h2><p>")
            .Append("<a href=\"/programs/").Append(programId).Append("/outcomes").Append(query).Append("\">Outcomes: learning, thanks, retention</a> · ")
            .Append("<a href=\"/programs/").Append(programId).Append("/outcomes/report.html").Append(query).Append("\">Download the term report</a></p>");
        var previews = rounds.Where(r => r.State == "Previewed").ToList();
        if (previews.Count > 0)
        {
            html.Append("<p>Edit a round before publishing: ");
            html.AppendJoin(" · ", previews.Select(r =>
                $"<a href=\"/programs/{programId}/rounds/{Uri.EscapeDataString(r.Id)}{query}\">{WebUtility.HtmlEncode(r.PreparedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))}</a>"));
            html.Append("</p>");
        }

        return html.Append("</section>").ToString();
    }
}
