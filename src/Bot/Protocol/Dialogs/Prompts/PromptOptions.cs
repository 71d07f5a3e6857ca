using System.Text.Json;
using System.Text.Json.Nodes;

namespace MentorBot.Bot.Protocol.Dialogs.Prompts;

/// <summary>
/// What a prompt asks. Persisted with the prompt (so a retry after a restart still shows the same choices), hence
/// plain data: the question text, the retry text, the choices, and for card forms the Adaptive Card itself.
/// </summary>
public sealed record PromptOptions
{
    public string? Text { get; init; }

    /// <summary>Sent when an answer does not fit; defaults to a gentle version of <see cref="Text"/>.</summary>
    public string? RetryText { get; init; }

    public IReadOnlyList<Choice> Choices { get; init; } = [];

    public ChoiceStyle Style { get; init; } = ChoiceStyle.Auto;

    /// <summary>The Adaptive Card a <see cref="CardFormPrompt{TForm}"/> sends (built by a card builder).</summary>
    public JsonElement? Card { get; init; }

    public static PromptOptions ForCard(JsonElement card, string? text = null) => new() { Text = text, Card = card.Clone() };

    public static PromptOptions ForCard(JsonNode card, string? text = null) =>
        ForCard(JsonSerializer.SerializeToElement(card, DialogsJsonContext.Default.JsonNode), text);
}

public enum ChoiceStyle
{
    /// <summary>Suggested actions for up to three choices (Teams shows only three), otherwise a small card.</summary>
    Auto,
    SuggestedActions,
    Card,
}

/// <summary>One option of a choice prompt: the <see cref="Value"/> the user sees and gets back, and other words for it.</summary>
public sealed record Choice(string Value, IReadOnlyList<string>? Synonyms = null);

/// <summary>The choice the user picked, and its 0-based position in the list offered.</summary>
public sealed record FoundChoice(string Value, int Index);

/// <summary>What a prompt's validator sees: the recognised answer and how many answers did not fit so far.</summary>
public sealed record PromptValidatorContext<T>(Protocol.Builder.ITurnContext Context, T Value, PromptOptions Options, int AttemptCount);

/// <summary>Returns whether the recognised answer is acceptable; false re-asks with the retry text.</summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> prompt, CancellationToken cancellationToken);

internal sealed record PromptState(PromptOptions Options, int Attempts);
