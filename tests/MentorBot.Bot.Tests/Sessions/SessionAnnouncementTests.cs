using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Core;
using MentorBot.Core.Programs;
using MentorBot.Core.Sessions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static MentorBot.Bot.Tests.Flows.Cast;
using static MentorBot.Bot.Tests.Flows.FlowText;

namespace MentorBot.Bot.Tests.Sessions;

/// <summary>
/// The channel announcement (decision 0475): a program owner types "announce sessions here" in a team channel; each new
/// session of the program is posted there once, through the outbox, showing only what the host chose to share; a
/// press on Join continues in the person's own chat. Anyone else who types it is told plainly that only owners can.
/// </summary>
public sealed class SessionAnnouncementTests
{
    private const string Channel = "19:general@thread.tacv2";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ProgramId Pilot = new("pilot");

    [Fact]
    public async Task OwnerChoosesTheChannel_NewSessionAnnouncedThereOnce_JoinFromItContinuesInOwnChat()
    {
        using var host = await new FlowHost().SeedAsync();
        var programs = host.Services.GetRequiredService<IProgramStore>();
        await programs.InsertAsync(Program() with { Tenant = (await host.Profiles.GetAsync(Jo.Id, None))!.Value.Tenant }, None);

        var notOwner = await host.SharedChatOf(Lee, "channel").SendAsync("announce sessions here");
        Assert.Contains("Only an owner of a program", string.Join("\n", notOwner.Replies.Select(Text)), StringComparison.Ordinal);
        Assert.Null((await programs.GetAsync(Pilot, None))!.Value.SessionsChannel);

        var chosen = await host.SharedChatOf(Kim, "channel").SendAsync("annonsera sessioner här");
        Assert.Contains("Pilot cohort", string.Join("\n", chosen.Replies.Select(Text)), StringComparison.Ordinal);
        Assert.Equal(Channel, (await programs.GetAsync(Pilot, None))!.Value.SessionsChannel);

        var service = host.Services.GetRequiredService<GroupSessionService>();
        var jo = (await host.Profiles.GetAsync(Jo.Id, None))!.Value;
        var inProgram = Assert.IsType<OfferOutcome.Created>(await service.OfferAsync(
            jo, new SessionDraft("Power BI for leaders", PowerBi, "Build your first dashboard together", TimeSpan.FromHours(1), 3, [FlowHost.Start.AddDays(8)], Pilot, HostShownName: "Jo"), None)).Session;
        _ = Assert.IsType<OfferOutcome.Created>(await service.OfferAsync(
            jo, new SessionDraft("Short video basics", TikTok, "No program, no channel", TimeSpan.FromHours(1), 3, [FlowHost.Start.AddDays(9)], HostShownName: "Jo"), None));

        // Sending the outbox again (another pass, another instance) posts nothing more.
        await host.Services.GetRequiredService<Bot.Workers.NudgeDispatcher>().DispatchDueAsync(None);
        var posts = host.Connector.Calls.Where(c => c.ConversationId == Channel && c.Activity is { Attachments.Count: > 0 }).Select(c => Text(c.Activity!)).ToList();
        var post = Assert.Single(posts);
        Assert.Contains("Power BI for leaders", post, StringComparison.Ordinal);
        Assert.Contains("Build your first dashboard together", post, StringComparison.Ordinal);
        Assert.DoesNotContain("Jo Junior", post, StringComparison.Ordinal);
        Assert.DoesNotContain("Short video basics", post, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Inbox(Kim), m => Text(m.Activity).Contains("Power BI for leaders", StringComparison.Ordinal));

        var join = await host.SharedChatOf(Sam, "channel").InvokeAsync(CardVerbs.JoinSession, new { sessionId = inProgram.Id.Value });
        Assert.DoesNotContain("Sam", string.Join("\n", join.Replies.Select(Text)), StringComparison.Ordinal);
        Assert.Single(host.Inbox(Sam), m => Text(m.Activity).Contains("You're in: Power BI for leaders", StringComparison.Ordinal));
    }

    private static MentoringProgram Program() => new(
        Pilot,
        "Pilot cohort",
        new ProgramGoals("Leaders learn data tools; juniors learn how the business works", []),
        new CohortDates(new LocalDate(2026, 11, 1), new LocalDate(2027, 4, 30)),
        new MeetingDefaults(2, TimeSpan.FromMinutes(30)),
        MentoringProgram.DefaultReOfferWindow,
        [Kim.Id]);
}
