using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;

namespace MentorBot.Bot.Flows;

/// <summary>Reads a submitted form as its typed action record, whether or not the client repeated the verb in the data.</summary>
public static class CardForms
{
    public static T? Read<T>(JsonElement data)
        where T : CardActionData
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (data.TryGetProperty("verb", out _))
        {
            return CardActionParser.Parse(data) as T;
        }

        // Action.Execute may carry the verb only on the action; the prompt already matched it, so it is ours.
        var withVerb = JsonNode.Parse(data.GetRawText())!.AsObject();
        withVerb["verb"] = CardVerbs.Of(typeof(T));
        return CardActionParser.Parse(withVerb.ToJsonString()) as T;
    }
}
