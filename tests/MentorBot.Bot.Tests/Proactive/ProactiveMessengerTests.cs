using System.Net;
using System.Text.Json;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace MentorBot.Bot.Tests.Proactive;

public sealed class ProactiveMessengerTests
{
    private static readonly PersonKey Person = new(TestActivities.UserAadObjectId);
    private readonly InMemoryConversationReferenceStore _store = new();
    private readonly RecordingConnectorClient _connector = new();

    [Fact]
    public async Task Send_StoredOneOnOne_SendsAsANewMessageFromTheBot()
    {
        await _store.SaveAsync(Person, PersonalReference(), CancellationToken.None);

        var outcome = await Messenger().SendAsync(Person, Text("Your check-in is tomorrow"), CancellationToken.None);

        Assert.IsType<SendOutcome.Sent>(outcome);
        var call = Assert.Single(_connector.Calls);
        Assert.Equal(("send", "https://smba.trafficmanager.net/emea/", TestActivities.PersonalConversationId), (call.Operation, call.ServiceUrl, call.ConversationId));
        Assert.Equal(TestActivities.BotId, call.Activity!.From!.Id);
        Assert.Equal(TestActivities.UserId, call.Activity.Recipient!.Id);
        Assert.Null(call.Activity.ReplyToId);
    }

    [Fact]
    public async Task Send_UnknownPerson_FailsWithoutCallingTheConnector()
    {
        var outcome = await Messenger().SendAsync(Person, Text("hi"), CancellationToken.None);

        Assert.Equal(new SendOutcome.Failed(HttpStatusCode.NotFound, "NoConversationReference"), outcome);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Send_BotRemovedFromRoster_ForgetsTheReference()
    {
        await _store.SaveAsync(Person, PersonalReference(), CancellationToken.None);
        _connector.SendOutcomes.Enqueue(new SendOutcome.RecipientGone(RecipientGoneReason.BotNotInConversationRoster));

        var outcome = await Messenger().SendAsync(Person, Text("hi"), CancellationToken.None);

        Assert.Equal(new SendOutcome.RecipientGone(RecipientGoneReason.BotNotInConversationRoster), outcome);
        Assert.Null(await _store.GetAsync(Person, CancellationToken.None));
    }

    [Fact]
    public async Task Send_ReferenceFromATeamChannel_OpensAOneOnOneAndSendsSeparately()
    {
        var teamReference = PersonalReference();
        teamReference.Conversation = new ConversationAccount { Id = "19:general@thread.tacv2", IsGroup = true, ConversationType = "channel", TenantId = TestActivities.TenantId };
        await _store.SaveAsync(Person, teamReference, CancellationToken.None);

        var outcome = await Messenger().SendAsync(Person, Text("A junior offered to help"), CancellationToken.None);

        Assert.IsType<SendOutcome.Sent>(outcome);
        var created = Assert.Single(_connector.CreatedConversations);
        Assert.False(created.IsGroup);
        Assert.Null(created.Activity);
        Assert.Equal(TestActivities.TenantId, created.TenantId);
        Assert.Equal(TestActivities.TenantId, created.ChannelData!.Value.GetProperty("tenant").GetProperty("id").GetString());
        Assert.Equal(TestActivities.UserId, Assert.Single(created.Members!).Id);
        Assert.Equal(["create", "send"], _connector.Calls.Select(c => c.Operation));
        Assert.Equal("a:created-1on1", _connector.Calls.Last().ConversationId);
        Assert.Equal("a:created-1on1", (await _store.GetAsync(Person, CancellationToken.None))!.Conversation!.Id);
    }

    [Fact]
    public async Task Send_StoredConversationNotFound_ReopensTheOneOnOne()
    {
        await _store.SaveAsync(Person, PersonalReference(), CancellationToken.None);
        _connector.SendOutcomes.Enqueue(new SendOutcome.RecipientGone(RecipientGoneReason.ConversationNotFound));

        var outcome = await Messenger().SendAsync(Person, Text("hi"), CancellationToken.None);

        Assert.IsType<SendOutcome.Sent>(outcome);
        Assert.Equal(["send", "create", "send"], _connector.Calls.Select(c => c.Operation));
    }

    private static Activity Text(string text) => new() { Type = ActivityTypes.Message, Text = text };

    private static ConversationReference PersonalReference()
    {
        var reference = TestActivities.Message("hi").GetConversationReference();
        reference.ActivityId = null;
        return JsonSerializer.Deserialize(JsonSerializer.Serialize(reference, ProtocolJsonContext.Default.ConversationReference), ProtocolJsonContext.Default.ConversationReference)!;
    }

    private ProactiveMessenger Messenger() => new(_store, _connector, NullLogger<ProactiveMessenger>.Instance);
}
