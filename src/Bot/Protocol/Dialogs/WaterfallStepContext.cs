using MentorBot.Bot.Protocol.Dialogs.Prompts;
using MentorBot.Bot.Protocol.Builder;

namespace MentorBot.Bot.Protocol.Dialogs;

/// <summary>
/// What one waterfall step sees: the turn, the dialog's typed <see cref="State"/> (mutate it or assign a new record;
/// it is saved with the stack), the previous step's answer, and the ways to go on.
/// </summary>
public sealed class WaterfallStepContext<TState>
    where TState : class, new()
{
    private readonly WaterfallDialog<TState> _dialog;
    private readonly WaterfallInstance<TState> _instance;
    private readonly object? _result;

    internal WaterfallStepContext(WaterfallDialog<TState> dialog, DialogContext dialogContext, WaterfallInstance<TState> instance, object? result)
    {
        _dialog = dialog;
        DialogContext = dialogContext;
        _instance = instance;
        _result = result;
    }

    public DialogContext DialogContext { get; }

    public ITurnContext Context => DialogContext.Context;

    public int Index => _instance.StepIndex;

    public TState State
    {
        get => _instance.State;
        set => _instance.State = value;
    }

    /// <summary>Whether the previous step's prompt or child dialog returned something.</summary>
    public bool HasResult => _result is not null;

    /// <summary>The previous prompt's answer (string, bool, <see cref="FoundChoice"/>, a card form…) or child result.</summary>
    public T GetResult<T>() => DialogResults.As<T>(_result, $"The step before step {Index} of '{_dialog.Id}'");

    public Task<DialogTurnResult> PromptAsync(string promptId, PromptOptions options, CancellationToken cancellationToken) =>
        DialogContext.PromptAsync(promptId, options, cancellationToken);

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options, CancellationToken cancellationToken) =>
        DialogContext.BeginDialogAsync(dialogId, options, cancellationToken);

    /// <summary>Skips straight to the next step in this turn, handing it <paramref name="result"/>.</summary>
    public Task<DialogTurnResult> NextAsync(object? result, CancellationToken cancellationToken) =>
        _dialog.RunStepAsync(DialogContext, Index + 1, result, cancellationToken);

    public Task<DialogTurnResult> EndDialogAsync(object? result, CancellationToken cancellationToken) =>
        DialogContext.EndDialogAsync(result, cancellationToken);

    public Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options, CancellationToken cancellationToken) =>
        DialogContext.ReplaceDialogAsync(dialogId, options, cancellationToken);

    public Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken) =>
        DialogContext.CancelAllDialogsAsync(cancellationToken);
}
