using System.Text.Json;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Dialogs.Prompts;

/// <summary>
/// Sends the Adaptive Card in <see cref="PromptOptions.Card"/> and ends with the form the user submits, read by
/// <paramref name="readForm"/> from the action's data. Both card action kinds count when their verb is
/// <paramref name="verb"/>: <c>Action.Submit</c> (a message whose value holds <c>verb</c> and the inputs) and
/// <c>Action.Execute</c> (an <c>adaptiveCard/action</c> invoke with <c>action.verb</c> and <c>action.data</c>).
/// Presses with other verbs belong to other cards and are left to the handler.
/// </summary>
public sealed class CardFormPrompt<TForm>(string id, string verb, Func<JsonElement, TForm?> readForm, PromptValidator<TForm>? validator = null)
    : Prompt<TForm>(id, validator)
{
    public const string TypedTextHint = "Please fill in the card above and press its button, or type cancel to stop.";
    public const string InvalidFormHint = "Something in the card doesn't look right. Please check it and try again.";
    public const string Acknowledgement = "Thanks, got it.";

    public string Verb { get; } = verb;

    /// <summary>
    /// The three sentences above in the turn's language, when the host words them (the product does, from
    /// <c>FormTexts</c>); without it, the English constants.
    /// </summary>
    public Func<ITurnContext, CardFormPromptTexts>? Texts { get; init; }

    internal override PromptRecognition<TForm> Recognize(Activity activity, PromptOptions options) =>
        SubmittedData(activity) is { } data ? Read(data)
        : PromptText.Of(activity) is not null ? PromptRecognition<TForm>.NotRecognized(TypedTextHint)
        : PromptRecognition<TForm>.NotAnAnswer;

    protected override Activity BuildPrompt(PromptOptions options, string? text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Attachments = options.Card is { } card
            ? [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = card }]
            : throw new InvalidOperationException($"Card prompt '{Id}' was started without a card."),
    };

    /// <summary>The card is still above: say what is wrong instead of sending it again.</summary>
    protected override async Task SendRetryAsync(ITurnContext turnContext, PromptOptions options, string? retryText, CancellationToken cancellationToken)
    {
        var words = TextsOf(turnContext);
        var text = retryText == TypedTextHint ? words.TypedText
            : retryText == InvalidFormHint ? words.InvalidForm
            : retryText ?? options.RetryText ?? words.InvalidForm;
        if (turnContext.Activity.IsType(ActivityTypes.Invoke))
        {
            // An Action.Execute expects its answer in the invoke response; Teams shows it under the card.
            turnContext.InvokeResponse = InvokeResponse.FromAdaptiveCard(AdaptiveCardInvokeResponse.Message(text));
            return;
        }

        await turnContext.SendActivityAsync(text, cancellationToken);
    }

    protected override Task OnRecognizedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.IsType(ActivityTypes.Invoke))
        {
            turnContext.InvokeResponse = InvokeResponse.FromAdaptiveCard(AdaptiveCardInvokeResponse.Message(TextsOf(turnContext).Acknowledgement));
        }

        return Task.CompletedTask;
    }

    private JsonElement? SubmittedData(Activity activity)
    {
        if (PromptText.IsCardSubmit(activity))
        {
            var value = activity.Value!.Value;
            return value.TryGetProperty("verb", out var submitted) && IsOurVerb(submitted) ? value : null;
        }

        if (activity.IsType(ActivityTypes.Invoke)
            && string.Equals(activity.Name, AdaptiveCardInvokeValue.InvokeName, StringComparison.Ordinal)
            && activity.Value is { ValueKind: JsonValueKind.Object } invoke
            && invoke.TryGetProperty("action", out var action)
            && action.ValueKind == JsonValueKind.Object
            && action.TryGetProperty("verb", out var executed)
            && IsOurVerb(executed))
        {
            return action.TryGetProperty("data", out var data) ? data : default(JsonElement);
        }

        return null;
    }

    private bool IsOurVerb(JsonElement verbElement) =>
        verbElement.ValueKind == JsonValueKind.String && string.Equals(verbElement.GetString(), Verb, StringComparison.Ordinal);

    private PromptRecognition<TForm> Read(JsonElement data)
    {
        try
        {
            return data.ValueKind == JsonValueKind.Object && readForm(data) is { } form
                ? PromptRecognition<TForm>.Recognized(form)
                : PromptRecognition<TForm>.NotRecognized();
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            // A hand-edited or outdated card sent fields of the wrong type: ask again, never fail the turn.
            return PromptRecognition<TForm>.NotRecognized();
        }
    }

    private CardFormPromptTexts TextsOf(ITurnContext turnContext) => Texts?.Invoke(turnContext) ?? CardFormPromptTexts.English;
}

/// <summary>What a card prompt says, in one language.</summary>
public sealed record CardFormPromptTexts(string TypedText, string InvalidForm, string Acknowledgement)
{
    public static CardFormPromptTexts English { get; } = new(
        CardFormPrompt<object>.TypedTextHint, CardFormPrompt<object>.InvalidFormHint, CardFormPrompt<object>.Acknowledgement);
}
