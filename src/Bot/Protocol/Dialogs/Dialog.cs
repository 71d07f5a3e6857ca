using System.Text.Json;

namespace MentorBot.Bot.Protocol.Dialogs;

/// <summary>
/// One step-by-step conversation, registered by <see cref="Id"/> in a <see cref="DialogSet"/>. Dialog objects are
/// stateless singletons; everything a running dialog remembers lives in its <see cref="DialogInstance"/> on the stack,
/// which the dialog itself turns into JSON and back so the stack survives a restart.
/// </summary>
public abstract class Dialog(string id)
{
    public string Id { get; } = id;

    /// <summary>
    /// Bump when the persisted state shape or the meaning of a step index changes: stacks written by an older
    /// version are discarded instead of being misread.
    /// </summary>
    public virtual int StateVersion => 1;

    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dialogContext, object? options, CancellationToken cancellationToken);

    /// <summary>The user answered while this dialog was on top of the stack.</summary>
    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken) =>
        dialogContext.EndDialogAsync(null, cancellationToken);

    /// <summary>A child this dialog started has ended with <paramref name="result"/>.</summary>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dialogContext, object? result, CancellationToken cancellationToken) =>
        dialogContext.EndDialogAsync(result, cancellationToken);

    /// <summary>Asks the current question again, e.g. after help interrupted it.</summary>
    public virtual Task RepromptDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected internal abstract JsonElement WriteState(object state);

    /// <exception cref="JsonException">The JSON is not state this dialog can continue from.</exception>
    protected internal abstract object ReadState(JsonElement json);
}

/// <summary>One running dialog on the stack: which dialog, and its state (owned and typed by that dialog).</summary>
public sealed class DialogInstance(string id, object state)
{
    public string Id { get; } = id;

    internal object State { get; set; } = state;
}
