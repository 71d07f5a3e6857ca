using MentorBot.Bot.Cards.Actions;
using MentorBot.Core;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// The owners' chat commands (decision 0440): "my programs" lists what they run; "pause program" stops joins (a person
/// pressing Join is told it is paused), "resume program" restarts them; in Swedish too. Non-owners get a polite no.
/// </summary>
public sealed class ProgramOwnerFlowTests
{
    [Fact]
    public async Task Owner_ListsPausesAndResumes_JoinsFollowTheState()
    {
        using var host = await new FlowHost().SeedAsync();
        await host.SeedProgramAsync([Kim], [Sam]);
        var kim = host.ChatOf(Kim);
        var programs = host.Services.GetRequiredService<IProgramStore>();

        var mine = await kim.SendAsync("my programs");
        var paused = await kim.SendAsync("pause program");
        var joinWhilePaused = await host.ChatOf(Jo).InvokeAsync(CardVerbs.JoinProgram, new { programId = PilotProgram.Id.Value });
        var stateWhilePaused = (await programs.GetAsync(PilotProgram.Id, CancellationToken.None))!.Value;
        var resumed = await kim.SendAsync("resume program");
        var joined = await host.ChatOf(Jo).InvokeAsync(CardVerbs.JoinProgram, new { programId = PilotProgram.Id.Value });

        Assert.Contains("Pilot cohort: running, meetings every", mine.Text, StringComparison.Ordinal);
        Assert.Contains("Pilot cohort is paused", paused.Text, StringComparison.Ordinal);
        Assert.Equal(ProgramState.Paused, stateWhilePaused.State);
        Assert.Contains(stateWhilePaused.History, h => h is { Field: "state", To: "Paused" } && h.By == Kim.Id);
        Assert.Contains("Pilot cohort is paused for now", FlowExpect.InvokeCardText(joinWhilePaused), StringComparison.Ordinal);
        Assert.Contains("Pilot cohort is running again", resumed.Text, StringComparison.Ordinal);
        Assert.Contains("Welcome to Pilot cohort", FlowExpect.InvokeCardText(joined), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swedish_PausaProgram_Works_AndNonOwnersAreToldTheyRunNone()
    {
        using var host = await new FlowHost().SeedAsync();
        await host.SeedProgramAsync([Kim], [Sam]);

        var paused = await host.ChatOf(Kim, "sv-SE").SendAsync("pausa program");
        var stranger = await host.ChatOf(Jo).SendAsync("pause program");

        Assert.Contains("Pilot cohort är pausat", paused.Text, StringComparison.Ordinal);
        Assert.Equal(ProgramState.Paused, (await host.Services.GetRequiredService<IProgramStore>().GetAsync(PilotProgram.Id, CancellationToken.None))!.Value.State);
        Assert.Contains("You don't run a program", stranger.Text, StringComparison.Ordinal);
    }
}
