using MentorBot.Core;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Roster;

/// <summary>
/// Who is greeted when the app is installed (issue 15): someone an owner imported gets the program's consent card in
/// their 1:1 chat once, however many install events arrive; a team or group chat gets one short public line, never a
/// private card.
/// </summary>
public sealed class InstallGreetingTests
{
    private static readonly ProgramId Pilot = new("pilot");

    [Fact]
    public async Task ImportedPerson_AppInstalledForThem_ConsentCardOnce()
    {
        using var host = new FlowHost();
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(
            new MentoringProgram(
                Pilot,
                "Pilot cohort",
                new ProgramGoals("Leaders learn data tools; juniors learn how the business works", []),
                new CohortDates(new LocalDate(2026, 11, 1), new LocalDate(2027, 4, 30)),
                new MeetingDefaults(2, TimeSpan.FromMinutes(30)),
                MentoringProgram.DefaultReOfferWindow,
                [Kim.Id]),
            CancellationToken.None);
        await host.AddProfileAsync(Junior(Lee, SkillLevel.Expert, "Finance") with { Participation = Participation.Invited });
        await host.Services.GetRequiredService<IEnrolmentStore>().InsertAsync(Enrolment.Invite(Pilot, Lee.Id, FlowHost.Start.AddDays(-1)), CancellationToken.None);
        var lee = host.ChatOf(Lee);

        var installed = await lee.ProcessActivityAsync(Install(lee, ActivityTypes.InstallationUpdate, a => a.Action = InstallationUpdateActions.Add));
        var added = await lee.ProcessActivityAsync(Install(lee, ActivityTypes.ConversationUpdate, a => a.MembersAdded = [lee.User, lee.Bot]));

        var cards = installed.Cards.Concat(added.Cards).Select(FlowCards.VisibleText).ToList();
        var consent = Assert.Single(cards);
        Assert.Contains("Join Pilot cohort?", consent, StringComparison.Ordinal);
        Assert.DoesNotContain(cards, c => c.Contains("welcome to MentorBot", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task AddedToSharedConversation_OnePublicLine_NoCard(string conversationType)
    {
        using var host = new FlowHost();
        var chat = host.SharedChatOf(Jo, conversationType);

        var installed = await chat.ProcessActivityAsync(Install(chat, ActivityTypes.InstallationUpdate, a => a.Action = InstallationUpdateActions.Add));
        var added = await chat.ProcessActivityAsync(Install(chat, ActivityTypes.ConversationUpdate, a => a.MembersAdded = [chat.Bot]));
        var someoneJoins = await chat.ProcessActivityAsync(Install(chat, ActivityTypes.ConversationUpdate, a => a.MembersAdded = [new ChannelAccount { Id = "29:new" }]));

        var replies = installed.Replies.Concat(added.Replies).Concat(someoneJoins.Replies).ToList();
        var greeting = Assert.Single(replies);
        Assert.Null(greeting.Attachments);
        Assert.Contains("open a 1:1 chat with me", greeting.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Jo.Name, greeting.Text, StringComparison.Ordinal);
    }

    private static Activity Install(TestAdapter chat, string type, Action<Activity> shape)
    {
        var activity = new Activity
        {
            Type = type,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = "msteams",
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            From = chat.User,
            Recipient = chat.Bot,
            Conversation = chat.Conversation,
            Locale = "en-GB",
        };
        shape(activity);
        return activity;
    }
}
