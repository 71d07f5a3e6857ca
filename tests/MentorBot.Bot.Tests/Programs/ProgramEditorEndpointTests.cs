using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Storage.Programs;
using MentorBot.Core;
using MentorBot.Core.Privacy;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// Program settings through the real HTTP pipeline (decision 0440): the HTML form creates and edits a program, a save
/// from a stale version is a conflict that keeps what was typed, bad values come back inline (form) or as problem
/// details (JSON), every change is in the audit trail, and delete is refused while pairs are active.
/// </summary>
public sealed partial class ProgramEditorEndpointTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    [Fact]
    public async Task CreateOnThePage_ThenEveryThreeWeeksFortyFiveMinutes_IsStoredAndAudited()
    {
        using var client = host.ClientAs(Owner);

        var (id, page) = await CreateAsync(client, "Sales learns AI");
        var saved = await client.PostAsync($"/programs/{id}/edit", Form(FormOf(page), ("everyWeeks", "3"), ("meetingMinutes", "45")));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Saved.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var program = await StoredAsync(id);
        Assert.Equal(new MeetingDefaults(3, TimeSpan.FromMinutes(45)), program.Meetings);
        Assert.True(program.IsOwnedBy(Owner));
        var history = await client.GetFromJsonAsync<JsonElement>($"/programs/{id}/history");
        var changes = history.EnumerateArray().Select(c => (c.GetProperty("field").GetString(), c.GetProperty("from").GetString(), c.GetProperty("to").GetString(), c.GetProperty("by").GetString())).ToList();
        Assert.Contains(("everyWeeks", "2", "3", Owner.AadObjectId), changes);
        Assert.Contains(("meetingMinutes", "30", "45", Owner.AadObjectId), changes);
        Assert.Contains(changes, c => c.Item1 == ProgramEdits.Created);
    }

    [Fact]
    public async Task TwoOwnersSaveFromTheSameVersion_TheSecondGetsAConflict_AndKeepsItsTypedValues()
    {
        using var first = host.ClientAs(Owner);
        using var second = host.ClientAs(Owner);
        var (id, page) = await CreateAsync(first, "Two editors");
        var both = FormOf(page);

        var firstSave = await first.PostAsync($"/programs/{id}/edit", Form(both, ("name", "Saved first"), ("everyWeeks", "3")));
        var secondSave = await second.PostAsync($"/programs/{id}/edit", Form(both, ("name", "Typed second"), ("purpose", "What the second owner typed")));
        var conflictPage = await secondSave.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, secondSave.StatusCode);
        Assert.Contains("id=\"conflict\"", conflictPage, StringComparison.Ordinal);
        Assert.Contains("Another owner saved this program while you were editing", conflictPage, StringComparison.Ordinal);
        Assert.Equal("Typed second", FormOf(conflictPage)["name"]);
        Assert.Equal("What the second owner typed", FormOf(conflictPage)["purpose"]);
        Assert.Contains("Saved by another owner: <code>Saved first</code>", conflictPage, StringComparison.Ordinal);
        Assert.Equal("Saved first", (await StoredAsync(id)).Name);

        // Nothing lost: saving the kept values again (now from the newer version) applies them on purpose.
        var again = await second.PostAsync($"/programs/{id}/edit", Form(FormOf(conflictPage)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var program = await StoredAsync(id);
        Assert.Equal("Typed second", program.Name);
        Assert.Equal("What the second owner typed", program.Goals.Purpose);
    }

    [Fact]
    public async Task BadValuesOnTheForm_ComeBackInlineWithWhatWasTyped_AndNothingIsSaved()
    {
        using var client = host.ClientAs(Owner);
        var (id, page) = await CreateAsync(client, "Inline errors");

        var response = await client.PostAsync(
            $"/programs/{id}/edit",
            Form(FormOf(page), ("name", " "), ("everyWeeks", "13"), ("start", "2026-13-01"), ("targetSkills", "Power BI, Underwater basket weaving")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"error-everyWeeks\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"error-start\"", html, StringComparison.Ordinal);
        Assert.Contains("\"Underwater basket weaving\" is not a skill in the catalog.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal("13", FormOf(html)["everyWeeks"]);
        Assert.Equal("2026-13-01", FormOf(html)["start"]);
        Assert.Equal("Inline errors", (await StoredAsync(id)).Name);
    }

    [Fact]
    public async Task JsonApi_IfMatchRequired_StaleIs412WithCurrent_BadValuesAreProblemDetails()
    {
        using var client = host.ClientAs(Owner);
        var (id, _) = await CreateAsync(client, "Api program");
        var read = await client.GetAsync($"/programs/{id}/settings");
        var etag = read.Headers.ETag!.Tag;
        var settings = await read.Content.ReadFromJsonAsync<JsonElement>();
        var body = new Dictionary<string, object?>
        {
            ["name"] = "Api program", ["purpose"] = settings.GetProperty("purpose").GetString(), ["start"] = settings.GetProperty("start").GetString(),
            ["end"] = settings.GetProperty("end").GetString(), ["everyWeeks"] = 3, ["meetingMinutes"] = 45, ["termMonths"] = 6,
            ["targetSkills"] = new[] { "power-bi" }, ["owners"] = new[] { Owner.AadObjectId }, ["managersMayBeCopied"] = true, ["answerWindowHours"] = 24,
        };

        var noIfMatch = await client.PutAsJsonAsync($"/programs/{id}/settings", body);
        var invalid = await Put(client, id, etag, new Dictionary<string, object?>(body) { ["everyWeeks"] = 0, ["meetingMinutes"] = 5 });
        var ok = await Put(client, id, etag, body);
        var stale = await Put(client, id, etag, new Dictionary<string, object?>(body) { ["name"] = "Late" });

        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("everyWeeks", out _));
        Assert.True(errors.TryGetProperty("meetingMinutes", out _));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual(etag, ok.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Api program", problem.GetProperty("current").GetProperty("name").GetString());
        var program = await StoredAsync(id);
        Assert.Equal((3, 45, 6, true, 24), (program.Meetings.EveryWeeks, (int)program.Meetings.Length.TotalMinutes, program.TermMonths, program.ManagersMayBeCopied, (int)program.ReOfferWindow.TotalHours));
    }

    [Fact]
    public async Task Delete_RefusedWhilePairsAreActive_AllowedForAProgramWithoutPairs()
    {
        using var client = host.ClientAs(Owner);
        var seeded = await client.GetAsync($"/programs/{Id.Value}/settings");
        var (id, _) = await CreateAsync(client, "Short-lived");
        var fresh = await client.GetAsync($"/programs/{id}/settings");

        var refused = await Delete(client, Id.Value, seeded.Headers.ETag!.Tag);
        var deleted = await Delete(client, id, fresh.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("still active", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.NotNull(await host.Services.GetRequiredService<IProgramStore>().GetAsync(Id, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await host.Services.GetRequiredService<IProgramStore>().GetAsync(new ProgramId(id), CancellationToken.None));
    }

    [Fact]
    public async Task PauseOnThePage_StateChangesAndIsAudited()
    {
        using var client = host.ClientAs(Owner);
        var (id, page) = await CreateAsync(client, "Pause me");

        var paused = await client.PostAsync($"/programs/{id}/state", Form(new() { ["version"] = FormOf(page)["version"], ["state"] = "Paused" }));

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var program = await StoredAsync(id);
        Assert.Equal(ProgramState.Paused, program.State);
        Assert.Contains(program.History, h => h is { Field: "state", From: "Running", To: "Paused" } && h.By == Owner);
    }

    [Fact]
    public async Task Create_SomeoneWhoOwnsNothing_403_UnlessListedAsCreator()
    {
        using var stranger = host.ClientAs(Stranger);
        var refused = await stranger.PostAsync("/programs/new", Form(new() { ["name"] = "Mine" }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        await using var factory = ProgramHost.Create(new() { ["MicrosoftAppId"] = "", [$"Programs:Creators:0"] = Stranger.AadObjectId }, host.Clock);
        using var creator = factory.CreateClient();
        creator.DefaultRequestHeaders.Add("X-MentorBot-As", Stranger.AadObjectId);
        var form = await (await creator.GetAsync("/programs/new")).Content.ReadAsStringAsync();
        var created = await creator.PostAsync("/programs/new", Form(FormOf(form), ("name", "Mine"), ("purpose", "Learning both ways")));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = IdIn(created);
        var program = (await factory.Services.GetRequiredService<IProgramStore>().GetAsync(new ProgramId(id), CancellationToken.None))!.Value;
        Assert.True(program.IsOwnedBy(Stranger));
    }

    [Fact]
    public async Task ManagersMayBeCopied_SwitchedOnThePage_GatesTheThankYouCopy()
    {
        using var client = host.ClientAs(Owner);
        var (id, page) = await CreateAsync(client, "Copy managers");
        var policy = host.Services.GetRequiredService<Core.CheckIns.IManagerCopyPolicy>();
        var pairing = Core.Mentorships.Mentorship.Start(
            new MentorshipId("m-copy"), S(1), J(1), PowerBi, new ProgramId(id), Now, Now.AddMonths(3), Core.Mentorships.Cadence.Default).Value!;

        var before = await policy.AllowedAsync(pairing, CancellationToken.None);
        var saved = await client.PostAsync($"/programs/{id}/edit", Form(FormOf(page), ("managersMayBeCopied", "true")));
        var after = await policy.AllowedAsync(pairing, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.False(before);
        Assert.True(after);
    }

    [Fact]
    public async Task JuniorsMayAsk_SwitchedOffOnThePage_IsStoredAuditedAndReachesAsking()
    {
        using var client = host.ClientAs(Owner);
        var (id, page) = await CreateAsync(client, "Learners ask");
        var members = host.Services.GetRequiredService<Core.Requests.IProgramMembers>();
        Assert.Contains("name=\"juniorsMayAsk\"", page, StringComparison.Ordinal);

        var before = (await members.TermsAsync(new ProgramId(id), CancellationToken.None))!.JuniorsMayAsk;
        var form = FormOf(page);
        form.Remove("juniorsMayAsk");
        var saved = await client.PostAsync($"/programs/{id}/edit", Form(form));
        var after = (await members.TermsAsync(new ProgramId(id), CancellationToken.None))!.JuniorsMayAsk;

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True(before);
        Assert.False(after);
        Assert.False((await StoredAsync(id)).JuniorsMayAsk);
        var history = await client.GetFromJsonAsync<JsonElement>($"/programs/{id}/history");
        Assert.Contains(history.EnumerateArray(), c => c.GetProperty("field").GetString() == "juniorsMayAsk" && c.GetProperty("from").GetString() == "yes" && c.GetProperty("to").GetString() == "no");
        var settings = await client.GetFromJsonAsync<JsonElement>($"/programs/{id}/settings");
        Assert.False(settings.GetProperty("juniorsMayAsk").GetBoolean());
    }

    [Fact]
    public async Task ForgetMe_AnonymisesTheAuditTrailAndDropsTheOwner()
    {
        var engine = new InMemoryTableEngine("audit", TimeProvider.System);
        await engine.GetTable(TableProgramStore.TableName).CreateIfNotExistsAsync(CancellationToken.None);
        var store = new TableProgramStore(engine);
        var other = Person(950);
        var program = ProgramEdits.Recorded(null, Program(new ProgramId("forget"), "Forget", Owner, other), Owner, Now);
        program = ProgramEdits.Recorded(program, program with { Owners = [other] }, Owner, Now.AddHours(1));
        await store.InsertAsync(program, CancellationToken.None);

        var erased = await store.EraseAsync(ErasureSubject.For(Owner), CancellationToken.None);

        var after = (await store.GetAsync(program.Id, CancellationToken.None))!.Value;
        Assert.Equal(1, erased);
        Assert.All(after.History, h => Assert.NotEqual(Owner, h.By));
        Assert.DoesNotContain(after.History, h => (h.From + h.To).Contains(Owner.AadObjectId, StringComparison.Ordinal));
        Assert.Equal(2, after.History.Count);
    }

    private async Task<MentoringProgram> StoredAsync(string id) =>
        (await host.Services.GetRequiredService<IProgramStore>().GetAsync(new ProgramId(id), CancellationToken.None))!.Value;

    private static async Task<(string Id, string Page)> CreateAsync(HttpClient client, string name)
    {
        var blank = await (await client.GetAsync("/programs/new")).Content.ReadAsStringAsync();
        var response = await client.PostAsync("/programs/new", Form(FormOf(blank), ("name", name), ("purpose", "Seniors learn new tools; juniors learn how the business runs.")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (IdIn(response), await response.Content.ReadAsStringAsync());
    }

    private static string IdIn(HttpResponseMessage response) =>
        EditPath().Match(response.RequestMessage!.RequestUri!.AbsolutePath).Groups["id"].Value;

    private static Task<HttpResponseMessage> Put(HttpClient client, string id, string etag, Dictionary<string, object?> body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/programs/{id}/settings") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> Delete(HttpClient client, string id, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/programs/{id}/settings");
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return client.SendAsync(request);
    }

    /// <summary>The form's current values as a browser would send them (checkboxes only when checked).</summary>
    private static Dictionary<string, string> FormOf(string html)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var form = FormBlock().Match(html).Value;
        foreach (Match input in InputTag().Matches(form))
        {
            var tag = input.Value;
            var name = Attribute(tag, "name");
            if (name is null || (tag.Contains("type=\"checkbox\"", StringComparison.Ordinal) && !tag.Contains(" checked", StringComparison.Ordinal)))
            {
                continue;
            }

            values[name] = WebUtility.HtmlDecode(Attribute(tag, "value") ?? "");
        }

        foreach (Match area in TextArea().Matches(form))
        {
            values[area.Groups["name"].Value] = WebUtility.HtmlDecode(area.Groups["text"].Value);
        }

        return values;
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"(?<v>[^\"]*)\"") is { Success: true } m ? m.Groups["v"].Value : null;

    private static FormUrlEncodedContent Form(Dictionary<string, string> values, params (string Name, string Value)[] changes)
    {
        var all = new Dictionary<string, string>(values, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            all[name] = value;
        }

        return new FormUrlEncodedContent(all);
    }

    [GeneratedRegex("<form data-editor method=\"post\" action=\"[^\"]*/(edit|new)[^\"]*\" id=\"program-form\".*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormBlock();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();

    [GeneratedRegex("<textarea name=\"(?<name>[^\"]+)\"[^>]*>(?<text>.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextArea();

    [GeneratedRegex("^/programs/(?<id>[^/]+)/edit$")]
    private static partial Regex EditPath();
}
