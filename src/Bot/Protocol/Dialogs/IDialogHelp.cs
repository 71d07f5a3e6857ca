using MentorBot.Bot.Protocol.Builder;

namespace MentorBot.Bot.Protocol.Dialogs;

/// <summary>
/// What the bot says when someone asks for help in the middle of a dialog; the active dialog is re-asked right
/// after, so help can be about that dialog (<see cref="DialogContext.ActiveDialog"/>) or about the bot in general.
/// </summary>
public interface IDialogHelp
{
    Task SendHelpAsync(DialogContext dialogContext, CancellationToken cancellationToken);
}

public sealed class DefaultDialogHelp : IDialogHelp
{
    public const string Text =
        "I'm MentorBot: I pair colleagues for reverse mentoring. Answer the question below to carry on, " +
        "or type cancel to stop and start over.";

    public Task SendHelpAsync(DialogContext dialogContext, CancellationToken cancellationToken) =>
        dialogContext.Context.SendActivityAsync(Text, cancellationToken);
}
