using MentorBot.Core.Persistence;
using MentorBot.Bot.Dialogs.Persistence;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Integration;

namespace MentorBot.Bot.Dialogs;

/// <summary>
/// After a failed turn, drops the conversation's dialog stack: it may point at the very step that failed, and
/// replaying it would fail again and again. The apology already tells the user we start over.
/// </summary>
public sealed class DialogStateCleanup(IDialogStateStore store) : ITurnErrorCleanup
{
    public Task CleanupAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken) =>
        turnContext.Activity.Conversation?.Id is { Length: > 0 }
            ? store.DeleteAsync(DialogStateKey.For(turnContext), ETag.Any, cancellationToken)
            : Task.CompletedTask;
}
