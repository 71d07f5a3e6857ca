using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// The skill catalog API through the host (decision 0450): owner-only, the version as ETag and If-Match, problem
/// details for bad input in the viewer's language, and the audit trail.
/// </summary>
public sealed class SkillCatalogEndpointTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    private static string Skills => $"/programs/{Id.Value}/skills";

    [Fact]
    public async Task Owner_AddsPromptEngineering_GetsItBackWithTheTakenAliasAndAnAuditLine()
    {
        using var client = host.ClientAs(Owner);
        var before = await client.GetAsync(Skills);

        using var add = new HttpRequestMessage(HttpMethod.Post, Skills) { Content = JsonContent.Create(new { name = "Prompt engineering for owners", aliases = new[] { "prompting" } }) };
        add.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(before.Headers.ETag!.ToString()));
        var added = await client.SendAsync(add);
        var after = await client.GetFromJsonAsync<JsonElement>(Skills);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var body = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("prompt-engineering-for-owners", body.GetProperty("id").GetString());
        Assert.Contains(body.GetProperty("takenAliases").EnumerateArray(), a => a.GetProperty("alias").GetString() == "prompting" && a.GetProperty("from").GetString() == "generative-ai");
        Assert.Contains(after.GetProperty("added").EnumerateArray(), s => s.GetProperty("id").GetString() == "prompt-engineering-for-owners");
        Assert.Contains(after.GetProperty("history").EnumerateArray(), h => h.GetProperty("actor").GetString() == Owner.AadObjectId && h.GetProperty("action").GetString() == "Added");
    }

    [Fact]
    public async Task Owner_StaleIfMatch_Gets412AndNothingIsSaved()
    {
        using var client = host.ClientAs(Owner);
        var before = (await client.GetAsync(Skills)).Headers.ETag!.ToString();
        await client.PostAsync($"{Skills}/instagram/retire", null);

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"{Skills}/seo-skill/retire");
        stale.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(before));
        var response = await client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("{\"name\":\"\"}", "NameMissing", "en", "Give the skill a name.")]
    [InlineData("{\"name\":\"Prompting again\",\"aliases\":[\"Power BI\"]}", "AliasTaken", "sv", "\"Power BI\" betyder redan en annan kompetens (power-bi).")]
    [InlineData("{\"name\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}", "NameTooLong", "en", "at most 80 characters")]
    [InlineData("not json", null, "en", "Send JSON")]
    public async Task Owner_BadInput_GetsProblemDetailsInTheirLanguage(string json, string? problem, string language, string detail)
    {
        using var client = host.ClientAs(Owner);
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        var response = await client.PostAsync(Skills, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        if (problem is not null)
        {
            Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("problem").GetString() == problem);
        }
    }

    [Fact]
    public async Task NotAnOwner_IsRefusedAndNothingIsSaved()
    {
        using var stranger = host.ClientAs(Stranger);
        using var owner = host.ClientAs(Owner);

        var read = await stranger.GetAsync(Skills);
        var write = await stranger.PostAsync(Skills, JsonContent.Create(new { name = "Stranger skill" }));
        var after = await owner.GetFromJsonAsync<JsonElement>(Skills);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.DoesNotContain(after.GetProperty("added").EnumerateArray(), s => s.GetProperty("name").GetString() == "Stranger skill");
    }
}
