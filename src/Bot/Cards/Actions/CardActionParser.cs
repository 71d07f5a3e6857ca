using System.Text.Json;
using System.Text.Json.Nodes;

namespace MentorBot.Bot.Cards.Actions;

/// <summary>
/// Turns what a card button sent into a typed <see cref="CardActionData"/>. Accepts both shapes: the
/// <c>adaptiveCard/action</c> invoke value (<c>{"action":{"type":"Action.Execute","verb":…,"data":{…}}}</c>) and the
/// <c>value</c> of an Action.Submit message (the data itself, inputs merged in). Never throws on bad input:
/// unknown, stale or malformed payloads come back as <see cref="UnknownCardAction"/>.
/// </summary>
public static class CardActionParser
{
    public static CardActionData Parse(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return new UnknownCardAction(null, UnknownCardActionReason.NotAnObject);
        }

        var (data, actionVerb) = Unwrap(value);
        if (data.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            return new UnknownCardAction(actionVerb, UnknownCardActionReason.NotAnObject);
        }

        var dataVerb = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("verb", out var v)
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : null
            : null;
        var verb = dataVerb ?? actionVerb;
        if (string.IsNullOrEmpty(verb))
        {
            return new UnknownCardAction(null, UnknownCardActionReason.MissingVerb);
        }

        if (!CardVerbs.IsKnown(verb))
        {
            return new UnknownCardAction(verb, UnknownCardActionReason.UnknownVerb);
        }

        try
        {
            var parsed = dataVerb is not null
                ? data.Deserialize(CardJsonContext.Default.CardActionData)
                : WithVerb(data, verb).Deserialize(CardJsonContext.Default.CardActionData);
            return parsed ?? new UnknownCardAction(verb, UnknownCardActionReason.Malformed);
        }
        catch (JsonException)
        {
            return new UnknownCardAction(verb, UnknownCardActionReason.Malformed);
        }
    }

    /// <summary>Convenience for callers holding raw JSON text (tests, logs, replays).</summary>
    public static CardActionData Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException)
        {
            return new UnknownCardAction(null, UnknownCardActionReason.NotAnObject);
        }
    }

    private static (JsonElement Data, string? ActionVerb) Unwrap(JsonElement value)
    {
        // Invoke shape: only when "action" looks like an Action.Execute, so a submit field named "action" is left alone.
        if (value.TryGetProperty("action", out var action)
            && action.ValueKind == JsonValueKind.Object
            && action.TryGetProperty("type", out var type)
            && type.ValueKind == JsonValueKind.String
            && type.GetString() == "Action.Execute")
        {
            var actionVerb = action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
                ? verb.GetString()
                : null;
            return (action.TryGetProperty("data", out var data) ? data : default, actionVerb);
        }

        return (value, null);
    }

    // A refresh or a hand-written Action.Execute may carry its verb only on the action; the discriminator must be in
    // the object we deserialize.
    private static JsonObject WithVerb(JsonElement data, string verb)
    {
        var copy = new JsonObject { ["verb"] = verb };
        if (data.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in data.EnumerateObject())
            {
                copy[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        return copy;
    }
}
