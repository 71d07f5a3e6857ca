using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using static MentorBot.Bot.Tests.Flows.Cast;
using static MentorBot.Bot.Tests.Flows.FlowText;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Private cards only in the 1:1 chat (decision 0256): in a group chat or channel MentorBot answers with one short
/// line that shows nobody's data, and continues in the person's own chat.
/// </summary>
public sealed class PrivateInSharedChatTests
{
    private const string PublicLine = "I've sent you a private message about that";

    [Theory]
    [InlineData("groupChat")]
    [InlineData("channel")]
    public async Task Ask_InASharedConversation_OnlyAPublicLineThereAndTheAskContinuesInThePersonalChat(string conversationType)
    {
        using var host = await new FlowHost().SeedAsync();
        var shared = host.SharedChatOf(Sam, conversationType);

        var turn = await shared.SendAsync("can someone help me with Power BI?");

        var reply = Assert.Single(turn.Replies);
        Assert.StartsWith(PublicLine, reply.Text, StringComparison.Ordinal);
        Assert.Empty(turn.Cards);
        Assert.Contains(host.Inbox(Sam), m => Verbs(m.Activity).Contains(CardVerbs.AskForHelp));
    }

    [Fact]
    public async Task Candidates_AfterAnAskInAGroupChat_ShowOnlyInThePersonalChat()
    {
        using var host = await new FlowHost().SeedAsync();
        var shared = host.SharedChatOf(Sam);

        var turn = await shared.InvokeAsync(CardVerbs.AskForHelp, FlowScriptTests.PowerBiAsk);

        Assert.Contains(PublicLine, InvokeText(turn), StringComparison.Ordinal);
        Assert.Empty(turn.Replies);
        Assert.DoesNotContain("Jo Junior", InvokeText(turn), StringComparison.Ordinal);
        Assert.Contains(host.Inbox(Sam), m => Text(m.Activity).Contains("Jo Junior", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MyMentoring_InAChannel_ShowsNoPairingThere()
    {
        using var host = await new FlowHost().SeedAsync();
        var request = await MatchingFlowTests.OfferToAsync(host, Jo);
        await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });

        var turn = await host.SharedChatOf(Sam, "channel").SendAsync("my mentoring");

        Assert.Empty(turn.Cards);
        Assert.DoesNotContain("Jo", turn.Text, StringComparison.Ordinal);
        Assert.Contains(host.Inbox(Sam), m => m.Operation == "send" && Verbs(m.Activity).Contains(CardVerbs.EndPairing));
    }

    [Fact]
    public async Task ForgetMe_PressedInAGroupChat_ConfirmationOnlyInThePersonalChat()
    {
        using var host = await new FlowHost().SeedAsync();

        var turn = await host.SharedChatOf(Jo).InvokeAsync(CardVerbs.ForgetMe);

        Assert.Contains(PublicLine, InvokeText(turn), StringComparison.Ordinal);
        Assert.Contains(host.Inbox(Jo), m => Text(m.Activity).Contains("Delete everything MentorBot knows about you?", StringComparison.Ordinal));
        Assert.NotNull(await host.Profiles.GetAsync(Jo.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Profile_InAGroupChatBySomeoneNeverMet_OpensTheirPersonalChatForTheForm()
    {
        using var host = new FlowHost();
        var ana = Person.Create("Ana Newcomer", 9);

        var turn = await host.SharedChatOf(ana).SendAsync("profile");

        Assert.StartsWith(PublicLine, turn.Text, StringComparison.Ordinal);
        var created = Assert.Single(host.Connector.CreatedConversations);
        Assert.False(created.IsGroup);
        Assert.Equal(ana.TeamsId, Assert.Single(created.Members!).Id);
        Assert.Contains(host.Connector.Calls, c => c.ConversationId == host.Connector.CreatedConversationId
            && c.Activity is not null && Verbs(c.Activity).Contains(CardVerbs.SaveProfile));
        Assert.DoesNotContain(host.Connector.Calls, c => c.ConversationId.StartsWith("19:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_InAGroupChat_IsAnsweredThere()
    {
        using var host = await new FlowHost().SeedAsync();

        var turn = await host.SharedChatOf(Sam).SendAsync("help");

        Assert.NotEmpty(turn.Cards);
        Assert.DoesNotContain(turn.Replies, r => (r.Text ?? string.Empty).StartsWith(PublicLine, StringComparison.Ordinal));
    }

    private static string InvokeText(TestTurn turn) =>
        turn.InvokeResponse?.Body is { } body && body.TryGetProperty("value", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
            ? value.GetString()!
            : string.Empty;

    private static IEnumerable<string> Verbs(Activity activity) =>
        (activity.Attachments ?? []).SelectMany(a => CardJson.Verbs(JsonNode.Parse(a.Content!.Value.GetRawText())!));
}
