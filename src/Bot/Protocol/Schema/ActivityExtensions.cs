using System.Text.Json;
using System.Text.RegularExpressions;

namespace MentorBot.Bot.Protocol.Schema;

/// <summary>The Bot Builder activity conveniences this bot needs, as extension methods over the wire model.</summary>
public static class ActivityExtensions
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    public static bool IsType(this Activity activity, string type) => string.Equals(activity.Type, type, StringComparison.Ordinal);

    /// <summary>
    /// Strips every mention of the bot (the activity's recipient) from <see cref="Activity.Text"/> and trims, as
    /// Bot Builder's <c>RemoveRecipientMention</c> does; in channels and group chats Teams only delivers messages
    /// that @mention the bot, so the text always starts with <c>&lt;at&gt;Bot&lt;/at&gt;</c> there.
    /// </summary>
    public static string? RemoveRecipientMention(this Activity activity)
    {
        var recipientId = activity.Recipient?.Id;
        if (activity.Text is null || recipientId is null || activity.Entities is null)
        {
            return activity.Text?.Trim();
        }

        var text = activity.Text;
        foreach (var entity in activity.Entities)
        {
            if (!string.Equals(entity.Type, Entity.MentionType, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(entity.Mentioned?.Id, recipientId, StringComparison.Ordinal))
            {
                continue;
            }

            var markup = !string.IsNullOrEmpty(entity.Text) ? entity.Text
                : entity.Mentioned?.Name is { Length: > 0 } name ? $"<at>{name}</at>"
                : null;
            if (markup is not null)
            {
                text = Regex.Replace(text, Regex.Escape(markup), string.Empty, RegexOptions.IgnoreCase, RegexTimeout);
            }
        }

        activity.Text = text.Trim();
        return activity.Text;
    }

    /// <summary>The sender's IANA time-zone id: <c>localTimezone</c>, else the Teams <c>clientInfo</c> entity.</summary>
    public static string? GetClientTimeZoneId(this Activity activity) =>
        !string.IsNullOrWhiteSpace(activity.LocalTimezone) ? activity.LocalTimezone
        : activity.GetClientInfo()?.Timezone is { Length: > 0 } zone ? zone
        : null;

    /// <summary>The sender's time zone when the client told us one this machine knows, else null.</summary>
    public static TimeZoneInfo? GetClientTimeZone(this Activity activity) =>
        activity.GetClientTimeZoneId() is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    public static Entity? GetClientInfo(this Activity activity) =>
        activity.Entities?.FirstOrDefault(e => string.Equals(e.Type, Entity.ClientInfoType, StringComparison.OrdinalIgnoreCase));

    /// <summary>A message reply addressed back to the sender in the same conversation.</summary>
    public static Activity CreateReply(this Activity activity, string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Timestamp = null,
        From = activity.Recipient,
        Recipient = activity.From,
        Conversation = activity.Conversation,
        ReplyToId = activity.Id,
        ServiceUrl = activity.ServiceUrl,
        ChannelId = activity.ChannelId,
        Locale = activity.Locale,
        Text = text ?? string.Empty,
    };

    public static ConversationReference GetConversationReference(this Activity activity) => new()
    {
        ActivityId = activity.IsType(ActivityTypes.ConversationUpdate)
            && (activity.ChannelId is "directline" or "webchat") ? null : activity.Id,
        User = activity.From,
        Bot = activity.Recipient,
        Conversation = activity.Conversation,
        ChannelId = activity.ChannelId,
        Locale = activity.Locale,
        ServiceUrl = activity.ServiceUrl,
    };

    /// <summary>
    /// Addresses an activity using a stored reference. Outgoing (the default): from the bot to the user, as a reply
    /// to the referenced activity unless the caller already chose a <c>replyToId</c>. Incoming: from the user to the
    /// bot, as Bot Builder builds the synthetic activity of <c>ContinueConversationAsync</c>.
    /// </summary>
    public static Activity ApplyConversationReference(this Activity activity, ConversationReference reference, bool isIncoming = false)
    {
        activity.ChannelId = reference.ChannelId;
        activity.ServiceUrl = reference.ServiceUrl;
        activity.Conversation = reference.Conversation;
        activity.Locale ??= reference.Locale;
        if (isIncoming)
        {
            activity.From = reference.User;
            activity.Recipient = reference.Bot;
            if (reference.ActivityId is not null)
            {
                activity.Id = reference.ActivityId;
            }
        }
        else
        {
            activity.From = reference.Bot;
            activity.Recipient = reference.User;
            if (reference.ActivityId is not null && string.IsNullOrEmpty(activity.ReplyToId))
            {
                activity.ReplyToId = reference.ActivityId;
            }
        }

        return activity;
    }

    /// <summary>Teams channel data, or null when absent or not an object.</summary>
    public static TeamsChannelData? GetTeamsChannelData(this Activity activity)
    {
        if (activity.ChannelData is not { ValueKind: JsonValueKind.Object } data)
        {
            return null;
        }

        try
        {
            return data.Deserialize(ProtocolJsonContext.Default.TeamsChannelData);
        }
        catch (JsonException)
        {
            // Channel data is channel-defined; a shape we do not expect (say, tenant as a string) is "no Teams data".
            return null;
        }
    }

    public static void SetTeamsChannelData(this Activity activity, TeamsChannelData channelData) =>
        activity.ChannelData = JsonSerializer.SerializeToElement(channelData, ProtocolJsonContext.Default.TeamsChannelData);

    /// <summary>The tenant of the conversation: <c>conversation.tenantId</c>, else <c>channelData.tenant.id</c>.</summary>
    public static string? GetTenantId(this Activity activity) =>
        activity.Conversation?.TenantId is { Length: > 0 } tenant ? tenant : activity.GetTeamsChannelData()?.Tenant?.Id;

    /// <summary>Whether a conversation is a 1:1 chat (Teams <c>personal</c>; other channels: not a group).</summary>
    public static bool IsPersonal(this ConversationAccount? conversation) =>
        conversation is not null
        && conversation.IsGroup != true
        && (conversation.ConversationType is null || string.Equals(conversation.ConversationType, "personal", StringComparison.OrdinalIgnoreCase));
}
