using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Core.Outbox;

namespace MentorBot.Bot.Protocol.Schema;

/// <summary>The essentials of Teams' <c>channelData</c>; everything else round-trips through <see cref="Properties"/>.</summary>
public sealed class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }

    public TeamInfo? Team { get; set; }

    public ChannelInfo? Channel { get; set; }

    /// <summary>Teams event discriminator (<c>teamMemberAdded</c>, <c>channelCreated</c>, <c>editMessage</c>…).</summary>
    public string? EventType { get; set; }

    /// <summary>Outgoing only: <c>alert: true</c> raises a notification in the user's activity feed.</summary>
    public NotificationInfo? Notification { get; set; }

    public JsonElement? Settings { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

public sealed record TenantInfo(string? Id);

public sealed record TeamInfo(string? Id, string? Name = null, string? AadGroupId = null);

public sealed record ChannelInfo(string? Id, string? Name = null, string? Type = null);

public sealed record NotificationInfo(bool? Alert = null, bool? AlertInMeeting = null, string? ExternalResourceUrl = null);
