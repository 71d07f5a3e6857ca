using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Flows.Cast;
using static MentorBot.Bot.Tests.Flows.FlowText;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Sam is the senior in a pairing with Jo and also owns the program. When Jo raises a concern, Sam must not see, count
/// or hear of it beyond the neutral pause every paused pair gets (decision 0240, 0241).
/// </summary>
public sealed class ConcernPrivacyFlowTests
{
    private static readonly ProgramId Pilot = PilotProgram.Id;
    private const string PausedTitle = "Your pairing on Power BI is paused";
    private const string PausedText = "Check-in reminders are on hold while it's paused. There's nothing you need to do.";

    [Fact]
    public async Task ProgramStatus_OwnerWhoIsThePartner_CountsNoConcern_TheOtherOwnerCountsIt()
    {
        using var host = await SeedProgramAsync(owners: [Kim, Sam]);
        var pairing = await host.PairSamWithJoAsync();

        await host.ChatOf(Jo).InvokeAsync(CardVerbs.RaiseConcern, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["concern"] = "He talks over me" });
        var sams = await host.ChatOf(Sam).SendAsync("program status");
        var kims = await host.ChatOf(Kim).SendAsync("program status");

        Assert.Equal("0", Fact(sams.Card, "Open concerns"));
        Assert.Equal("1", Fact(kims.Card, "Open concerns"));
    }

    [Fact]
    public async Task Concern_OnlyOwnerIsThePartner_GoesToTheSafeguardContact_AndTheRaiserIsToldWhoByRole()
    {
        using var host = await SeedProgramAsync(owners: [Sam], safeguard: [Kim]);
        var pairing = await host.PairSamWithJoAsync();

        var raised = await host.ChatOf(Jo).InvokeAsync(CardVerbs.RaiseConcern, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["concern"] = "He talks over me" });

        Assert.Single(host.Inbox(Kim), m => Text(m.Activity).Contains("He talks over me", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Inbox(Sam), m => Text(m.Activity).Contains("He talks over me", StringComparison.Ordinal));
        var told = FlowExpect.InvokeCardText(raised);
        Assert.Contains("The program's safeguarding contact has your message", told, StringComparison.Ordinal);
        Assert.DoesNotContain("Kim", told, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnerPause_BothHearTheSameNeutralNote_AsThePartnerOfSomeoneWhoRaisedAConcern()
    {
        using var concernHost = await SeedProgramAsync(owners: [Kim]);
        var concernPairing = await concernHost.PairSamWithJoAsync();
        await concernHost.ChatOf(Jo).InvokeAsync(CardVerbs.RaiseConcern, new Dictionary<string, string> { ["pairingId"] = concernPairing.Id.Value, ["concern"] = "He talks over me" });
        using var ownerHost = await SeedProgramAsync(owners: [Kim]);
        var ownerPairing = await ownerHost.PairSamWithJoAsync();
        var concern = Concern.Raise(new ConcernId("c-1"), Pilot, ownerPairing.Id, Jo.Id, "Hard to find time", FlowHost.Start, about: Sam.Id);
        await ownerHost.Services.GetRequiredService<IConcernStore>().AddAsync(concern, CancellationToken.None);
        var program = (await ownerHost.Services.GetRequiredService<IProgramStore>().GetAsync(Pilot, CancellationToken.None))!.Value;

        await ownerHost.Services.GetRequiredService<ConcernActions>().ActAsync(program, concern.Id, new ConcernActionRequest("pause", "A break helps both."), Kim.Id, CancellationToken.None);

        var afterConcern = PausedNotice(concernHost, Sam);
        Assert.Equal(afterConcern, PausedNotice(ownerHost, Sam));
        Assert.Equal(afterConcern, PausedNotice(ownerHost, Jo));
        Assert.Contains(PausedTitle, afterConcern, StringComparison.Ordinal);
        Assert.Contains(PausedText, afterConcern, StringComparison.Ordinal);
        Assert.DoesNotContain("Jo", afterConcern, StringComparison.Ordinal);
        Assert.DoesNotContain("concern", afterConcern, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("owner", afterConcern, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Concern_OutboxMessages_SpeakEachRecipientsLanguage_SwedishReaderAndPartner_EnglishRaiser()
    {
        using var host = await SeedProgramAsync(owners: [Kim]);
        var pairing = await host.PairSamWithJoAsync();
        await host.ChatOf(Sam, "sv-SE").SendAsync("hej");
        await host.ChatOf(Kim, "sv-SE").SendAsync("hej");

        await host.ChatOf(Jo).InvokeAsync(CardVerbs.RaiseConcern, new Dictionary<string, string> { ["pairingId"] = pairing.Id.Value, ["concern"] = "He talks over me" });

        var alert = Text(Assert.Single(host.Inbox(Kim), m => Text(m.Activity).Contains("He talks over me", StringComparison.Ordinal)).Activity);
        Assert.Contains("Ett privat ärende om ett mentorskap", alert, StringComparison.Ordinal);
        Assert.DoesNotContain("A private concern", alert, StringComparison.Ordinal);
        var paused = Text(Assert.Single(host.Inbox(Sam), m => Text(m.Activity).Contains("Ert mentorskap om Power BI är pausat", StringComparison.Ordinal)).Activity);
        Assert.Contains("Du behöver inte göra något.", paused, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Inbox(Sam), m => Text(m.Activity).Contains(PausedTitle, StringComparison.Ordinal));
    }

    private static string PausedNotice(FlowHost host, Person person) =>
        Text(Assert.Single(host.Inbox(person), m => Text(m.Activity).Contains(PausedTitle, StringComparison.Ordinal)).Activity);

    private static async Task<FlowHost> SeedProgramAsync(Person[] owners, Person[]? safeguard = null)
    {
        var host = await new FlowHost().SeedAsync();
        await host.SeedProgramAsync(owners, enrolled: [Sam, Jo], safeguard);
        return host;
    }
}
