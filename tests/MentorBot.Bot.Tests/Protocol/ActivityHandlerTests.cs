using System.Text.Json;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Fakes;

namespace MentorBot.Bot.Tests.Protocol;

public sealed class ActivityHandlerTests
{
    public static TheoryData<string, string> RoutingTable => new()
    {
        { """{"type":"message","text":"hi"}""", "Message" },
        { """{"type":"conversationUpdate","membersAdded":[{"id":"29:a"}]}""", "MembersAdded" },
        { """{"type":"conversationUpdate","membersRemoved":[{"id":"29:a"}],"channelData":{"eventType":"teamMemberRemoved"}}""", "MembersRemoved" },
        { """{"type":"conversationUpdate","channelData":{"eventType":"teamMemberAdded"}}""", "" },
        { """{"type":"installationUpdate","action":"add"}""", "InstallationAdd" },
        { """{"type":"installationUpdate","action":"add-upgrade"}""", "InstallationAdd" },
        { """{"type":"installationUpdate","action":"remove"}""", "InstallationRemove" },
        { """{"type":"installationUpdate","action":"remove-upgrade"}""", "InstallationRemove" },
        { """{"type":"installationUpdate","action":"something-new"}""", "" },
        { """{"type":"invoke","name":"adaptiveCard/action","value":{"action":{"type":"Action.Execute","verb":"accept"}}}""", "AdaptiveCardInvoke:accept" },
        { """{"type":"messageReaction","reactionsAdded":[{"type":"like"}]}""", "MessageReaction" },
        { """{"type":"event","name":"nudge"}""", "Event" },
        { """{"type":"messageUpdate","channelData":{"eventType":"editMessage"}}""", "MessageUpdate" },
        { """{"type":"messageDelete","channelData":{"eventType":"softDeleteMessage"}}""", "MessageDelete" },
        { """{"type":"typing"}""", "Typing" },
        { """{"type":"endOfConversation"}""", "EndOfConversation" },
        { """{"type":"somethingFromTheFuture"}""", "Unrecognized" },
    };

    [Theory]
    [MemberData(nameof(RoutingTable))]
    public async Task OnTurnAsync_ActivityType_RoutesToItsHandler(string activityJson, string expected)
    {
        var handler = new RecordingHandler();
        var turn = Turn(activityJson);

        await handler.OnTurnAsync(turn, CancellationToken.None);

        Assert.Equal(expected, string.Join(",", handler.Calls));
    }

    [Fact]
    public async Task OnTurnAsync_CardActionHandled_Answers200WithTheCardResponse()
    {
        var handler = new RecordingHandler();
        var turn = Turn(TestActivities.Json("invoke-adaptive-card-action"));

        await handler.OnTurnAsync(turn, CancellationToken.None);

        Assert.Equal(200, turn.InvokeResponse!.Status);
        var body = turn.InvokeResponse.Body!.Value;
        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, body.GetProperty("type").GetString());
        Assert.Equal("done: acceptRequest", body.GetProperty("value").GetString());
    }

    [Theory]
    [InlineData("""{"type":"invoke","name":"adaptiveCard/action","value":"not an object"}""")]
    [InlineData("""{"type":"invoke","name":"adaptiveCard/action","value":{"action":{"verb":42}}}""")]
    [InlineData("""{"type":"invoke","name":"adaptiveCard/action"}""")]
    public async Task OnTurnAsync_MalformedCardActionValue_Answers200WithAnErrorBody(string activityJson)
    {
        var handler = new RecordingHandler();
        var turn = Turn(activityJson);

        await handler.OnTurnAsync(turn, CancellationToken.None);

        Assert.Empty(handler.Calls);
        Assert.Equal(200, turn.InvokeResponse!.Status);
        var body = turn.InvokeResponse.Body!.Value;
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.Equal(AdaptiveCardInvokeResponse.ErrorType, body.GetProperty("type").GetString());
        Assert.Equal("BadRequest", body.GetProperty("value").GetProperty("code").GetString());
    }

    [Fact]
    public async Task OnTurnAsync_UnknownInvokeName_Answers501()
    {
        var handler = new RecordingHandler();
        var turn = Turn("""{"type":"invoke","name":"task/fetch","value":{}}""");

        await handler.OnTurnAsync(turn, CancellationToken.None);

        Assert.Equal(501, turn.InvokeResponse!.Status);
        Assert.Null(turn.InvokeResponse.Body);
    }

    [Fact]
    public async Task OnTurnAsync_CardActionNotOverridden_Answers501()
    {
        var handler = new SilentHandler();
        var turn = Turn(TestActivities.Json("invoke-adaptive-card-action"));

        await handler.OnTurnAsync(turn, CancellationToken.None);

        Assert.Equal(501, turn.InvokeResponse!.Status);
    }

    private static TurnContext Turn(string activityJson) =>
        new(JsonSerializer.Deserialize(activityJson, ProtocolJsonContext.Default.Activity)!, new RecordingConnectorClient());

    private sealed class SilentHandler : ActivityHandler;

    private sealed class RecordingHandler : ActivityHandler
    {
        public List<string> Calls { get; } = [];

        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("Message");

        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) => Record("MembersAdded");

        protected override Task OnMembersRemovedAsync(IReadOnlyList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken) => Record("MembersRemoved");

        protected override Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("InstallationAdd");

        protected override Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("InstallationRemove");

        protected override async Task<AdaptiveCardInvokeResponse?> OnAdaptiveCardInvokeAsync(AdaptiveCardInvokeValue invokeValue, ITurnContext turnContext, CancellationToken cancellationToken)
        {
            await Record("AdaptiveCardInvoke:" + invokeValue.Action!.Verb);
            return AdaptiveCardInvokeResponse.Message("done: " + invokeValue.Action.Verb);
        }

        protected override Task OnMessageReactionActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("MessageReaction");

        protected override Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("Event");

        protected override Task OnMessageUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("MessageUpdate");

        protected override Task OnMessageDeleteActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("MessageDelete");

        protected override Task OnTypingActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("Typing");

        protected override Task OnEndOfConversationActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("EndOfConversation");

        protected override Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("Unrecognized");

        private Task Record(string call)
        {
            Calls.Add(call);
            return Task.CompletedTask;
        }
    }
}
