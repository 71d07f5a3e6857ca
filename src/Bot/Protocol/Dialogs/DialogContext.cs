using MentorBot.Bot.Protocol.Builder;

namespace MentorBot.Bot.Protocol.Dialogs;

/// <summary>The dialog stack of one conversation during one turn (top of the stack last).</summary>
public sealed class DialogContext
{
    private readonly List<DialogInstance> _stack;

    internal DialogContext(DialogSet dialogs, ITurnContext context, List<DialogInstance> stack)
    {
        Dialogs = dialogs;
        Context = context;
        _stack = stack;
    }

    public DialogSet Dialogs { get; }

    public ITurnContext Context { get; }

    public IReadOnlyList<DialogInstance> Stack => _stack;

    public DialogInstance? ActiveDialog => _stack.Count > 0 ? _stack[^1] : null;

    /// <summary>Pushes a dialog on top of the stack (a child of the active one) and starts it.</summary>
    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options, CancellationToken cancellationToken)
    {
        var dialog = Dialogs.Get(dialogId);
        _stack.Add(new DialogInstance(dialogId, Placeholder));
        return dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    public Task<DialogTurnResult> PromptAsync(string promptId, Prompts.PromptOptions options, CancellationToken cancellationToken) =>
        BeginDialogAsync(promptId, options, cancellationToken);

    public Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken) =>
        ActiveDialog is { } active
            ? Dialogs.Get(active.Id).ContinueDialogAsync(this, cancellationToken)
            : Task.FromResult(DialogTurnResult.Empty);

    /// <summary>Pops the active dialog and hands <paramref name="result"/> to its parent, or completes the turn.</summary>
    public Task<DialogTurnResult> EndDialogAsync(object? result, CancellationToken cancellationToken)
    {
        Pop();
        return ActiveDialog is { } parent
            ? Dialogs.Get(parent.Id).ResumeDialogAsync(this, result, cancellationToken)
            : Task.FromResult(new DialogTurnResult(DialogTurnStatus.Complete, result));
    }

    /// <summary>Swaps the active dialog for another without resuming the parent (a loop, or a change of topic).</summary>
    public Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options, CancellationToken cancellationToken)
    {
        Pop();
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    public Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken)
    {
        _stack.Clear();
        return Task.FromResult(DialogTurnResult.Cancelled);
    }

    public Task RepromptDialogAsync(CancellationToken cancellationToken) =>
        ActiveDialog is { } active ? Dialogs.Get(active.Id).RepromptDialogAsync(this, cancellationToken) : Task.CompletedTask;

    /// <summary>The active instance's state, typed by the dialog that owns it.</summary>
    internal T GetState<T>()
        where T : class =>
        ActiveDialog?.State as T ?? throw new InvalidOperationException($"The active dialog holds no {typeof(T).Name}.");

    internal void SetState(object state) =>
        (ActiveDialog ?? throw new InvalidOperationException("No dialog is active.")).State = state;

    private void Pop()
    {
        if (_stack.Count > 0)
        {
            _stack.RemoveAt(_stack.Count - 1);
        }
    }

    // A dialog sets its real state first thing in BeginDialogAsync; this only fills the slot until then.
    private static readonly object Placeholder = new();
}
