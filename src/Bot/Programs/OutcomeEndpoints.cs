using System.Globalization;
using System.Text;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting.Outcomes;
using MentorBot.Core.Skills;

namespace MentorBot.Bot.Programs;

/// <summary>
/// Outcomes under <c>/programs/{id}</c> (issue 18, decision 0461), behind the same owner filter as the dashboard:
/// the page, its JSON, one CSV per outcome and the term-end report as one downloadable HTML file.
/// </summary>
public static class OutcomeEndpoints
{
    public static RouteGroupBuilder MapOutcomes(this RouteGroupBuilder programs)
    {
        programs.MapGet("/{id}/outcomes", PageAsync);
        programs.MapGet("/{id}/outcomes.json", JsonAsync);
        programs.MapGet("/{id}/outcomes/report.html", ReportAsync);
        programs.MapGet("/{id}/outcomes/{section}.csv", CsvAsync);
        return programs;
    }

    private static async Task<OutcomesView> ViewAsync(HttpContext http, OutcomesLoader loader, SkillCatalog catalog, TimeProvider time)
    {
        var program = ProgramRequest.Of(http).RequiredProgram;
        var now = time.GetUtcNow();
        var outcomes = OutcomeReport.Compute(await loader.LoadAsync(program.Id, http.RequestAborted), now);
        return OutcomesPage.View(program.Id.Value, program.Name, OutcomeTable.Cells(outcomes, catalog.NameOf), OutcomeTable.Notes(outcomes, catalog.NameOf), now);
    }

    private static async Task<IResult> PageAsync(HttpContext http, OutcomesLoader loader, SkillCatalog catalog, TimeProvider time)
    {
        var request = ProgramRequest.Of(http);
        var query = request.LocalDevelopment ? "?as=" + Uri.EscapeDataString(request.Viewer.AadObjectId) : "";
        var t = OwnerPageTexts.For(http.Request);
        var html = OutcomesPage.Render(await ViewAsync(http, loader, catalog, time), report: false, query, t);
        http.Response.Headers.ContentSecurityPolicy = OutcomesPage.SecurityPolicy;
        http.Response.Headers.ContentLanguage = t.Lang;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> JsonAsync(HttpContext http, OutcomesLoader loader, SkillCatalog catalog, TimeProvider time) =>
        Results.Json(await ViewAsync(http, loader, catalog, time), OutcomesJsonContext.Default.OutcomesView);

    private static async Task<IResult> ReportAsync(HttpContext http, OutcomesLoader loader, SkillCatalog catalog, TimeProvider time)
    {
        var view = await ViewAsync(http, loader, catalog, time);
        http.Response.Headers.ContentSecurityPolicy = OutcomesPage.SecurityPolicy;
        var t = OwnerPageTexts.For(http.Request);
        http.Response.Headers.ContentLanguage = t.Lang;
        var bytes = Encoding.UTF8.GetBytes(OutcomesPage.Render(view, report: true, texts: t));
        var day = view.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Results.File(bytes, "text/html; charset=utf-8", $"{view.Program}-term-report-{day}.html");
    }

    private static async Task<IResult> CsvAsync(HttpContext http, string section, OutcomesLoader loader, SkillCatalog catalog, TimeProvider time)
    {
        if (!OutcomeTable.Sections.Contains(section) && section != "learned-and-taught")
        {
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such outcome",
                detail: "Outcome CSVs: " + string.Join(", ", OutcomeTable.Sections.Append("learned-and-taught")) + ".");
        }

        var program = ProgramRequest.Of(http).RequiredProgram;
        var outcomes = OutcomeReport.Compute(await loader.LoadAsync(program.Id, http.RequestAborted), time.GetUtcNow());
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        OutcomeTable.WriteCsv(text, section, OutcomeTable.Cells(outcomes, catalog.NameOf), OutcomeTable.Notes(outcomes, catalog.NameOf));
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Headed(text.ToString(), OwnerPageTexts.For(http.Request)))).ToArray();
        return Results.File(bytes, ProgramEndpoints.CsvContentType + "; charset=utf-8", $"{program.Id.Value}-outcomes-{section}.csv");
    }

    /// <summary>The CSV with its header row in the viewer's language (<c>Outcomes.Csv.{column}</c>); the rows stay data.</summary>
    private static string Headed(string csv, OwnerPageTexts t)
    {
        var end = csv.IndexOf('\n', StringComparison.Ordinal);
        if (end <= 0)
        {
            return csv;
        }

        var header = csv[..end].TrimEnd('\r');
        var words = string.Join(',', header.Split(',').Select(column => t.Or("Outcomes.Csv." + column, column)));
        return words + csv[header.Length..];
    }
}
