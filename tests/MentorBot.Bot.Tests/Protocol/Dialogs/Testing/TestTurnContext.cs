using System.Globalization;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Tests.Protocol.Dialogs.Testing;

/// <summary>An in-memory turn: what the bot sends is addressed like the real TurnContext does and kept, not posted.</summary>
public sealed class TestTurnContext(Activity activity, Func<string> nextActivityId) : ITurnContext
{
    private readonly ConversationReference _reference = activity.GetConversationReference();
    private readonly List<Activity> _sent = [];
    private readonly List<Activity> _updated = [];
    private readonly List<string> _deleted = [];
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

    public IReadOnlyList<Activity> Sent => _sent;

    public IReadOnlyList<Activity> Updated => _updated;

    public IReadOnlyList<string> Deleted => _deleted;

    public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        var outgoing = activity.ApplyConversationReference(_reference);
        outgoing.Id = nextActivityId();
        _sent.Add(outgoing);
        Responded = true;
        return Task.FromResult(new ResourceResponse(outgoing.Id));
    }

    public async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            responses.Add(await SendActivityAsync(activity, cancellationToken));
        }

        return responses;
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken)
    {
        _updated.Add(activity.ApplyConversationReference(_reference));
        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken)
    {
        _deleted.Add(activityId);
        return Task.CompletedTask;
    }

    internal static Func<string> Counter(string prefix)
    {
        var next = 0;
        return () => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{Interlocked.Increment(ref next)}");
    }
}
