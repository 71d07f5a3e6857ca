using MentorBot.Core.Persistence;
using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Protocol.Builder;

namespace MentorBot.Bot.Protocol.Dialogs;

/// <summary>
/// Runs one turn of a conversation's dialog stack (Bot Builder's <c>DialogManager</c>): loads the stack, lets help and
/// cancel interrupt whatever is active, continues or begins a dialog, and saves the stack with its ETag. The activity
/// handler calls <see cref="ContinueAsync"/> first and routes the activity itself when the result is
/// <see cref="DialogTurnStatus.Empty"/> or <see cref="DialogTurnStatus.Unhandled"/>.
/// </summary>
public sealed partial class DialogRunner(
    DialogSet dialogs, IDialogStateStore store, IDialogHelp help, ILogger<DialogRunner> logger, IDialogWords? words = null)
{
    public const string CancelledText = "No problem, I've stopped that. Nothing more is needed from you; just say hi when you want to start again.";
    public const string FreshStartText = "Sorry, I lost track of where we were, so let's start fresh.";

    /// <summary>Continues the active dialog with this activity, or says <see cref="DialogTurnStatus.Empty"/> when none is.</summary>
    public async Task<DialogTurnResult> ContinueAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(turnContext, cancellationToken);
        if (session.Dialogs.ActiveDialog is null)
        {
            return DialogTurnResult.Empty;
        }

        var result = Interruptions.Recognize(turnContext.Activity, words) switch
        {
            Interruption.Help => await HelpAsync(session.Dialogs, cancellationToken),
            Interruption.Cancel => await CancelAsync(session.Dialogs, cancellationToken),
            _ => await session.Dialogs.ContinueDialogAsync(cancellationToken),
        };
        return await SaveAsync(session, result, cancellationToken);
    }

    /// <summary>Starts <paramref name="dialogId"/> as the only dialog: a new topic replaces anything left half-done.</summary>
    public async Task<DialogTurnResult> BeginAsync(ITurnContext turnContext, string dialogId, object? options, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(turnContext, cancellationToken);
        await session.Dialogs.CancelAllDialogsAsync(cancellationToken);
        var result = await session.Dialogs.BeginDialogAsync(dialogId, options, cancellationToken);
        return await SaveAsync(session, result, cancellationToken);
    }

    private async Task<DialogTurnResult> HelpAsync(DialogContext dialogs, CancellationToken cancellationToken)
    {
        await help.SendHelpAsync(dialogs, cancellationToken);
        await dialogs.RepromptDialogAsync(cancellationToken);
        return DialogTurnResult.Waiting;
    }

    private async Task<DialogTurnResult> CancelAsync(DialogContext dialogs, CancellationToken cancellationToken)
    {
        var result = await dialogs.CancelAllDialogsAsync(cancellationToken);
        await dialogs.Context.SendActivityAsync(words?.Cancelled(dialogs.Context) ?? CancelledText, cancellationToken);
        return result;
    }

    private async Task<Session> LoadAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var key = DialogStateKey.For(turnContext);
        var stored = await (DialogStatePrefetch.Take(turnContext, key) ?? store.LoadAsync(key, cancellationToken));
        if (stored is null)
        {
            return new Session(key, new DialogContext(dialogs, turnContext, []), null);
        }

        if (DialogStackSerializer.TryRead(stored.Value, dialogs, out var stack, out var problem))
        {
            return new Session(key, new DialogContext(dialogs, turnContext, stack), stored.ETag);
        }

        Log.BrokenState(logger, turnContext.Activity.Conversation?.ConversationType, problem);
        var etag = await TryDeleteAsync(key, stored.ETag, cancellationToken) ? (ETag?)null : stored.ETag;
        await turnContext.SendActivityAsync(words?.FreshStart(turnContext) ?? FreshStartText, cancellationToken);
        return new Session(key, new DialogContext(dialogs, turnContext, []), etag);
    }

    private async Task<DialogTurnResult> SaveAsync(Session session, DialogTurnResult result, CancellationToken cancellationToken)
    {
        if (result.Status == DialogTurnStatus.Unhandled)
        {
            return result;
        }

        try
        {
            if (session.Dialogs.Stack.Count > 0)
            {
                var json = DialogStackSerializer.Write(session.Dialogs.Stack, dialogs);
                await store.SaveAsync(session.Key, json, session.ETag, cancellationToken);
            }
            else if (session.ETag is { } etag)
            {
                await store.DeleteAsync(session.Key, etag, cancellationToken);
            }

            return result;
        }
        catch (ConcurrencyConflictException e)
        {
            // Two turns of one conversation raced (a double-clicked button): the first save wins, and overwriting it
            // with this turn's view would lose an answer. This turn's replies are already out; its state is dropped.
            Log.SaveConflict(logger, e);
            return DialogTurnResult.Conflict;
        }
    }

    private async Task<bool> TryDeleteAsync(DialogStateKey key, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(key, etag, cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            // Another turn already replaced the broken stack; our later save will then report the conflict.
            return false;
        }
    }

    private sealed record Session(DialogStateKey Key, DialogContext Dialogs, ETag? ETag);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Discarded the dialog state of a {ConversationType} conversation: {Problem}")]
        public static partial void BrokenState(ILogger logger, string? conversationType, string problem);

        [LoggerMessage(2, LogLevel.Warning, "Another turn saved this conversation's dialog state first; this turn's changes were dropped")]
        public static partial void SaveConflict(ILogger logger, Exception exception);
    }
}
