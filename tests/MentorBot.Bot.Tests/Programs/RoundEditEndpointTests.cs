using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MentorBot.Core;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// The round editor's API through the host (issue 18, decision 0460): a preview carries ETag "r0", every edit names
/// the revision it was made on, a stale edit or publish is refused with problem details, and publishing the
/// revision shown sends its offers.
/// </summary>
public sealed class RoundEditEndpointTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    private static readonly ProgramId Rounds = new("p-rounds");

    private async Task SeedAsync()
    {
        var programs = host.Services.GetRequiredService<IProgramStore>();
        if (await programs.GetAsync(Rounds, CancellationToken.None) is not null)
        {
            return;
        }

        await programs.InsertAsync(Program(Rounds, "Rounds", Owner), CancellationToken.None);
        var enrolments = host.Services.GetRequiredService<IEnrolmentStore>();
        var profiles = host.Services.GetRequiredService<IProfileStore>();
        Profile[] people =
        [
            Senior(Person(501), "Rita Learner", [Stakeholders], [Video], capacity: 1),
            Senior(Person(502), "Rolf Learner", [Stakeholders], [Video], capacity: 1),
            Junior(Person(511), "Mia Teacher", []) with { Capacity = 1 },
            Junior(Person(512), "Max Teacher", []) with { Capacity = 1 },
        ];
        foreach (var profile in people)
        {
            await profiles.InsertAsync(profile, CancellationToken.None);
            await enrolments.InsertAsync(Enrolment.SelfEnrol(Rounds, profile.Id, host.Clock.GetUtcNow().AddDays(-10)), CancellationToken.None);
        }
    }

    private static HttpRequestMessage Post(string path, string? ifMatch, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    [Fact]
    public async Task PreviewPinPublish_WithTheRevisionShown_AndStaleOnesRefused()
    {
        await SeedAsync();
        using var client = host.ClientAs(Owner);

        var preview = await client.PostAsync($"/programs/{Rounds.Value}/rounds", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Created, preview.StatusCode);
        Assert.Equal("\"r0\"", preview.Headers.ETag?.Tag);
        var round = JsonDocument.Parse(await preview.Content.ReadAsStringAsync()).RootElement;
        var id = round.GetProperty("round").GetString();
        var pairs = round.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(2, pairs.Count);
        var first = pairs[0];
        var basePath = $"/programs/{Rounds.Value}/rounds/{id}";

        var noTag = await client.SendAsync(Post(basePath + "/edits", null, new { action = "rerun" }));
        Assert.Equal(HttpStatusCode.PreconditionRequired, noTag.StatusCode);

        var bad = await client.SendAsync(Post(basePath + "/edits", "\"r0\"", new { action = "explode" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);

        var pinned = await client.SendAsync(Post(basePath + "/edits", "\"r0\"", new { action = "pin", learner = first.GetProperty("learner").GetString(), skill = first.GetProperty("skill").GetString() }));
        Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
        Assert.Equal("\"r1\"", pinned.Headers.ETag?.Tag);
        var after = JsonDocument.Parse(await pinned.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(after.GetProperty("pairs").EnumerateArray(), p => p.GetProperty("pinned").GetBoolean() && p.GetProperty("learner").GetString() == first.GetProperty("learner").GetString());

        // A second owner's tab still showing r0: its edit and its publish are refused, nothing sent.
        var staleEdit = await client.SendAsync(Post(basePath + "/edits", "\"r0\"", new { action = "rerun" }));
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleEdit.StatusCode);
        Assert.Equal("\"r1\"", staleEdit.Headers.ETag?.Tag);
        Assert.Contains("changed this round", (await staleEdit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var stalePublish = await client.SendAsync(Post(basePath + "/publish", "\"r0\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stalePublish.StatusCode);
        Assert.Contains("nothing was sent", (await stalePublish.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var page = await client.GetAsync(basePath);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"round-editor\"", html, StringComparison.Ordinal);
        Assert.Contains("data-etag=\"&quot;r1&quot;\"", html, StringComparison.Ordinal);
        Assert.Contains("Unpin", html, StringComparison.Ordinal);

        var published = await client.SendAsync(Post(basePath + "/publish", "\"r1\""));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(2, (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sent").GetInt32());

        var tooLate = await client.SendAsync(Post(basePath + "/edits", "\"r1\"", new { action = "rerun" }));
        Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
    }

    [Fact]
    public async Task Rounds_SomeoneWhoDoesNotOwnTheProgram_IsRefused()
    {
        await SeedAsync();
        using var client = host.ClientAs(Stranger);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/programs/{Rounds.Value}/rounds", JsonContent.Create(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Post($"/programs/{Rounds.Value}/rounds/round-x/publish", "\"r0\""))).StatusCode);
    }
}
