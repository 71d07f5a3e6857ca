using System.Text.Json.Serialization;

namespace MentorBot.Bot.Cards.Model;

/// <summary>
/// The subset of Adaptive Cards 1.5 MentorBot sends. Only what Teams renders (teams-specifics §8): no Media,
/// no Action.Http, no positive/destructive action styles.
/// </summary>
public sealed record AdaptiveCard
{
    public const string SchemaVersion = "1.5";

    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyOrder(-10)]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-9)]
    public string? Schema { get; init; }

    [JsonPropertyOrder(-8)]
    public string? Version { get; init; }

    /// <summary>Shown by clients that cannot render the card and used as the notification preview.</summary>
    public string? FallbackText { get; init; }

    public IReadOnlyList<AdaptiveElement> Body { get; init; } = [];

    public IReadOnlyList<AdaptiveAction>? Actions { get; init; }

    public CardRefresh? Refresh { get; init; }

    [JsonPropertyName("msteams")]
    public TeamsCardProperties? Teams { get; init; }

    /// <summary>A top-level card as Teams expects it: version 1.5, full width.</summary>
    public static AdaptiveCard Create(
        IReadOnlyList<AdaptiveElement> body,
        IReadOnlyList<AdaptiveAction>? actions = null,
        string? fallbackText = null,
        CardRefresh? refresh = null) => new()
        {
            Schema = "http://adaptivecards.io/schemas/adaptive-card.json",
            Version = SchemaVersion,
            FallbackText = fallbackText,
            Body = body,
            Actions = actions is { Count: > 0 } ? actions : null,
            Refresh = refresh,
            Teams = TeamsCardProperties.FullWidth,
        };

    /// <summary>A card nested in <see cref="ShowCardAction"/>: no version, schema or Teams properties of its own.</summary>
    public static AdaptiveCard Nested(IReadOnlyList<AdaptiveElement> body, IReadOnlyList<AdaptiveAction>? actions = null) =>
        new() { Body = body, Actions = actions is { Count: > 0 } ? actions : null };

    public string ToJson() => CardJson.Serialize(this);
}

public sealed record TeamsCardProperties(string Width)
{
    public static TeamsCardProperties FullWidth { get; } = new("Full");
}

/// <summary>
/// Universal Actions refresh: Teams invokes <see cref="Action"/> automatically for the listed users (at most 60 MRIs,
/// <c>29:…</c>) when they view the card, so each sees an up-to-date, personal copy.
/// </summary>
public sealed record CardRefresh(ExecuteAction Action, IReadOnlyList<string>? UserIds)
{
    [JsonIgnore]
    public ExecuteAction Action { get; init; } = Action;

    // Written through the base type so the polymorphic "type": "Action.Execute" is emitted; clients ignore an
    // action without it.
    [JsonPropertyName("action")]
    public AdaptiveAction SerializedAction => Action;
}
