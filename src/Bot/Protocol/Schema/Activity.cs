using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentorBot.Bot.Protocol.Schema;

/// <summary>
/// One Bot Framework activity as it travels on the wire. Mutable like Bot Builder's <c>Activity</c> so handlers can
/// shape replies; fields this model does not name are kept in <see cref="Properties"/> and written back unchanged,
/// which matters when a bot PUTs an updated copy of an activity it received.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public DateTimeOffset? LocalTimestamp { get; set; }

    public string? LocalTimezone { get; set; }

    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public ChannelAccount? From { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public ChannelAccount? Recipient { get; set; }

    public string? TextFormat { get; set; }

    public string? AttachmentLayout { get; set; }

    public IList<ChannelAccount>? MembersAdded { get; set; }

    public IList<ChannelAccount>? MembersRemoved { get; set; }

    public IList<MessageReaction>? ReactionsAdded { get; set; }

    public IList<MessageReaction>? ReactionsRemoved { get; set; }

    public string? TopicName { get; set; }

    public string? Locale { get; set; }

    public string? Text { get; set; }

    public string? Summary { get; set; }

    public string? InputHint { get; set; }

    public JsonElement? SuggestedActions { get; set; }

    public IList<Attachment>? Attachments { get; set; }

    public IList<Entity>? Entities { get; set; }

    public JsonElement? ChannelData { get; set; }

    public string? Action { get; set; }

    public string? ReplyToId { get; set; }

    public string? Label { get; set; }

    public string? ValueType { get; set; }

    public JsonElement? Value { get; set; }

    public string? Name { get; set; }

    public ConversationReference? RelatesTo { get; set; }

    public string? Code { get; set; }

    public string? Importance { get; set; }

    public string? DeliveryMode { get; set; }

    /// <summary>Never trusted when received (spec A2251); kept only so it round-trips.</summary>
    public string? CallerId { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>A member-wise copy: lists and nested accounts are shared, so replace rather than mutate them.</summary>
    public Activity ShallowCopy() => (Activity)MemberwiseClone();
}

/// <summary>The activity <c>type</c> values of the Bot Framework activity spec (compared ordinally).</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string MessageReaction = "messageReaction";
    public const string Event = "event";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
}

/// <summary>Values of <c>installationUpdate.action</c>; Teams sends the <c>-upgrade</c> forms when an app is updated.</summary>
public static class InstallationUpdateActions
{
    public const string Add = "add";
    public const string AddUpgrade = "add-upgrade";
    public const string Remove = "remove";
    public const string RemoveUpgrade = "remove-upgrade";
}

public sealed class ChannelAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    public string? Role { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public bool? IsGroup { get; set; }

    /// <summary>Teams: <c>personal</c>, <c>groupChat</c> or <c>channel</c>.</summary>
    public string? ConversationType { get; set; }

    public string? TenantId { get; set; }

    public string? AadObjectId { get; set; }

    public string? Role { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class MessageReaction
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class Attachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string? ContentType { get; set; }

    public string? ContentUrl { get; set; }

    public JsonElement? Content { get; set; }

    public string? Name { get; set; }

    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>
/// An entry of <c>entities</c>. The two kinds Teams sends (<c>mention</c>, <c>clientInfo</c>) have their fields
/// named here; any other entity keeps its fields in <see cref="Properties"/>.
/// </summary>
public sealed class Entity
{
    public const string MentionType = "mention";
    public const string ClientInfoType = "clientInfo";

    public string? Type { get; set; }

    /// <summary>mention: the account that was mentioned.</summary>
    public ChannelAccount? Mentioned { get; set; }

    /// <summary>mention: the exact markup in the activity text, e.g. <c>&lt;at&gt;MentorBot&lt;/at&gt;</c>.</summary>
    public string? Text { get; set; }

    /// <summary>clientInfo fields.</summary>
    public string? Locale { get; set; }

    public string? Country { get; set; }

    public string? Platform { get; set; }

    public string? Timezone { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    public static Entity Mention(ChannelAccount mentioned) => new()
    {
        Type = MentionType,
        Mentioned = mentioned,
        Text = $"<at>{mentioned.Name}</at>",
    };
}

public sealed class ConversationReference
{
    public string? ActivityId { get; set; }

    public ChannelAccount? User { get; set; }

    public ChannelAccount? Bot { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public string? ChannelId { get; set; }

    public string? Locale { get; set; }

    public string? ServiceUrl { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

public sealed record ResourceResponse(string? Id);

public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }

    public ChannelAccount? Bot { get; set; }

    public IList<ChannelAccount>? Members { get; set; }

    public string? TopicName { get; set; }

    public Activity? Activity { get; set; }

    public JsonElement? ChannelData { get; set; }

    public string? TenantId { get; set; }
}

public sealed record ConversationResourceResponse(string? Id, string? ServiceUrl, string? ActivityId);

/// <summary>The Connector's error body: <c>{"error":{"code":…,"message":…}}</c>.</summary>
public sealed record ErrorResponse(ErrorBody? Error);

public sealed record ErrorBody(string? Code, string? Message);

/// <summary>
/// The synchronous answer to an <c>invoke</c>: the HTTP status and JSON body of the response to the inbound POST.
/// </summary>
public sealed record InvokeResponse(int Status, JsonElement? Body = null)
{
    public static InvokeResponse Ok() => new(200);

    public static InvokeResponse NotImplemented() => new(501);

    public static InvokeResponse FromAdaptiveCard(AdaptiveCardInvokeResponse response) =>
        new(200, JsonSerializer.SerializeToElement(response, ProtocolJsonContext.Default.AdaptiveCardInvokeResponse));
}
