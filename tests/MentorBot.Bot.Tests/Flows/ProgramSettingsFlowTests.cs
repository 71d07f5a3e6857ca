using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Core;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Two program settings in chat (decision 0445): "juniors may also ask" decides whether someone who joined to teach
/// can ask for help in the program, and an offer sent before an owner paused the program cannot be accepted while it is
/// paused (kindly said, the offer left open) and can once it runs again.
/// </summary>
public sealed class ProgramSettingsFlowTests
{
    private static readonly ProgramId Pilot = new("pilot");

    private static readonly object StakeholdersAsk = new Dictionary<string, string>
    {
        [AskForHelpData.SkillInput] = Stakeholders.Value,
        [AskForHelpData.GoalInput] = "Get my first budget through",
        [AskForHelpData.FormatInput] = MeetingFormats.Call30,
        [AskForHelpData.UrgencyInput] = Urgencies.ThisMonth,
    };

    [Theory]
    [InlineData(true, "en-GB")]
    [InlineData(false, "en-GB")]
    [InlineData(false, "sv-SE")]
    public async Task SomeoneWhoJoinedToTeach_AsksInTheProgram_OnlyWhereJuniorsMayAsk(bool juniorsMayAsk, string locale)
    {
        using var host = await new FlowHost { Locale = locale }.SeedAsync();
        await TeachOnlyAsync(host, Jo);
        await AddPilotAsync(host, p => p with { JuniorsMayAsk = juniorsMayAsk });

        await host.ChatOf(Jo).SendAsync("ask");
        var turn = await host.ChatOf(Jo).InvokeAsync(CardVerbs.AskForHelp, StakeholdersAsk);

        var asked = await host.Services.GetRequiredService<IRequestStore>().ListBySeniorAsync(Jo.Id, CancellationToken.None);
        if (juniorsMayAsk)
        {
            Assert.Equal(Pilot, Assert.Single(asked).Program);
            Assert.Contains("Sam Senior", string.Join('\n', turn.VisibleTexts), StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(asked);
            var expected = new CardTexts(System.Globalization.CultureInfo.GetCultureInfo(locale)).Format("Flow.AskProgramForLearners", "Pilot cohort");
            Assert.Equal(expected, turn.Text);
        }
    }

    [Fact]
    public async Task OfferSentBeforeThePause_AcceptWhilePaused_IsKindlyRefused_AndWorksOnceResumed()
    {
        using var host = await new FlowHost().SeedAsync();
        await AddPilotAsync(host, p => p);
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);
        Assert.Equal(Pilot, request.Program);
        await SetStateAsync(host, ProgramState.Paused);

        var whilePaused = await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });
        var mentorshipsWhilePaused = await host.Services.GetRequiredService<Core.Mentorships.IMentorshipStore>().ListForPersonAsync(Jo.Id, CancellationToken.None);
        await SetStateAsync(host, ProgramState.Running);
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });

        Assert.Contains("Pilot cohort isn't starting new pairs right now", whilePaused.Text, StringComparison.Ordinal);
        Assert.Empty(mentorshipsWhilePaused);
        Assert.Single(await host.Services.GetRequiredService<Core.Mentorships.IMentorshipStore>().ListForPersonAsync(Jo.Id, CancellationToken.None));
    }

    private static async Task TeachOnlyAsync(FlowHost host, Person person)
    {
        var profiles = host.Services.GetRequiredService<IProfileStore>();
        var stored = (await profiles.GetAsync(person.Id, CancellationToken.None))!;
        await profiles.ReplaceAsync(stored.Value with { Role = ProgramRole.Teach }, stored.ETag, CancellationToken.None);
    }

    private static async Task AddPilotAsync(FlowHost host, Func<MentoringProgram, MentoringProgram> settings)
    {
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(
            settings(new MentoringProgram(
                Pilot,
                "Pilot cohort",
                new ProgramGoals("Leaders learn data tools; colleagues learn how the business works", []),
                new CohortDates(new LocalDate(2026, 11, 1), new LocalDate(2027, 4, 30)),
                new MeetingDefaults(2, TimeSpan.FromMinutes(30)),
                MentoringProgram.DefaultReOfferWindow,
                [Kim.Id])),
            CancellationToken.None);
        var enrolments = host.Services.GetRequiredService<IEnrolmentStore>();
        foreach (var person in new[] { Sam, Jo, Kim, Lee })
        {
            await enrolments.InsertAsync(Enrolment.SelfEnrol(Pilot, person.Id, FlowHost.Start.AddDays(-7)), CancellationToken.None);
        }
    }

    private static async Task SetStateAsync(FlowHost host, ProgramState state)
    {
        var programs = host.Services.GetRequiredService<IProgramStore>();
        var stored = (await programs.GetAsync(Pilot, CancellationToken.None))!;
        await programs.ReplaceAsync(stored.Value with { State = state }, stored.ETag, CancellationToken.None);
    }
}
