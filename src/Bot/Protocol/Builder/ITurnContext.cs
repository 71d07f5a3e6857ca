using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Builder;

/// <summary>One incoming activity being handled, and the way to answer in its conversation.</summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>True once anything was sent (or an invoke response set) during this turn.</summary>
    bool Responded { get; }

    /// <summary>Per-turn services and values, keyed by type.</summary>
    TurnState TurnState { get; }

    /// <summary>The answer to an <c>invoke</c>; written into the HTTP response when the turn ends.</summary>
    InvokeResponse? InvokeResponse { get; set; }

    /// <summary>Sends an activity into this conversation, addressed from the bot to the sender.</summary>
    /// <exception cref="Connector.ConnectorRequestException">The Connector refused it; fails the turn.</exception>
    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken);

    Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    /// <summary>Replaces a message the bot sent earlier; <see cref="Activity.Id"/> names it.</summary>
    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken);

    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken);
}

/// <summary>A typed bag of per-turn values (Bot Builder's <c>TurnState</c>), one value per type.</summary>
public sealed class TurnState
{
    private readonly Dictionary<Type, object> _values = [];

    public void Set<T>(T value)
        where T : class => _values[typeof(T)] = value;

    public T? Get<T>()
        where T : class => _values.TryGetValue(typeof(T), out var value) ? (T)value : null;
}

public static class TurnContextExtensions
{
    /// <summary>Sends a plain text message as a reply to the incoming activity.</summary>
    public static Task<ResourceResponse> SendActivityAsync(this ITurnContext turnContext, string text, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = text }, cancellationToken);
}
