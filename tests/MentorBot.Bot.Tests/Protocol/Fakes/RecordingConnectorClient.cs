using System.Collections.Concurrent;
using System.Net;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Tests.Protocol.Fakes;

/// <summary>An in-memory Connector: records what the bot sent and answers with scripted outcomes.</summary>
internal sealed class RecordingConnectorClient : IConnectorClient
{
    private int _nextId;

    public ConcurrentQueue<(string Operation, string ServiceUrl, string ConversationId, Activity? Activity)> Calls { get; } = new();

    public List<ConversationParameters> CreatedConversations { get; } = [];

    public Queue<SendOutcome> SendOutcomes { get; } = new();

    public string CreatedConversationId { get; set; } = "a:created-1on1";

    public IEnumerable<Activity> Sent => Calls.Where(c => c.Activity is not null).Select(c => c.Activity!);

    public Task<SendOutcome> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        Record("send", serviceUrl, conversationId, activity);

    public Task<SendOutcome> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        Record("reply", serviceUrl, conversationId, activity);

    public Task<SendOutcome> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        Record("update", serviceUrl, conversationId, activity);

    public Task<SendOutcome> DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        Record("delete", serviceUrl, conversationId, null);

    public Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        CreatedConversations.Add(parameters);
        Calls.Enqueue(("create", serviceUrl, string.Empty, null));
        return Task.FromResult(new ConnectorResult<ConversationResourceResponse>(
            new ConversationResourceResponse(CreatedConversationId, null, null), new SendOutcome.Sent(null)));
    }

    public Task<ConnectorResult<IReadOnlyList<ChannelAccount>>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorResult<IReadOnlyList<ChannelAccount>>(null, new SendOutcome.Failed(HttpStatusCode.NotImplemented, null)));

    public Task<ConnectorResult<TeamsChannelAccount>> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorResult<TeamsChannelAccount>(null, new SendOutcome.Failed(HttpStatusCode.NotImplemented, null)));

    public Task<ConnectorResult<TeamsPagedMembersResult>> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectorResult<TeamsPagedMembersResult>(null, new SendOutcome.Failed(HttpStatusCode.NotImplemented, null)));

    private Task<SendOutcome> Record(string operation, string serviceUrl, string conversationId, Activity? activity)
    {
        Calls.Enqueue((operation, serviceUrl, conversationId, activity));
        var outcome = SendOutcomes.TryDequeue(out var scripted)
            ? scripted
            : new SendOutcome.Sent($"sent-{Interlocked.Increment(ref _nextId)}");
        return Task.FromResult(outcome);
    }
}
