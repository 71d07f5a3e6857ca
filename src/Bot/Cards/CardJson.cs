using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;

namespace MentorBot.Bot.Cards;

public static class CardJson
{
    // Card JSON travels inside a JSON activity, never inside HTML, so apostrophes and dashes need no \u escapes; that
    // keeps cards smaller (28 KB target) and golden files readable.
    private static readonly CardJsonContext Context = new(new JsonSerializerOptions(CardJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Serialize(AdaptiveCard card) => JsonSerializer.Serialize(card, Context.AdaptiveCard);

    /// <summary>The card as an attachment's <c>content</c>, for an activity model that holds JSON.</summary>
    public static JsonElement ToElement(AdaptiveCard card) => JsonSerializer.SerializeToElement(card, Context.AdaptiveCard);

    public static string Serialize(CardActionData data) => JsonSerializer.Serialize(data, Context.CardActionData);
}

// Out-of-order metadata: Teams merges input values into the data object, so "verb" need not come first.
// Required constructor parameters and nullable annotations are enforced so a truncated or tampered payload is
// rejected as Malformed instead of producing a record with null ids.
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(AdaptiveCard))]
[JsonSerializable(typeof(CardActionData))]
internal sealed partial class CardJsonContext : JsonSerializerContext;
