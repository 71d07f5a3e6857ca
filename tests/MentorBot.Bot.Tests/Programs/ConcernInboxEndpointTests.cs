using System.Net;
using System.Text;
using System.Text.Json;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

public sealed class ConcernInboxEndpointTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    [Fact]
    public async Task PauseThenClose_Owner_PausesThePairAndAuditsBothActions()
    {
        var concern = await RaiseAsync("c-pause", new MentorshipId("m-4"));
        using var client = host.ClientAs(Owner);

        var paused = await ActAsync(client, concern, """{"action":"pause","note":"Spoke to both; a break helps."}""");
        var noNote = await ActAsync(client, concern, """{"action":"close"}""");
        var closed = await ActAsync(client, concern, """{"action":"close","note":"They agreed to stop."}""");
        var inbox = JsonDocument.Parse(await client.GetStringAsync($"/programs/{Id.Value}/concerns")).RootElement;

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("Paused", JsonDocument.Parse(await paused.Content.ReadAsStringAsync()).RootElement.GetProperty("mentorshipState").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var pair = (await host.Services.GetRequiredService<IMentorshipStore>().GetAsync(new MentorshipId("m-4"), CancellationToken.None))!.Value;
        Assert.Equal(MentorshipStatus.Paused, pair.State.Status);
        var listed = inbox.EnumerateArray().Single(c => c.GetProperty("id").GetString() == concern.Value);
        Assert.Equal("Resolved", listed.GetProperty("state").GetString());
        Assert.Equal("We never find time and I feel talked down to.", listed.GetProperty("text").GetString());
        Assert.Equal(["PausePairing", "Close"], listed.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        Assert.All(listed.GetProperty("audit").EnumerateArray(), a => Assert.Equal(Owner.AadObjectId, a.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task RePair_Owner_EndsThePairingAndOffersTheLearnerToSomeoneElse()
    {
        var concern = await RaiseAsync("c-repair", new MentorshipId("m-5"));
        using var client = host.ClientAs(Owner);

        var response = await ActAsync(client, concern, """{"action":"re-pair","note":"Looking for a better fit."}""");
        var again = await ActAsync(client, concern, """{"action":"pause"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pair = (await host.Services.GetRequiredService<IMentorshipStore>().GetAsync(new MentorshipId("m-5"), CancellationToken.None))!.Value;
        Assert.Equal(MentorshipStatus.Ended, pair.State.Status);
        Assert.Equal(EndReason.ClosedByProgramOwner, pair.State.EndReason);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // Re-pair asks again for the learner straight away, and never offers the colleague they just left.
        var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("rePairing").GetString();
        var asked = (await host.Services.GetRequiredService<IRequestStore>().ListBySeniorAsync(pair.Senior, CancellationToken.None))
            .Where(r => r.Skill == pair.Skill && r.CreatedAt >= pair.State.Since).ToList();
        Assert.Equal("Offered", outcome);
        var offered = Assert.Single(asked, r => r.Status == RequestStatus.Offered);
        Assert.NotEqual(pair.Junior, offered.PendingOffer!.Candidate);

        Assert.DoesNotContain(asked, r => r.Offers.Any(o => o.Candidate == pair.Junior));
    }

    [Fact]
    public async Task UnknownActionOrConcern_IsRefusedWithoutAudit()
    {
        var concern = await RaiseAsync("c-unknown", new MentorshipId("m-6"));
        using var client = host.ClientAs(Owner);

        var unknownAction = await ActAsync(client, concern, """{"action":"delete"}""");
        var unknownConcern = await ActAsync(client, new ConcernId("c-nope"), """{"action":"pause"}""");

        Assert.Equal(HttpStatusCode.BadRequest, unknownAction.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownConcern.StatusCode);
        Assert.Empty(await host.Services.GetRequiredService<IConcernStore>().ListAuditAsync(Id, concern, CancellationToken.None));
    }

    [Fact]
    public async Task Page_Owner_ListsTheConcernWithItsActions_ResolvedOnesWithoutButtons()
    {
        var open = await RaiseAsync("c-page-open", new MentorshipId("m-6"));
        var resolved = await RaiseAsync("c-page-done", new MentorshipId("m-6"));
        using var client = host.ClientAs(Owner);
        await ActAsync(client, resolved, """{"action":"close","note":"Talked it through."}""");

        var page = await client.GetStringAsync($"/programs/{Id.Value}");

        var openRow = Row(page, open.Value);
        Assert.Contains("We never find time and I feel talked down to.", openRow, StringComparison.Ordinal);
        Assert.Contains("data-action=\"pause\"", openRow, StringComparison.Ordinal);
        Assert.Contains("data-action=\"close\"", openRow, StringComparison.Ordinal);
        Assert.Contains("0 action(s) audited", openRow, StringComparison.Ordinal);
        var doneRow = Row(page, resolved.Value);
        Assert.Contains("Resolved", doneRow, StringComparison.Ordinal);
        Assert.DoesNotContain("data-action", doneRow, StringComparison.Ordinal);
        Assert.Contains("1 action(s) audited", doneRow, StringComparison.Ordinal);
    }

    private static string Row(string page, string concernId)
    {
        var start = page.IndexOf($"<tr id=\"concern-{concernId}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {concernId}");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private async Task<ConcernId> RaiseAsync(string id, MentorshipId pair)
    {
        // Raised by the junior of that pairing (m-n pairs S(n) with J(n)): a concern is only ever read about a pairing its raiser is in.
        var junior = J(int.Parse(pair.Value[2..], System.Globalization.CultureInfo.InvariantCulture));
        var concern = Concern.Raise(new ConcernId(id), Id, pair, junior, "We never find time and I feel talked down to.", Now.AddDays(-1));
        await host.Services.GetRequiredService<IConcernStore>().AddAsync(concern, CancellationToken.None);
        return concern.Id;
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, ConcernId concern, string json) =>
        client.PostAsync($"/programs/{Id.Value}/concerns/{concern.Value}/actions", new StringContent(json, Encoding.UTF8, "application/json"));
}
