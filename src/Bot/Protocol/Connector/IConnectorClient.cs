using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Connector;

/// <summary>The Bot Connector REST API v3 operations this bot uses. Every call addresses one serviceUrl.</summary>
public interface IConnectorClient
{
    Task<SendOutcome> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);

    Task<SendOutcome> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary>PUT: the activity replaces the old one completely (omitted fields are removed, not merged).</summary>
    Task<SendOutcome> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    Task<SendOutcome> DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken);

    Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);

    Task<ConnectorResult<IReadOnlyList<ChannelAccount>>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken);

    /// <summary>One member with what Teams' roster says about them (name, email, UPN, tenant); 404 when not a member.</summary>
    Task<ConnectorResult<TeamsChannelAccount>> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken);

    /// <summary>
    /// One page of a team's or group chat's members; pass the returned continuation token for the next page. Loop on the
    /// token, never on counts: Teams may return more or fewer than <paramref name="pageSize"/> (50 to 500).
    /// </summary>
    Task<ConnectorResult<TeamsPagedMembersResult>> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken);
}
