using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MentorBot.Bot.Programs;
using MentorBot.Core;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// Issue 19: every page a program owner can open follows the viewer's language like the dashboard
/// (<see cref="DashboardLanguageTests"/>): the settings editor with its inline problems, the program list, the
/// outcomes page and term report, the group sessions page and the round editor. Swedish browsers read Swedish and
/// <c>&lt;html lang="sv-SE"&gt;</c>; English stays English.
/// </summary>
public sealed class OwnerPageLanguageTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    [Theory]
    [InlineData("/programs/manage", "Dina program", "Your programs")]
    [InlineData("/programs/new", "Skapa programmet", "Create program")]
    [InlineData("/programs/{id}/edit", "Driv programmet", "Run the program")]
    [InlineData("/programs/{id}/outcomes", "Tid till första mötet", "Time to first meeting")]
    [InlineData("/programs/{id}/outcomes/report.html", "terminsrapport", "term report")]
    [InlineData("/programs/{id}/sessions", "Erbjudna gruppsessioner", "Sessions offered")]
    public async Task Page_SwedishBrowser_SwedishWords_EnglishBrowser_EnglishWords(string path, string swedish, string english)
    {
        using var client = host.ClientAs(Owner);
        var url = path.Replace("{id}", Id.Value, StringComparison.Ordinal);

        var (svStatus, svLanguage, sv) = await GetAsync(client, url, "sv-SE,sv;q=0.9,en;q=0.5");
        var (enStatus, enLanguage, en) = await GetAsync(client, url, "en-US");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (svStatus, enStatus));
        Assert.Equal(("sv-SE", "en-US"), (svLanguage, enLanguage));
        Assert.Contains("<html lang=\"sv-SE\">", sv, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en-US\">", en, StringComparison.Ordinal);
        Assert.Contains(swedish, sv, StringComparison.Ordinal);
        Assert.DoesNotContain(english, sv, StringComparison.Ordinal);
        Assert.Contains(english, en, StringComparison.Ordinal);
        Assert.DoesNotContain(swedish, en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editor_Swedish_LabelsStatesAndAuditTableInSwedish()
    {
        using var client = host.ClientAs(Owner);

        var (_, _, sv) = await GetAsync(client, $"/programs/{Id.Value}/edit?lang=sv", "en-US");

        Assert.Contains("Mötets längd (minuter)", sv, StringComparison.Ordinal);
        Assert.Contains("Kompetenser i fokus", sv, StringComparison.Ordinal);
        Assert.Contains("<th>När (UTC)</th><th>Vem</th><th>Inställning</th><th>Från</th><th>Till</th>", sv, StringComparison.Ordinal);
        Assert.Contains(">Pausa</button>", sv, StringComparison.Ordinal);
        Assert.Contains(">Spara ändringarna</button>", sv, StringComparison.Ordinal);
        Assert.DoesNotContain("Meeting length", sv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editor_BadValuesInline_InTheViewersLanguage_JsonProblemStaysEnglish()
    {
        using var client = host.ClientAs(Owner);
        FormUrlEncodedContent Bad() => new(new Dictionary<string, string>
        {
            ["name"] = "Språkprogram", ["purpose"] = "Lära av varandra.", ["start"] = "2027-01-10", ["end"] = "not a date",
            ["everyWeeks"] = "99", ["meetingMinutes"] = "30", ["termMonths"] = "6", ["answerWindowHours"] = "48",
            ["targetSkills"] = "", ["owners"] = Owner.AadObjectId, ["safeguardContacts"] = "",
        });

        using var swedish = new HttpRequestMessage(HttpMethod.Post, "/programs/new") { Content = Bad() };
        swedish.Headers.TryAddWithoutValidation("Accept-Language", "sv-SE");
        using var english = new HttpRequestMessage(HttpMethod.Post, "/programs/new") { Content = Bad() };
        var sv = await (await client.SendAsync(swedish)).Content.ReadAsStringAsync();
        var en = await (await client.SendAsync(english)).Content.ReadAsStringAsync();

        Assert.Contains("Träffas var 1:a till var 12:e vecka.", sv, StringComparison.Ordinal);
        Assert.Contains("Skriv datumet som ÅÅÅÅ-MM-DD.", sv, StringComparison.Ordinal);
        Assert.Contains("Några inställningar behöver ses över", sv, StringComparison.Ordinal);
        Assert.DoesNotContain("Meet every 1 to 12 weeks.", sv, StringComparison.Ordinal);
        Assert.Contains("Meet every 1 to 12 weeks.", en, StringComparison.Ordinal);
        Assert.Contains("Enter a date as YYYY-MM-DD.", en, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundEditor_Swedish_HeadingsButtonsAndWaitingReasons()
    {
        var view = new RoundEditView(
            "p1",
            "round-1",
            2,
            "Previewed",
            1.5,
            true,
            [
                new RoundEditPairView("a", "Anna", "b", "Bo", "power-bi", "Power BI", 0.9, false, ["Bo kan lära ut Power BI"]),
                new RoundEditPairView("c", "Cia", "d", "Dan", "sql", "SQL", 0.6, true, []),
            ],
            [new RoundEditWaitingView("e", "Eva", "sql", "SQL", "Ingen i programmet kan hjälpa till med den här kompetensen just nu.")],
            []);

        var sv = RoundEditorPage.Render(view, "", null, new OwnerPageTexts(CultureInfo.GetCultureInfo("sv-SE")));
        var en = RoundEditorPage.Render(view, "", null);

        Assert.Contains("<html lang=\"sv-SE\">", sv, StringComparison.Ordinal);
        Assert.Contains("<h1>Omgång round-1</h1>", sv, StringComparison.Ordinal);
        Assert.Contains("<th>Lär sig</th><th>Av</th><th>Kompetens</th><th>Poäng</th><th>Varför</th>", sv, StringComparison.Ordinal);
        Assert.Contains("Kör om kring de fästa paren", sv, StringComparison.Ordinal);
        Assert.Contains(">Fäst</button>", sv, StringComparison.Ordinal);
        Assert.Contains(">Lossa</button>", sv, StringComparison.Ordinal);
        Assert.Contains("<h2>Väntar</h2>", sv, StringComparison.Ordinal);
        Assert.Contains("Förhandsvisning", sv, StringComparison.Ordinal);
        Assert.DoesNotContain("Re-run", sv, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en-US\">", en, StringComparison.Ordinal);
        Assert.Contains("<h1>Round round-1</h1>", en, StringComparison.Ordinal);
        Assert.Contains("Re-run around the pins", en, StringComparison.Ordinal);
        Assert.Contains("<h2>Waiting</h2>", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outcomes_Swedish_RowLabelsAndCsvHeaders_RowsStayData()
    {
        using var client = host.ClientAs(Owner);

        var (_, _, page) = await GetAsync(client, $"/programs/{Id.Value}/outcomes", "sv-SE");
        var (_, _, sv) = await GetAsync(client, $"/programs/{Id.Value}/outcomes/declines.csv", "sv-SE");
        var (_, _, en) = await GetAsync(client, $"/programs/{Id.Value}/outcomes/declines.csv", "en-US");
        var svLines = sv.TrimStart('\uFEFF').Split("\r\n");
        var enLines = en.TrimStart('\uFEFF').Split("\r\n");

        Assert.Contains("Skickade förslag", page, StringComparison.Ordinal);
        Assert.Contains("Mentorspar som har träffats", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Offers made", page, StringComparison.Ordinal);
        Assert.Equal("nyckel,etikett,varde,enhet", svLines[0]);
        Assert.Equal("key,label,value,unit", enLines[0]);
        Assert.Equal(enLines.Skip(1), svLines.Skip(1));
    }

    [Theory]
    [InlineData("retention", "week-4.share", "Share still meeting after 4 weeks", "Andel som fortfarande träffas efter 4 veckor")]
    [InlineData("checkins-per-pair", "held-3-or-more", "Pairs with 3+ held", "Mentorspar med 3+ genomförda")]
    [InlineData("satisfaction", "power-bi.mean-rating", "Power BI: mean rating (1–5)", "Power BI: medelbetyg (1–5)")]
    [InlineData("thanks", "something-new", "Something new", "Something new")]
    public void OutcomeLabel_KeyedWords_EnglishUnchanged(string section, string key, string coreLabel, string swedish)
    {
        var cell = new OutcomeCellView(section, key, coreLabel, 1, false, "count");

        Assert.Equal(coreLabel, OutcomesPage.Label(cell, OwnerPageTexts.English));
        Assert.Equal(swedish, OutcomesPage.Label(cell, new OwnerPageTexts(CultureInfo.GetCultureInfo("sv-SE"))));
    }

    [Fact]
    public async Task ConcernAction_Refused_TitleInTheViewersLanguage()
    {
        var concern = Concern.Raise(new ConcernId("c-sv-lang"), Id, new MentorshipId("m-6"), J(6), "Vi hittar aldrig tid.", Now.AddDays(-1));
        await host.Services.GetRequiredService<IConcernStore>().AddAsync(concern, CancellationToken.None);
        using var client = host.ClientAs(Owner);

        var svNoNote = await TitleAsync(client, concern.Id.Value, """{"action":"close"}""", "sv-SE");
        var svUnknown = await TitleAsync(client, "c-nope", """{"action":"pause"}""", "sv-SE");
        var enNoNote = await TitleAsync(client, concern.Id.Value, """{"action":"close"}""", "en-US");

        Assert.Equal("För att stänga ett ärende behöver du skriva en kort anteckning om vad som har gjorts", svNoNote);
        Assert.Equal("Det finns inget sådant ärende i det här programmet", svUnknown);
        Assert.Equal("Closing a concern needs a note saying what was done", enNoNote);
    }

    private static async Task<string?> TitleAsync(HttpClient client, string concern, string json, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/programs/{Id.Value}/concerns/{concern}/actions")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString();
    }

    private static async Task<(HttpStatusCode Status, string? Language, string Body)> GetAsync(HttpClient client, string path, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentLanguage.SingleOrDefault(), await response.Content.ReadAsStringAsync());
    }
}
