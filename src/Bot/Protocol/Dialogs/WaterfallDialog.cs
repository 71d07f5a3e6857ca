using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MentorBot.Bot.Protocol.Dialogs;

public delegate Task<DialogTurnResult> WaterfallStep<TState>(WaterfallStepContext<TState> step, CancellationToken cancellationToken)
    where TState : class, new();

/// <summary>
/// A fixed sequence of steps sharing one typed state record. Each step usually asks one thing (a prompt or a child
/// dialog) and the next step receives the answer. The options passed to <c>BeginDialogAsync</c>, when given, are the
/// initial <typeparamref name="TState"/>. The state is persisted with <paramref name="stateType"/>, so pass a
/// source-generated <see cref="JsonTypeInfo{T}"/>; reordering steps changes what a stored step index means, so bump
/// <see cref="Dialog.StateVersion"/> when you do.
/// </summary>
public class WaterfallDialog<TState>(string id, JsonTypeInfo<TState> stateType, IEnumerable<WaterfallStep<TState>>? steps = null)
    : Dialog(id)
    where TState : class, new()
{
    private readonly List<WaterfallStep<TState>> _steps = [.. steps ?? []];

    public WaterfallDialog<TState> AddStep(WaterfallStep<TState> step)
    {
        _steps.Add(step);
        return this;
    }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dialogContext, object? options, CancellationToken cancellationToken)
    {
        var state = options switch
        {
            null => new TState(),
            TState initial => initial,
            _ => throw new ArgumentException($"Dialog '{Id}' starts from a {typeof(TState).Name}, not a {options.GetType().Name}.", nameof(options)),
        };
        dialogContext.SetState(new WaterfallInstance<TState>(-1, state));
        return RunStepAsync(dialogContext, 0, null, cancellationToken);
    }

    /// <summary>A step that returned <see cref="DialogTurnResult.Waiting"/> itself receives the next message's text.</summary>
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken) =>
        ResumeDialogAsync(dialogContext, Prompts.PromptText.Of(dialogContext.Context.Activity), cancellationToken);

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dialogContext, object? result, CancellationToken cancellationToken) =>
        RunStepAsync(dialogContext, dialogContext.GetState<WaterfallInstance<TState>>().StepIndex + 1, result, cancellationToken);

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dialogContext, int index, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            return await dialogContext.EndDialogAsync(result, cancellationToken);
        }

        var instance = dialogContext.GetState<WaterfallInstance<TState>>();
        instance.StepIndex = index;
        return await _steps[index](new WaterfallStepContext<TState>(this, dialogContext, instance, result), cancellationToken);
    }

    protected internal override JsonElement WriteState(object state)
    {
        var instance = (WaterfallInstance<TState>)state;
        var frame = new WaterfallFrame(instance.StepIndex, JsonSerializer.SerializeToElement(instance.State, stateType));
        return JsonSerializer.SerializeToElement(frame, DialogsJsonContext.Default.WaterfallFrame);
    }

    protected internal override object ReadState(JsonElement json)
    {
        var frame = json.Deserialize(DialogsJsonContext.Default.WaterfallFrame)
            ?? throw new JsonException("The waterfall state is null.");
        if (frame.Step < 0 || frame.Step >= _steps.Count)
        {
            throw new JsonException($"Step {frame.Step} does not exist in dialog '{Id}'.");
        }

        var state = frame.State.Deserialize(stateType) ?? throw new JsonException($"The state of dialog '{Id}' is null.");
        return new WaterfallInstance<TState>(frame.Step, state);
    }
}

internal sealed class WaterfallInstance<TState>(int stepIndex, TState state)
{
    public int StepIndex { get; set; } = stepIndex;

    public TState State { get; set; } = state;
}

internal sealed record WaterfallFrame(int Step, JsonElement State);
