using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Builder;

/// <summary>
/// The turn context for one incoming activity. Outgoing activities are addressed from the incoming conversation
/// reference (bot → sender, same conversation, reply to the incoming id) and sent through the Connector.
/// </summary>
public sealed class TurnContext(Activity activity, IConnectorClient connector) : ITurnContext
{
    private readonly ConversationReference _reference = activity.GetConversationReference();
    private InvokeResponse? _invokeResponse;

    public Activity Activity { get; } = activity;

    public bool Responded { get; private set; }

    public TurnState TurnState { get; } = new();

    public InvokeResponse? InvokeResponse
    {
        get => _invokeResponse;
        set
        {
            _invokeResponse = value;
            Responded |= value is not null;
        }
    }

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        var outgoing = activity.ApplyConversationReference(_reference);
        var serviceUrl = RequireServiceUrl();
        var conversationId = RequireConversationId();

        var outcome = string.IsNullOrEmpty(outgoing.ReplyToId)
            ? await connector.SendToConversationAsync(serviceUrl, conversationId, outgoing, cancellationToken)
            : await connector.ReplyToActivityAsync(serviceUrl, conversationId, outgoing.ReplyToId, outgoing, cancellationToken);
        Responded = true;
        return outcome is SendOutcome.Sent sent ? new ResourceResponse(sent.ActivityId) : throw new ConnectorRequestException(outcome);
    }

    public async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        // In order, one at a time: Teams shows messages in arrival order and throttles bursts per conversation.
        var responses = new List<ResourceResponse>(activities.Count);
        foreach (var activity in activities)
        {
            responses.Add(await SendActivityAsync(activity, cancellationToken));
        }

        return responses;
    }

    public async Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        var activityId = activity.Id ?? throw new ArgumentException("An update needs the id of the activity it replaces.", nameof(activity));
        var outgoing = activity.ApplyConversationReference(_reference);
        outgoing.ReplyToId = null;
        var outcome = await connector.UpdateActivityAsync(RequireServiceUrl(), RequireConversationId(), activityId, outgoing, cancellationToken);
        return outcome is SendOutcome.Sent sent ? new ResourceResponse(sent.ActivityId ?? activityId) : throw new ConnectorRequestException(outcome);
    }

    public async Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken)
    {
        var outcome = await connector.DeleteActivityAsync(RequireServiceUrl(), RequireConversationId(), activityId, cancellationToken);
        if (outcome is not SendOutcome.Sent)
        {
            throw new ConnectorRequestException(outcome);
        }
    }

    private string RequireConversationId() => _reference.Conversation?.Id
        ?? throw new InvalidOperationException("The incoming activity has no conversation to reply in.");

    private string RequireServiceUrl() => _reference.ServiceUrl
        ?? throw new InvalidOperationException("The incoming activity has no serviceUrl to reply to.");
}
