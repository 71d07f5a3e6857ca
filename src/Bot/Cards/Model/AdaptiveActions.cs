using System.Text.Json.Serialization;
using MentorBot.Bot.Cards.Actions;

namespace MentorBot.Bot.Cards.Model;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
[JsonDerivedType(typeof(ToggleVisibilityAction), "Action.ToggleVisibility")]
public abstract record AdaptiveAction([property: JsonPropertyOrder(-2)] string Title)
{
    public string? Id { get; init; }

    public string? Tooltip { get; init; }
}

/// <summary>
/// Universal Action: Teams sends an <c>adaptiveCard/action</c> invoke and can replace the card for the caller.
/// <see cref="Verb"/> repeats <c>data.verb</c> so the parser finds the verb in either place.
/// </summary>
public sealed record ExecuteAction(string Title, [property: JsonPropertyOrder(-1)] string Verb, CardActionData Data)
    : AdaptiveAction(Title)
{
    public AssociatedInputs? AssociatedInputs { get; init; }

    /// <summary>For clients without Universal Actions (decision 0060): the same data as a classic submit.</summary>
    public AdaptiveAction? Fallback { get; init; }
}

public sealed record SubmitAction(string Title, CardActionData Data) : AdaptiveAction(Title)
{
    public AssociatedInputs? AssociatedInputs { get; init; }
}

public sealed record OpenUrlAction(string Title, Uri Url) : AdaptiveAction(Title);

public sealed record ShowCardAction(string Title, AdaptiveCard Card) : AdaptiveAction(Title);

public sealed record ToggleVisibilityAction(string Title, IReadOnlyList<string> TargetElements) : AdaptiveAction(Title);
