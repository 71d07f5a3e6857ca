using System.Text.Json;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Dialogs.Prompts;

/// <summary>
/// Asks one question and ends with a typed <typeparamref name="T"/> once an answer is recognised and the optional
/// validator accepts it; otherwise asks again. Begin it with <see cref="PromptOptions"/>.
/// </summary>
public abstract class Prompt<T>(string id, PromptValidator<T>? validator) : Dialog(id)
{
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dialogContext, object? options, CancellationToken cancellationToken)
    {
        var promptOptions = options as PromptOptions
            ?? throw new ArgumentException($"Prompt '{Id}' needs PromptOptions, not {options?.GetType().Name ?? "null"}.", nameof(options));
        dialogContext.SetState(new PromptState(promptOptions, 0));
        await dialogContext.Context.SendActivityAsync(BuildPrompt(promptOptions, promptOptions.Text), cancellationToken);
        return DialogTurnResult.Waiting;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken)
    {
        var state = dialogContext.GetState<PromptState>();
        var recognition = Recognize(dialogContext.Context.Activity, state.Options);
        if (recognition.Kind == RecognitionKind.NotAnAnswer)
        {
            return DialogTurnResult.Unhandled;
        }

        if (recognition.Kind == RecognitionKind.Recognized && await IsValidAsync(dialogContext.Context, recognition.Value!, state, cancellationToken))
        {
            await OnRecognizedAsync(dialogContext.Context, cancellationToken);
            return await dialogContext.EndDialogAsync(recognition.Value, cancellationToken);
        }

        dialogContext.SetState(state with { Attempts = state.Attempts + 1 });
        await SendRetryAsync(dialogContext.Context, state.Options, recognition.RetryText, cancellationToken);
        return DialogTurnResult.Waiting;
    }

    public override Task RepromptDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken)
    {
        var options = dialogContext.GetState<PromptState>().Options;
        return dialogContext.Context.SendActivityAsync(BuildPrompt(options, options.Text), cancellationToken);
    }

    /// <summary>The message that asks: text plus whatever the prompt shows (buttons, a card).</summary>
    protected virtual Activity BuildPrompt(PromptOptions options, string? text) =>
        new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>Re-asks after an answer that did not fit; by default the whole prompt again with the retry text.</summary>
    protected virtual Task SendRetryAsync(ITurnContext turnContext, PromptOptions options, string? retryText, CancellationToken cancellationToken) =>
        turnContext.SendActivityAsync(BuildPrompt(options, retryText ?? options.RetryText ?? options.Text), cancellationToken);

    /// <summary>Called once an answer was accepted, before the prompt ends (e.g. to answer an invoke).</summary>
    protected virtual Task OnRecognizedAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    internal abstract PromptRecognition<T> Recognize(Activity activity, PromptOptions options);

    protected internal override JsonElement WriteState(object state) =>
        JsonSerializer.SerializeToElement((PromptState)state, DialogsJsonContext.Default.PromptState);

    protected internal override object ReadState(JsonElement json) =>
        json.Deserialize(DialogsJsonContext.Default.PromptState) ?? throw new JsonException($"The state of prompt '{Id}' is null.");

    private async Task<bool> IsValidAsync(ITurnContext turnContext, T value, PromptState state, CancellationToken cancellationToken) =>
        validator is null
        || await validator(new PromptValidatorContext<T>(turnContext, value, state.Options, state.Attempts), cancellationToken);
}
