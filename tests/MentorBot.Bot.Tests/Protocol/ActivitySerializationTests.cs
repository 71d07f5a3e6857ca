using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Fakes;

namespace MentorBot.Bot.Tests.Protocol;

public sealed class ActivitySerializationTests
{
    public static TheoryData<string> CapturedActivities => new()
    {
        "message-channel-mention",
        "conversation-update-members-added",
        "installation-update-add",
        "invoke-adaptive-card-action",
        "message-reaction",
        "message-action-submit",
    };

    [Theory]
    [MemberData(nameof(CapturedActivities))]
    public void RoundTrip_CapturedTeamsActivity_KeepsEveryField(string name)
    {
        var original = JsonNode.Parse(TestActivities.Json(name))!;

        var activity = JsonSerializer.Deserialize(original.ToJsonString(), ProtocolJsonContext.Default.Activity)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity))!;

        AssertSameJson(original, written, "$");
    }

    [Fact]
    public void Deserialize_ChannelMessageWithMention_ReadsAccountsEntitiesAndChannelData()
    {
        var activity = TestActivities.Load("message-channel-mention");

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal("6d1d6a4e-0c1b-4c5c-b0e6-6b2f2f1d2a61", activity.From!.AadObjectId);
        Assert.True(activity.Conversation!.IsGroup);
        Assert.Equal("channel", activity.Conversation.ConversationType);
        Assert.Equal(TimeSpan.FromHours(-7), activity.LocalTimestamp!.Value.Offset);
        var mention = Assert.Single(activity.Entities!, e => e.Type == Entity.MentionType);
        Assert.Equal(TestActivities.BotId, mention.Mentioned!.Id);
        var channelData = activity.GetTeamsChannelData()!;
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", channelData.Tenant!.Id);
        Assert.Equal("19:712c61d0ef384e5fa681ba90ca943398@thread.skype", channelData.Team!.Id);
        Assert.Equal("19:253b1f341670408fb6fe51050b6e5ceb@thread.skype", channelData.Channel!.Id);
        Assert.True(channelData.Properties!.ContainsKey("teamsTeamId"));
    }

    [Fact]
    public void RemoveRecipientMention_ChannelMessage_LeavesTheTypedText()
    {
        var activity = TestActivities.Load("message-channel-mention");

        var text = activity.RemoveRecipientMention();

        Assert.Equal("hello there", text);
        Assert.Equal("hello there", activity.Text);
    }

    [Fact]
    public void RemoveRecipientMention_MentionOfSomeoneElse_KeepsIt()
    {
        var activity = TestActivities.Message("<at>Megan</at> can you help?  <at>MentorBot</at>");
        activity.Entities =
        [
            new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = "29:megan", Name = "Megan" }, Text = "<at>Megan</at>" },
            new Entity { Type = "Mention", Mentioned = new ChannelAccount { Id = TestActivities.BotId, Name = "MentorBot" } },
        ];

        var text = activity.RemoveRecipientMention();

        Assert.Equal("<at>Megan</at> can you help?", text);
    }

    [Fact]
    public void RemoveRecipientMention_NoText_ReturnsNull()
    {
        var activity = TestActivities.Load("message-action-submit");

        Assert.Null(activity.RemoveRecipientMention());
    }

    [Fact]
    public void GetClientTimeZone_LocalTimezonePresent_UsesIt()
    {
        var activity = TestActivities.Load("message-channel-mention");

        Assert.Equal("America/Los_Angeles", activity.GetClientTimeZoneId());
        Assert.Equal("America/Los_Angeles", activity.GetClientTimeZone()!.Id);
    }

    [Fact]
    public void GetClientTimeZone_OnlyClientInfo_FallsBackToIt()
    {
        var activity = TestActivities.Load("installation-update-add");

        Assert.Equal("Europe/Stockholm", activity.GetClientTimeZoneId());
    }

    [Fact]
    public void GetClientTimeZone_UnknownZone_IsNull()
    {
        var activity = TestActivities.Message("hi");
        activity.LocalTimezone = "Mars/Olympus_Mons";

        Assert.Null(activity.GetClientTimeZone());
    }

    [Fact]
    public void Deserialize_AdaptiveCardInvoke_ValueParsesAsInvokeValue()
    {
        var activity = TestActivities.Load("invoke-adaptive-card-action");

        var value = activity.Value!.Value.Deserialize(ProtocolJsonContext.Default.AdaptiveCardInvokeValue)!;

        Assert.Equal(AdaptiveCardInvokeValue.InvokeName, activity.Name);
        Assert.Equal("Action.Execute", value.Action!.Type);
        Assert.Equal("acceptRequest", value.Action.Verb);
        Assert.Equal("req-42", value.Action.Data!.Value.GetProperty("requestId").GetString());
        Assert.Equal("manual", value.Trigger);
        Assert.True(value.Action.Properties!.ContainsKey("title"));
    }

    [Fact]
    public void Deserialize_ActionSubmitMessage_HasValueAndNoText()
    {
        var activity = TestActivities.Load("message-action-submit");

        Assert.Null(activity.Text);
        Assert.Equal("ai-tools", activity.Value!.Value.GetProperty("skill").GetString());
        Assert.Equal("1668428135418", activity.ReplyToId);
    }

    [Fact]
    public void Deserialize_MessageReaction_ReadsReactionTypes()
    {
        var activity = TestActivities.Load("message-reaction");

        Assert.Equal("like", Assert.Single(activity.ReactionsAdded!).Type);
    }

    [Fact]
    public void RoundTrip_UnknownEntityType_KeepsItsFields()
    {
        const string json = """{"type":"message","entities":[{"type":"https://schema.org/Message","@type":"Message","@context":"https://schema.org","additionalType":["AIGeneratedContent"]}]}""";

        var activity = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.Activity)!;

        Assert.Equal(json, JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity));
    }

    [Fact]
    public void Serialize_NewReply_OmitsNullFields()
    {
        var reply = new Activity { Type = ActivityTypes.Message, Text = "hi" };

        var json = JsonSerializer.Serialize(reply, ProtocolJsonContext.Default.Activity);

        Assert.Equal("""{"type":"message","text":"hi"}""", json);
    }

    [Fact]
    public void CreateReply_Message_AddressesTheSenderInTheSameConversation()
    {
        var incoming = TestActivities.Load("message-action-submit");

        var reply = incoming.CreateReply("thanks");

        Assert.Equal(incoming.Recipient!.Id, reply.From!.Id);
        Assert.Equal(incoming.From!.Id, reply.Recipient!.Id);
        Assert.Equal(incoming.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal(incoming.Id, reply.ReplyToId);
        Assert.Equal("thanks", reply.Text);
    }

    [Fact]
    public void ApplyConversationReference_Outgoing_SwapsAccountsAndRepliesToTheReferencedActivity()
    {
        var reference = TestActivities.Load("message-action-submit").GetConversationReference();

        var outgoing = new Activity { Type = ActivityTypes.Message, Text = "later" }.ApplyConversationReference(reference);

        Assert.Equal(TestActivities.BotId, outgoing.From!.Id);
        Assert.Equal(TestActivities.UserId, outgoing.Recipient!.Id);
        Assert.Equal("1668428301772", outgoing.ReplyToId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", outgoing.ServiceUrl);
        Assert.Equal(TestActivities.TenantId, outgoing.Conversation!.TenantId);
    }

    [Fact]
    public void ApplyConversationReference_Incoming_AddressesTheBot()
    {
        var reference = TestActivities.Load("message-action-submit").GetConversationReference();

        var incoming = new Activity { Type = ActivityTypes.Event }.ApplyConversationReference(reference, isIncoming: true);

        Assert.Equal(TestActivities.UserId, incoming.From!.Id);
        Assert.Equal(TestActivities.BotId, incoming.Recipient!.Id);
        Assert.Equal("1668428301772", incoming.Id);
    }

    [Fact]
    public void GetTeamsChannelData_UnexpectedShape_IsNullNotAnException()
    {
        var activity = TestActivities.Message("hi");
        activity.ChannelData = JsonDocument.Parse("""{"tenant":"not-an-object"}""").RootElement.Clone();

        Assert.Null(activity.GetTeamsChannelData());
    }

    [Fact]
    public void GetTenantId_OnlyInChannelData_ReadsIt()
    {
        var activity = TestActivities.Message("hi");
        activity.Conversation!.TenantId = null;
        activity.SetTeamsChannelData(new TeamsChannelData { Tenant = new TenantInfo("tenant-from-channel-data") });

        Assert.Equal("tenant-from-channel-data", activity.GetTenantId());
    }

    /// <summary>Compares JSON structurally; timestamps compare as instants with their offsets, not as text.</summary>
    private static void AssertSameJson(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual);
                Assert.True(
                    expectedObject.Select(p => p.Key).Order().SequenceEqual(actualObject.Select(p => p.Key).Order()),
                    $"{path}: properties differ: [{string.Join(",", expectedObject.Select(p => p.Key))}] vs [{string.Join(",", actualObject.Select(p => p.Key))}]");
                foreach (var (key, value) in expectedObject)
                {
                    AssertSameJson(value, actualObject[key], $"{path}.{key}");
                }

                break;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.Equal(expectedArray.Count, actualArray.Count);
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    AssertSameJson(expectedArray[i], actualArray[i], $"{path}[{i}]");
                }

                break;
            case JsonValue expectedValue when expectedValue.GetValueKind() == JsonValueKind.String
                && DateTimeOffset.TryParse(expectedValue.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var expectedTime)
                && expectedValue.GetValue<string>().Contains('T', StringComparison.Ordinal):
                var actualTime = DateTimeOffset.Parse(actual!.GetValue<string>(), CultureInfo.InvariantCulture);
                Assert.Equal(expectedTime, actualTime);
                Assert.Equal(expectedTime.Offset, actualTime.Offset);
                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: {expected?.ToJsonString()} != {actual?.ToJsonString()}");
                break;
        }
    }
}
