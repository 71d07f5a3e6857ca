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

    Task<ConnectorResult<ChannelAccount>> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken);
}
