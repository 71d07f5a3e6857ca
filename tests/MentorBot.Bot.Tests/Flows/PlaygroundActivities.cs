using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Activities shaped as the Agents Playground sends them (its default user, personal chat, tenant-1), numbered per
/// test, addressed to a loopback Connector: what the HTTP flow tests post to <c>/api/messages</c>.
/// </summary>
internal sealed class PlaygroundActivities(Func<string> serviceUrl)
{
    public const string UserId = "user-id-0";
    public const string AadObjectId = "00000000-0000-0000-0000-0000000000020";
    public const string Conversation = "personal-chat-id";

    private int _nextId;

    /// <summary>The card's <c>Action.Execute</c> invoke value for <paramref name="verb"/> with <paramref name="data"/>.</summary>
    public static JsonObject Execute(string verb, JsonObject data)
    {
        data["verb"] = verb;
        return new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
    }

    public Activity FromPlayground(string type, JsonObject invokeValue) => FromPlayground(type, a =>
    {
        a.Name = AdaptiveCardInvokeValue.InvokeName;
        a.Value = JsonSerializer.SerializeToElement(invokeValue);
    });

    public Activity FromPlayground(string type, Action<Activity> shape)
    {
        var activity = Message(null, UserId, AadObjectId, Conversation);
        activity.Type = type;
        activity.From!.Name = "Sam Senior";
        activity.LocalTimezone = "Europe/London";
        shape(activity);
        return activity;
    }

    public Activity Message(string? text, string userId, string aadObjectId, string conversationId) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"activity-{Interlocked.Increment(ref _nextId)}",
        ChannelId = "msteams",
        ServiceUrl = serviceUrl(),
        From = new ChannelAccount { Id = userId, AadObjectId = aadObjectId },
        Recipient = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = "tenant-1" },
        Locale = "en-GB",
        Text = text,
    };
}
