using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Integration;

/// <summary>
/// Puts a conversation back into a usable state after a turn failed, e.g. the dialog layer deleting the dialog
/// stack that was half-way through the broken step so the next message starts fresh. Every registered
/// implementation runs; one failing does not stop the others.
/// </summary>
public interface ITurnErrorCleanup
{
    Task CleanupAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken);
}

/// <summary>
/// Bot Builder's <c>OnTurnError</c>: log the failure (never the message text), tell the user kindly, and let the
/// cleanup hooks clear broken state. Never throws: it is the last line of a failed turn.
/// </summary>
public sealed partial class TurnErrorHandler(IEnumerable<ITurnErrorCleanup> cleanups, ILogger<TurnErrorHandler> logger)
{
    public const string Apology =
        "Sorry, something went wrong on my side and I couldn't finish that. I've reset our conversation, so please try again.";

    public const string StorageApology =
        "Sorry, I can't reach my records right now. Please try again in a minute.";

    public async Task HandleAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        Log.TurnFailed(logger, activity.Type, activity.Name, activity.Conversation?.ConversationType, activity.Id, exception);

        // Invokes answer through their response body (see the adapter); a chat message would be a second answer.
        if (!activity.IsType(ActivityTypes.Invoke))
        {
            await TryApologiseAsync(turnContext, Apology, cancellationToken);
        }

        foreach (var cleanup in cleanups)
        {
            try
            {
                await cleanup.CleanupAsync(turnContext, exception, cancellationToken);
            }
            catch (Exception cleanupFailure) when (cleanupFailure is not OperationCanceledException)
            {
                Log.CleanupFailed(logger, cleanup.GetType().Name, cleanupFailure);
            }
        }
    }

    /// <summary>Storage is down: say so, but skip cleanups — they need the very storage that is unavailable.</summary>
    public async Task HandleStorageUnavailableAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
    {
        Log.StorageUnavailable(logger, turnContext.Activity.Type, exception);
        if (!turnContext.Activity.IsType(ActivityTypes.Invoke))
        {
            await TryApologiseAsync(turnContext, StorageApology, cancellationToken);
        }
    }

    private async Task TryApologiseAsync(ITurnContext turnContext, string text, CancellationToken cancellationToken)
    {
        try
        {
            await turnContext.SendActivityAsync(text, cancellationToken);
        }
        catch (Exception sendFailure) when (sendFailure is not OperationCanceledException)
        {
            // The failure may be the Connector itself; nothing more we can tell the user then.
            Log.ApologyFailed(logger, sendFailure);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Turn failed for {ActivityType} activity (name {ActivityName}, conversation type {ConversationType}, id {ActivityId})")]
        public static partial void TurnFailed(ILogger logger, string? activityType, string? activityName, string? conversationType, string? activityId, Exception exception);

        [LoggerMessage(2, LogLevel.Error, "Turn error cleanup {Cleanup} failed")]
        public static partial void CleanupFailed(ILogger logger, string cleanup, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Could not send the apology for a failed turn")]
        public static partial void ApologyFailed(ILogger logger, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "Storage unavailable during a {ActivityType} turn")]
        public static partial void StorageUnavailable(ILogger logger, string? activityType, Exception exception);
    }
}
