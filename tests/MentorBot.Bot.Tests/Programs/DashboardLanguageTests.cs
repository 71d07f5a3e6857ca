using System.Net;
using System.Net.Http.Headers;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// Issue 19: the dashboard page and its CSV headers speak the viewer's language, chosen per request (<c>?lang=</c>,
/// else Accept-Language, else en-US); the JSON stays data. Numbers against <see cref="SeededProgram"/>.
/// </summary>
public sealed class DashboardLanguageTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    [Fact]
    public async Task Page_BrowserAsksForSwedish_SwedishWordsNumbersAndSkillNames()
    {
        using var client = host.ClientAs(Owner);
        using var request = Get($"/programs/{Id.Value}", "sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7");

        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("sv-SE", Assert.Single(response.Content.Headers.ContentLanguage));
        Assert.Contains("""<html lang="sv-SE">""", html, StringComparison.Ordinal);
        Assert.Contains("Aktiva mentorspar", html, StringComparison.Ordinal);
        Assert.Contains("""id="active-pairings">6</div>""", html, StringComparison.Ordinal);
        Assert.Contains("""id="unmatched-people">färre än 5 personer – dolt</div>""", html, StringComparison.Ordinal);
        Assert.Contains("""id="time-to-first-meeting">10,5 dagar</div>""", html, StringComparison.Ordinal);
        Assert.Contains("<td>2026-11</td><td>4,00</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>Kompetens</th><th>Förfrågningar</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Förhandling</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Matchad</td>", html, StringComparison.Ordinal);
        Assert.Matches(@"export/pairings\.csv\?[^""]*lang=sv-SE""", html);
        Assert.Contains("id=\"dashboard-texts\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Active pairings", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing yet", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?lang=en", "sv-SE,sv;q=0.9", "en-US")]
    [InlineData("?lang=sv", "en-GB", "sv-SE")]
    [InlineData("", "de-DE,fr;q=0.8", "en-US")]
    [InlineData("", "de-DE,sv;q=0.5", "sv-SE")]
    [InlineData("", "sv;q=0, en-GB", "en-GB")]
    [InlineData("?lang=xx-made-up", "", "en-US")]
    [InlineData("", "", "en-US")]
    public async Task Page_LanguageFromLangThenAcceptLanguageThenEnUs(string query, string acceptLanguage, string expected)
    {
        using var client = host.ClientAs(Owner);
        using var request = Get($"/programs/{Id.Value}{query}", acceptLanguage);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, Assert.Single(response.Content.Headers.ContentLanguage));
        Assert.Contains($"""<html lang="{expected}">""", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_HeadersInTheViewersLanguage_RowsStayData()
    {
        using var client = host.ClientAs(Owner);
        using var swedish = Get($"/programs/{Id.Value}/export/pairings.csv", "sv-SE");
        using var english = Get($"/programs/{Id.Value}/export/pairings.csv", "");
        using var feedback = Get($"/programs/{Id.Value}/export/checkins.csv?lang=sv", "en-US");

        var sv = (await (await client.SendAsync(swedish)).Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");
        var en = (await (await client.SendAsync(english)).Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");
        var checkIns = (await (await client.SendAsync(feedback)).Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");

        Assert.Equal("mentorskap,senior,senior_id,junior,junior_id,kompetens,startade,status", sv[0]);
        Assert.Equal("pairing,senior,senior_id,junior,junior_id,skill,started,state", en[0]);
        Assert.Equal(en.Skip(1), sv.Skip(1));
        Assert.Equal("mentorskap,senior,junior,kompetens,planerade,genomforda", checkIns[0]);
    }

    [Fact]
    public async Task Metrics_SwedishBrowser_JsonStaysData()
    {
        using var client = host.ClientAs(Owner);
        using var request = Get($"/programs/{Id.Value}/metrics", "sv-SE");

        var json = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("\"activePairings\"", json, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"Negotiation\"", json, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Matched\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Förhandling", json, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Get(string path, string acceptLanguage)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        return request;
    }
}
