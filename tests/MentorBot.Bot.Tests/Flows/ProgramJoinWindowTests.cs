using MentorBot.Bot.Cards.Actions;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>A program can be joined until its cohort ends, never after (decision 0253).</summary>
public sealed class ProgramJoinWindowTests
{
    private static readonly ProgramId Pilot = PilotProgram.Id;

    [Fact]
    public async Task Join_AfterTheCohortEnded_IsRefusedAndRecordsNothing()
    {
        using var host = await SeedAsync(end: new LocalDate(2026, 11, 20));

        var joined = await host.ChatOf(Jo).InvokeAsync(CardVerbs.JoinProgram, new { programId = Pilot.Value });

        Assert.Contains("Pilot cohort has ended", FlowExpect.InvokeCardText(joined), StringComparison.Ordinal);
        Assert.Null(await host.Services.GetRequiredService<IEnrolmentStore>().GetAsync(Pilot, Jo.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Join_BeforeTheCohortStarts_IsRecorded()
    {
        using var host = await SeedAsync(start: new LocalDate(2027, 1, 4), end: new LocalDate(2027, 4, 30));

        var joined = await host.ChatOf(Jo).InvokeAsync(CardVerbs.JoinProgram, new { programId = Pilot.Value });

        Assert.Contains("Welcome to Pilot cohort", FlowExpect.InvokeCardText(joined), StringComparison.Ordinal);
        Assert.NotNull(await host.Services.GetRequiredService<IEnrolmentStore>().GetAsync(Pilot, Jo.Id, CancellationToken.None));
    }

    private static async Task<FlowHost> SeedAsync(LocalDate end, LocalDate? start = null)
    {
        var host = await new FlowHost().SeedAsync();
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(
            PilotProgram.Create(owners: [Kim], start: start ?? new LocalDate(2026, 6, 1), end: end), CancellationToken.None);
        return host;
    }
}
