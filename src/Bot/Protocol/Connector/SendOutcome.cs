using System.Net;

namespace MentorBot.Bot.Protocol.Connector;

/// <summary>
/// What happened to one call to the Connector, as a value the caller decides on: resend later, forget the
/// conversation reference, or report.
/// </summary>
public abstract record SendOutcome
{
    private SendOutcome()
    {
    }

    public bool IsSuccess => this is Sent;

    /// <summary>Accepted; <paramref name="ActivityId"/> is the id Teams gave the message (null for deletes, typing).</summary>
    public sealed record Sent(string? ActivityId) : SendOutcome;

    /// <summary>Still 429 (or 412/5xx busy) after the bounded retries; try again after <paramref name="RetryAfter"/> if given.</summary>
    public sealed record Throttled(TimeSpan? RetryAfter) : SendOutcome;

    /// <summary>The person or conversation can no longer be reached; drop the stored reference until they come back.</summary>
    public sealed record RecipientGone(RecipientGoneReason Reason) : SendOutcome;

    /// <summary>Anything else: a bug on our side (400), a Connector failure (500), a refused serviceUrl.</summary>
    public sealed record Failed(HttpStatusCode Status, string? Code) : SendOutcome;
}

public enum RecipientGoneReason
{
    /// <summary>403: the app was uninstalled from the conversation.</summary>
    BotNotInConversationRoster,

    /// <summary>403: the user blocked the bot.</summary>
    ConversationBlockedByUser,

    /// <summary>403: a proactive send to someone who has not installed the app in personal scope.</summary>
    AppNotInstalledForUser,

    /// <summary>403: a tenant admin disabled the bot.</summary>
    BotDisabledByAdmin,

    /// <summary>404: the conversation no longer exists.</summary>
    ConversationNotFound,
}

/// <summary>The result of a Connector call that returns data (create conversation, members).</summary>
public sealed record ConnectorResult<T>(T? Value, SendOutcome Outcome)
    where T : class
{
    public bool Succeeded => Value is not null && Outcome.IsSuccess;
}

/// <summary>Thrown inside a turn when a reply could not be delivered, so the turn fails like any other bug.</summary>
public sealed class ConnectorRequestException(SendOutcome outcome)
    : Exception($"The Connector refused the request: {outcome}.")
{
    public SendOutcome Outcome { get; } = outcome;
}
