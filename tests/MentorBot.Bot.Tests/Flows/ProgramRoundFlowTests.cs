using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Programs;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Integration;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Flows.Cast;
using static MentorBot.Bot.Tests.Flows.FlowText;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// "program round" through the whole bot: Kim owns a program with Sam, Jo, Kim and Lee in it. Sam wants Power BI
/// (three juniors can teach it); the juniors all want stakeholder management, which only Sam teaches, with one place.
/// </summary>
public sealed class ProgramRoundFlowTests
{
    private static readonly ProgramId Pilot = new("pilot");

    [Fact]
    public async Task ProgramRound_Owner_SeesPairsWithReasonsAndTheUnmatchedWithWhy()
    {
        using var host = await SeedProgramAsync();

        var preview = await host.ChatOf(Kim).SendAsync("program round");

        var text = FlowCards.VisibleText(preview.Card);
        Assert.Contains("Round preview: Pilot cohort", text, StringComparison.Ordinal);
        Assert.Contains("Sam Senior and ", text, StringComparison.Ordinal);
        Assert.Contains("Power BI", text, StringComparison.Ordinal);
        Assert.Contains("is an expert in Power BI; they know what it is", text, StringComparison.Ordinal);
        Assert.DoesNotContain("you know what it is", text, StringComparison.Ordinal);
        Assert.Contains("Not matched this round (2)", text, StringComparison.Ordinal);
        Assert.Contains("The one colleague who could help is paired with someone else this round.", text, StringComparison.Ordinal);
        Assert.Equal(["Publish and send offers", "Cancel"], preview.ButtonTitles.Distinct());
        Assert.Empty(Offers(host));
    }

    [Fact]
    public async Task ProgramRound_Preview_SaysHowManyCouldNotBeMatchedAndWhy_WithTheSolversNumbers()
    {
        using var host = await SeedProgramAsync();

        var preview = await host.ChatOf(Kim).SendAsync("program round");

        var text = FlowCards.VisibleText(preview.Card);
        var publish = PublishData(preview.Card);
        var round = (await host.Services.GetRequiredService<IRoundStore>().GetAsync(Pilot, new RoundId(publish.RoundId), CancellationToken.None))!.Value;
        var counts = round.Counts;
        Assert.Equal(2, counts.Unmatched);
        Assert.Equal(counts.Unmatched, counts.AllHelpersTaken + counts.NobodyEligible + counts.Other);
        Assert.Contains($"Not matched this round ({counts.Unmatched})", text, StringComparison.Ordinal);
        Assert.Contains($"{counts.AllHelpersTaken} of them: everyone who could help is already paired this round.", text, StringComparison.Ordinal);
        Assert.All(round.Unmatched.Where(u => u.Reason == UnmatchedReason.MentorsTaken), u => Assert.Equal(u.EligibleMentors, u.MentorsFull + u.MentorsPairedWithLearner));
        Assert.True(round.Certificate is { IsOptimal: true });
        Assert.Contains("This is the best possible round", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgramRound_Preview_TheDashboardListsItWithTheSolversNumbersSuppressedBelowFive()
    {
        using var host = await SeedProgramAsync();
        var preview = await host.ChatOf(Kim).SendAsync("program round");
        var round = (await host.Services.GetRequiredService<IRoundStore>().GetAsync(Pilot, new RoundId(PublishData(preview.Card).RoundId), CancellationToken.None))!.Value;

        var activity = await host.Services.GetRequiredService<ProgramActivityLoader>().LoadAsync(Pilot, CancellationToken.None);
        var shown = Assert.Single(ProgramDashboard.Compute(activity, host.Clock.GetUtcNow()).RecentRounds);

        // The dashboard reads the round the solver stored, not a recount: same id, and every number is the solver's
        // count or (about fewer than five people, as here) hidden, never a different number.
        Assert.Equal(round.Id, shown.Id);
        Assert.Equal(RoundState.Previewed, shown.State);
        var counts = round.Counts;
        Assert.True(counts.Unmatched > 0, "the seeded round leaves someone unmatched");
        foreach (var (metric, count) in new[]
                 {
                     (shown.Pairs, counts.Pairs), (shown.Unmatched, counts.Unmatched), (shown.AllHelpersTaken, counts.AllHelpersTaken),
                     (shown.NobodyEligible, counts.NobodyEligible), (shown.Other, counts.Other), (shown.UnusedMentors, counts.UnusedMentors),
                 })
        {
            Assert.True(metric.IsSuppressed || metric.TryGetValue(out var value) && value == count, $"shown {metric} for the solver's {count}");
        }

        Assert.True(shown.Unmatched.IsSuppressed, "two unmatched learners are fewer than five people");
    }

    [Fact]
    public async Task Publish_SendsTheOffersAsShown_AndPublishingAgainSendsNothing()
    {
        using var host = await SeedProgramAsync();
        var kim = host.ChatOf(Kim);
        var preview = await kim.SendAsync("program round");
        var publish = PublishData(preview.Card);

        var published = await kim.InvokeAsync(CardVerbs.PublishRound, new { programId = publish.ProgramId, roundId = publish.RoundId });
        var offersAfterFirst = Offers(host);
        var again = await kim.InvokeAsync(CardVerbs.PublishRound, new { programId = publish.ProgramId, roundId = publish.RoundId });

        Assert.Contains("Sent 2 offers; 2 people are still unmatched.", FlowExpect.InvokeCardText(published), StringComparison.Ordinal);
        Assert.Equal(2, offersAfterFirst.Count);
        var samsRequest = Assert.Single(await host.Requests.ListBySeniorAsync(Sam.Id, CancellationToken.None));
        Assert.Equal((RequestStatus.Offered, Pilot), (samsRequest.Status, samsRequest.Program));
        var chosen = new[] { Jo, Kim, Lee }.Single(p => p.Id == samsRequest.PendingOffer!.Candidate);
        Assert.Contains("Sam Senior would like to learn from you", Text(Assert.Single(offersAfterFirst, o => o.Person == chosen).Activity), StringComparison.Ordinal);
        Assert.Contains(offersAfterFirst, o => o.Person == Sam);
        Assert.Contains("already published, so nothing was sent again", FlowExpect.InvokeCardText(again), StringComparison.Ordinal);
        Assert.Equal(offersAfterFirst.Count, Offers(host).Count);
    }

    [Fact]
    public async Task Publish_ChosenJuniorDeclines_TheRequestIsReOfferedAsUsual()
    {
        using var host = await SeedProgramAsync();
        var kim = host.ChatOf(Kim);
        var publish = PublishData((await kim.SendAsync("program round")).Card);
        await kim.InvokeAsync(CardVerbs.PublishRound, new { programId = publish.ProgramId, roundId = publish.RoundId });
        var request = Assert.Single(await host.Requests.ListBySeniorAsync(Sam.Id, CancellationToken.None));
        var first = new[] { Jo, Kim, Lee }.Single(p => p.Id == request.PendingOffer!.Candidate);

        await host.ChatOf(first).InvokeAsync(CardVerbs.DeclineRequest, new { requestId = request.Id.Value, version = 1 });

        var after = (await host.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Equal(RequestStatus.Offered, after.Status);
        Assert.NotEqual(first.Id, after.PendingOffer!.Candidate);
    }

    [Fact]
    public async Task ProgramRound_NotAnOwner_IsPolitelyRefusedAndSeesNoData()
    {
        using var host = await SeedProgramAsync();

        var refused = await host.ChatOf(Jo).SendAsync("program round");

        Assert.Empty(refused.Cards);
        Assert.StartsWith("Only the owners of a program can run a round.", refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_PressedByANonOwner_SendsNothing()
    {
        using var host = await SeedProgramAsync();
        var publish = PublishData((await host.ChatOf(Kim).SendAsync("program round")).Card);

        var refused = await host.ChatOf(Jo).InvokeAsync(CardVerbs.PublishRound, new { programId = publish.ProgramId, roundId = publish.RoundId });

        Assert.StartsWith("Only the owners of a program can run a round.", refused.Text, StringComparison.Ordinal);
        Assert.Empty(Offers(host));
        Assert.Empty(await host.Requests.ListBySeniorAsync(Sam.Id, CancellationToken.None));
    }

    [Fact]
    public async Task ProgramRound_OwnerOfTwoPrograms_ChoosesTheProgramFirst()
    {
        using var host = await SeedProgramAsync();
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(Program(new ProgramId("second"), "Second cohort"), CancellationToken.None);
        var kim = host.ChatOf(Kim);

        var choice = await kim.SendAsync("program round");
        var preview = await kim.InvokeAsync(CardVerbs.PreviewRound, new { programId = Pilot.Value });

        Assert.Equal(["Pilot cohort", "Second cohort"], choice.ButtonTitles.Distinct().Order());
        Assert.Contains("Round preview: Pilot cohort", FlowExpect.InvokeCardText(preview), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgramRound_InAGroupChat_AsksForTheOneToOneChatAndShowsNoData()
    {
        using var host = await SeedProgramAsync();
        var group = new TestAdapter(
            host.Services.GetRequiredService<IBot>(),
            host.Services.GetRequiredService<TurnErrorHandler>(),
            host.Services.GetServices<IMiddleware>())
        {
            User = new ChannelAccount { Id = Kim.TeamsId, Name = Kim.Name, AadObjectId = Kim.Id.AadObjectId },
            Conversation = new ConversationAccount { Id = "19:pilot-group@thread.v2", ConversationType = "groupChat", TenantId = "tenant-1" },
        };

        var reply = await group.SendAsync("program round");

        Assert.Empty(reply.Cards);
        Assert.Contains("1:1 chat", reply.Text, StringComparison.Ordinal);
    }

    private static async Task<FlowHost> SeedProgramAsync()
    {
        var host = await new FlowHost().SeedAsync();
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(Program(Pilot, "Pilot cohort"), CancellationToken.None);
        var enrolments = host.Services.GetRequiredService<IEnrolmentStore>();
        foreach (var person in new[] { Sam, Jo, Kim, Lee })
        {
            await enrolments.InsertAsync(Enrolment.SelfEnrol(Pilot, person.Id, FlowHost.Start.AddDays(-7)), CancellationToken.None);
        }

        return host;
    }

    private static MentoringProgram Program(ProgramId id, string name) => new(
        id,
        name,
        new ProgramGoals("Leaders learn data tools; juniors learn how the business works", []),
        new CohortDates(new LocalDate(2026, 11, 1), new LocalDate(2027, 4, 30)),
        new MeetingDefaults(2, TimeSpan.FromMinutes(30)),
        MentoringProgram.DefaultReOfferWindow,
        [Kim.Id]);

    private static PublishRoundData PublishData(JsonObject card)
    {
        var data = card["actions"]!.AsArray().Select(a => a!["data"]!).Single(d => (string?)d["verb"] == CardVerbs.PublishRound);
        return new PublishRoundData((string)data["programId"]!, (string)data["roundId"]!);
    }

    private static List<(Person Person, Activity Activity)> Offers(FlowHost host) =>
        [.. new[] { Sam, Jo, Kim, Lee }.SelectMany(p => host.Inbox(p)
            .Where(m => m.Operation == "send" && Text(m.Activity).Contains("would like to learn from you", StringComparison.Ordinal))
            .Select(m => (p, m.Activity)))];
}
