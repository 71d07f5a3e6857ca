using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MentorBot.Bot.Programs;
using MentorBot.Core;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Programs.Reporting.Outcomes;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// No number about fewer than five people appears in the outcomes page, its JSON, any CSV or the term report
/// (issue 18, decisions 0275, 0461). A program of two pairs (four people) where every group is small, with
/// distinctive values that could only show if something leaked.
/// </summary>
public sealed partial class OutcomesSuppressionTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    private static readonly DateTimeOffset Day0 = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset At = Day0.AddDays(98);
    private static readonly SkillId Bi = new("power-bi");
    private const string SecretNote = "Our private-ish shared note zq17";

    // Values the small groups would show: median first meeting 13.75 days ("13.8 days" on the page), mean rating
    // (3 + 4 + 4) / 3 = 3.67, the note.
    private static readonly string[] Secrets = ["13.75", "13.8", "3.67", "3.6667", "zq17"];

    private static OutcomeFacts SmallProgram()
    {
        UserId S(int i) => new($"s{i}");
        UserId J(int i) => new($"j{i}");
        MentorshipId P(int i) => new($"p{i}");
        DateTimeOffset D(double day) => Day0.AddDays(day);
        List<PairingRow> pairs = [new(P(1), S(1), "S1", J(1), "J1", Bi, D(0), PairingState.Active), new(P(2), S(2), "S2", J(2), "J2", Bi, D(0), PairingState.Active)];
        List<CheckInRow> checkIns = [new(P(1), D(13.75), true), new(P(1), D(30), true), new(P(1), D(44), true), new(P(2), D(13.75), true), new(P(2), D(28), true)];
        List<FeedbackRow> feedback = [new(P(1), S(1), Bi, 3, D(14)), new(P(1), J(1), Bi, 4, D(14)), new(P(2), S(2), Bi, 4, D(14))];
        var activity = new ProgramActivity(new ProgramId("small"), pairs, checkIns, feedback, [], []);
        return new OutcomeFacts(
            activity,
            [new(P(1), S(1), J(1), D(14)), new(P(2), S(2), J(2), D(14))],
            [new(P(1), S(1), Bi, 5, SkillLevel.Aware, SkillLevel.Expert, SkillLevel.Expert, D(90)), new(P(2), S(2), Bi, 5, SkillLevel.Aware, SkillLevel.Expert, SkillLevel.Expert, D(90))],
            [new(S(1), new UserId("k1"), OfferStatus.Expired, false, D(0)), new(S(1), new UserId("k2"), OfferStatus.Declined, true, D(0)), new(S(2), new UserId("k3"), OfferStatus.Accepted, false, D(0))],
            [new(P(1), Bi, SecretNote, D(14)), new(P(2), Bi, "Another shared note", D(28))]);
    }

    [Fact]
    public void SmallProgram_EveryNumberIsHiddenOrZero_InHtmlJsonEveryCsvAndTheReport()
    {
        var outcomes = OutcomeReport.Compute(SmallProgram(), At);
        var cells = OutcomeTable.Cells(outcomes, s => s.Value);
        var notes = OutcomeTable.Notes(outcomes, s => s.Value);
        var view = OutcomesPage.View("small", "Small program", cells, notes, At);

        // The model: every number is about 1–4 people, so hidden, unless it counts nobody (0).
        Assert.All(cells, c => Assert.True(c.Suppressed || c.Value == 0, $"{c.Section}/{c.Key} = {c.Text}"));
        Assert.Contains(cells, c => c.Suppressed);
        Assert.Null(Assert.Single(notes).Notes);

        var page = OutcomesPage.Render(view, report: false);
        var report = OutcomesPage.Render(view, report: true);
        var json = JsonSerializer.Serialize(view, OutcomesJsonContext.Default.OutcomesView);
        var csvs = OutcomeTable.Sections.Append("learned-and-taught").ToDictionary(s => s, s =>
        {
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            OutcomeTable.WriteCsv(writer, s, cells, notes);
            return writer.ToString();
        });

        foreach (var (name, text) in new[] { ("page", page), ("report", report), ("json", json) }.Concat(csvs.Select(c => ("csv " + c.Key, c.Value))))
        {
            Assert.All(Secrets, secret => Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{name} shows {secret}"));
        }

        AssertHtml(page, cells);
        AssertHtml(report, cells);

        using var document = JsonDocument.Parse(json);
        foreach (var cell in document.RootElement.GetProperty("cells").EnumerateArray())
        {
            var value = cell.GetProperty("value");
            Assert.True(value.ValueKind == JsonValueKind.Null ? cell.GetProperty("suppressed").GetBoolean() : value.GetDouble() == 0, cell.ToString());
        }

        foreach (var (section, csv) in csvs.Where(c => c.Key != "learned-and-taught"))
        {
            var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToList();
            Assert.Equal(cells.Count(c => c.Section == section), rows.Count);
            Assert.All(rows, r => Assert.True(r[2] is "suppressed" or "0", $"{section}: {string.Join(',', r)}"));
        }

        Assert.Equal("skill,note\r\npower-bi,suppressed\r\n", csvs["learned-and-taught"]);
    }

    /// <summary>Each number cell shows the hidden words or 0, and no chart bar is drawn for a hidden or zero number.</summary>
    private static void AssertHtml(string html, IReadOnlyList<OutcomeCell> cells)
    {
        var shown = ValueCell().Matches(html).Where(m => !m.Groups["key"].Value.StartsWith("learned-and-taught/", StringComparison.Ordinal)).ToDictionary(m => m.Groups["key"].Value, m => WebUtility.HtmlDecode(m.Groups["text"].Value));
        Assert.Equal(cells.Count, shown.Count);
        foreach (var cell in cells)
        {
            Assert.Equal(cell.Suppressed ? OutcomesPage.HiddenText : cell.Unit == "share" ? "0 %" : cell.Unit == "days" ? "0 days" : "0", shown[cell.Section + "/" + cell.Key]);
        }

        Assert.All(BarWidth().Matches(html), m => Assert.Equal("0", m.Groups[1].Value));
    }

    [Fact]
    public async Task Endpoints_OwnerGetsPageJsonReportAndEveryCsv_AndHiddenNumbersCarryNoValue()
    {
        using var client = host.ClientAs(Owner);
        var page = await client.GetAsync($"/programs/{Id.Value}/outcomes");
        var report = await client.GetAsync($"/programs/{Id.Value}/outcomes/report.html");
        var json = await client.GetAsync($"/programs/{Id.Value}/outcomes.json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("attachment", report.Content.Headers.ContentDisposition?.DispositionType);
        var reportHtml = await report.Content.ReadAsStringAsync();
        Assert.DoesNotContain("src=", reportHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", reportHtml, StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(await json.Content.ReadAsStringAsync()))
        {
            var cells = document.RootElement.GetProperty("cells").EnumerateArray().ToList();
            Assert.NotEmpty(cells);
            Assert.All(cells.Where(c => c.GetProperty("suppressed").GetBoolean()), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("value").ValueKind));
        }

        foreach (var section in OutcomeTable.Sections.Append("learned-and-taught"))
        {
            var csv = await client.GetAsync($"/programs/{Id.Value}/outcomes/{section}.csv");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.StartsWith("text/csv", csv.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        }

        var unknown = await client.GetAsync($"/programs/{Id.Value}/outcomes/everything.csv");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Endpoints_SomeoneWhoDoesNotOwnTheProgram_GetsNothing()
    {
        using var client = host.ClientAs(Stranger);

        foreach (var path in new[] { "outcomes", "outcomes.json", "outcomes/report.html", "outcomes/thanks.csv" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/programs/{Id.Value}/{path}")).StatusCode);
        }
    }

    [GeneratedRegex("data-key=\"(?<key>[^\"]+)\">(?<text>[^<]*)<")]
    private static partial Regex ValueCell();

    [GeneratedRegex("<rect [^>]*width=\"([^\"]+)\"")]
    private static partial Regex BarWidth();
}
