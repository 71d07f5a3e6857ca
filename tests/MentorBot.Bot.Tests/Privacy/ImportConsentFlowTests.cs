using System.Text;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Flows.Cast;
using static MentorBot.Bot.Tests.Flows.FlowText;

namespace MentorBot.Bot.Tests.Privacy;

/// <summary>
/// Kim imports Ivan, who teaches Power BI, into her program; Sam wants Power BI. Ivan is only invited: nobody is
/// offered him, and no round includes him, until he presses Join on the consent card himself (decision 0242).
/// </summary>
public sealed class ImportConsentFlowTests
{
    private static readonly ProgramId Pilot = PilotProgram.Id;
    private static readonly Person Ivan = Person.Create("Ivan Imported", 9);

    [Fact]
    public async Task Ask_OutsideAnyProgram_ImportedColleague_IsNotOfferedUntilTheyJoin()
    {
        using var host = await HostWithImportedIvanAsync();
        var sam = host.ChatOf(Sam);

        var before = await sam.InvokeAsync(CardVerbs.AskForHelp, FlowScriptTests.PowerBiAsk);
        await JoinAsync(host);
        var after = await sam.InvokeAsync(CardVerbs.AskForHelp, FlowScriptTests.PowerBiAsk);

        Assert.DoesNotContain("Ivan", Shown(before), StringComparison.Ordinal);
        Assert.Contains("Nobody offers Power BI yet", Shown(before), StringComparison.Ordinal);
        Assert.DoesNotContain(host.Inbox(Ivan), m => m.Operation == "send" && Text(m.Activity).Contains("Sam Senior", StringComparison.Ordinal));
        Assert.Contains("Ask Ivan Imported", Shown(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgramRound_ImportedColleague_IsLeftOutUntilTheyJoin()
    {
        using var host = await HostWithImportedIvanAsync();
        await host.Services.GetRequiredService<IEnrolmentStore>().InsertAsync(Enrolment.SelfEnrol(Pilot, Sam.Id, FlowHost.Start.AddDays(-1)), CancellationToken.None);

        var before = await host.ChatOf(Kim).SendAsync("program round");
        await JoinAsync(host);
        var after = await host.ChatOf(Kim).SendAsync("program round");

        Assert.DoesNotContain("Ivan", FlowCards.VisibleText(before.Card), StringComparison.Ordinal);
        Assert.Contains("Sam Senior and Ivan Imported", FlowCards.VisibleText(after.Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_ImportedColleague_IsAskedOnTheConsentCard_AndStaysInvitedUntilJoin()
    {
        using var host = await HostWithImportedIvanAsync();

        var installed = await FlowExpect.Install().SendAsync(host.ChatOf(Ivan));

        Assert.Contains("Join Pilot cohort?", string.Join("\n", installed.Cards.Select(FlowCards.VisibleText)), StringComparison.Ordinal);
        Assert.Equal(ParticipationState.Invited, (await host.Profiles.GetAsync(Ivan.Id, CancellationToken.None))!.Value.Participation.State);
        await JoinAsync(host);
        Assert.Equal(ParticipationState.Active, (await host.Profiles.GetAsync(Ivan.Id, CancellationToken.None))!.Value.Participation.State);
    }

    private static async Task JoinAsync(FlowHost host)
    {
        var ivan = host.ChatOf(Ivan);
        await ivan.SendAsync("hi");
        var joined = await ivan.InvokeAsync(CardVerbs.JoinProgram, new { programId = Pilot.Value });
        Assert.Contains("Welcome to Pilot cohort", FlowExpect.InvokeCardText(joined), StringComparison.Ordinal);
    }

    /// <summary>Only Sam (in no program) and Kim (the owner, who teaches nothing) have profiles; Ivan comes by import.</summary>
    private static async Task<FlowHost> HostWithImportedIvanAsync()
    {
        var host = new FlowHost();
        await host.AddProfileAsync(Senior(Sam));
        await host.AddProfileAsync(Junior(Kim, Core.Skills.SkillLevel.None, "Data") with { Offers = [] });
        foreach (var person in new[] { Sam, Kim })
        {
            await host.ChatOf(person).SendAsync("hi");
        }

        await host.SeedProgramAsync(owners: [Kim], enrolled: []);
        var csv = "name,email,aad_object_id,department,manager,career_level,time_zone,skills_offered,skills_wanted,role,capacity,languages\n"
            + $"Ivan Imported,ivan@contoso.example,{Ivan.Id.AadObjectId},Digital,,2,Europe/London,Power BI:4,,teach,2,en\n";
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var run = await host.Services.GetRequiredService<ParticipantImportService>().RunAsync(file, Pilot, tenant: null, dryRun: false, CancellationToken.None);
        Assert.IsType<ImportRun.Done>(run);
        return host;
    }

    private static string Shown(TestTurn turn) =>
        string.Join("\n", [turn.Text, .. turn.Cards.Select(FlowCards.VisibleText), FlowExpect.InvokeCardText(turn)]);
}
