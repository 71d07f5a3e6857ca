using System.Net;
using System.Text;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// Senior 3 is also an owner of the program, and Junior 3 raises a concern about their pairing (m-3). Senior 3 must not
/// see, count or act on it anywhere; someone outside the pairing reads it (decision 0240).
/// </summary>
public sealed class ConcernPrivacyEndpointTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    private const string Text = "He dismisses everything I suggest in front of others.";

    [Fact]
    public async Task OwnerWhoIsThePartner_SeesCountsAndActsOnNothing_TheOtherOwnerHandlesIt()
    {
        await SetOwnersAsync(program => program with { Owners = [Owner, S(3)] });
        var concern = await RaiseAsync("c-about-owner");
        using var partner = host.ClientAs(S(3));
        using var other = host.ClientAs(Owner);

        var json = await partner.GetStringAsync($"/programs/{Id.Value}/concerns");
        var page = await partner.GetStringAsync($"/programs/{Id.Value}");
        var metrics = await partner.GetStringAsync($"/programs/{Id.Value}/metrics");
        var act = await ActAsync(partner, concern, """{"action":"close","note":"Nothing to see here."}""");
        var missing = await ActAsync(partner, new ConcernId("c-does-not-exist"), """{"action":"close","note":"Nothing to see here."}""");

        Assert.DoesNotContain(concern.Value, json, StringComparison.Ordinal);
        Assert.DoesNotContain(Text, json, StringComparison.Ordinal);
        Assert.DoesNotContain(concern.Value, page, StringComparison.Ordinal);
        Assert.DoesNotContain(Text, page, StringComparison.Ordinal);
        Assert.DoesNotContain(Text, metrics, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, act.StatusCode);
        Assert.Equal(missing.StatusCode, act.StatusCode);
        Assert.Equal(await missing.Content.ReadAsStringAsync(), await act.Content.ReadAsStringAsync());
        Assert.Empty(await host.Services.GetRequiredService<IConcernStore>().ListAuditAsync(Id, concern, CancellationToken.None));
        Assert.Contains(Text, await other.GetStringAsync($"/programs/{Id.Value}/concerns"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(other, concern, """{"action":"acknowledge"}""")).StatusCode);
    }

    [Fact]
    public async Task OnlyOwnerIsThePartner_TheSafeguardContactReadsAndActs_ButNotTheDashboard()
    {
        await SetOwnersAsync(program => program with { Owners = [S(3)], SafeguardContacts = [Stranger] });
        var concern = await RaiseAsync("c-safeguard");
        using var partner = host.ClientAs(S(3));
        using var safeguard = host.ClientAs(Stranger);

        var hidden = await partner.GetStringAsync($"/programs/{Id.Value}/concerns");
        var read = await safeguard.GetStringAsync($"/programs/{Id.Value}/concerns");
        var acted = await ActAsync(safeguard, concern, """{"action":"acknowledge","note":"Called Junior 3."}""");
        var dashboard = await safeguard.GetAsync($"/programs/{Id.Value}");

        Assert.DoesNotContain(concern.Value, hidden, StringComparison.Ordinal);
        Assert.Contains(concern.Value, read, StringComparison.Ordinal);
        Assert.Contains(Text, read, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, acted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, dashboard.StatusCode);
    }

    private async Task SetOwnersAsync(Func<MentoringProgram, MentoringProgram> change)
    {
        var programs = host.Services.GetRequiredService<IProgramStore>();
        var stored = (await programs.GetAsync(Id, CancellationToken.None))!;
        await programs.ReplaceAsync(change(stored.Value), stored.ETag, CancellationToken.None);
    }

    /// <summary>Stored the way rows were before concerns recorded the other person: the pairing tells who it is about.</summary>
    private async Task<ConcernId> RaiseAsync(string id)
    {
        var concern = Concern.Raise(new ConcernId(id), Id, new MentorshipId("m-3"), J(3), Text, Now.AddDays(-1));
        await host.Services.GetRequiredService<IConcernStore>().AddAsync(concern, CancellationToken.None);
        return concern.Id;
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, ConcernId concern, string json) =>
        client.PostAsync($"/programs/{Id.Value}/concerns/{concern.Value}/actions", new StringContent(json, Encoding.UTF8, "application/json"));
}
