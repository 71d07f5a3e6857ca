using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Protocol.Dialogs.Prompts;

/// <summary>Offers <see cref="PromptOptions.Choices"/> as buttons and ends with the <see cref="FoundChoice"/> picked.</summary>
public sealed class ChoicePrompt(string id, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(id, validator)
{
    // Teams shows only the first three suggested actions; more choices go on a card.
    private const int MaxSuggestedActions = 3;

    internal override PromptRecognition<FoundChoice> Recognize(Activity activity, PromptOptions options) =>
        ReplyText(activity) is { } text
            ? ChoiceRecognizer.Recognize(text, options.Choices) is { } found
                ? PromptRecognition<FoundChoice>.Recognized(found)
                : PromptRecognition<FoundChoice>.NotRecognized()
            : activity.IsType(ActivityTypes.Message) && !PromptText.IsCardSubmit(activity)
                ? PromptRecognition<FoundChoice>.NotRecognized()
                : PromptRecognition<FoundChoice>.NotAnAnswer;

    protected override Activity BuildPrompt(PromptOptions options, string? text) =>
        options.Choices.Count > 0
            ? ChoiceRendering.Build(options.Choices, text, options.Style)
            : throw new InvalidOperationException($"Choice prompt '{Id}' was started without choices.");

    /// <summary>
    /// Typed text, or the imBack value of a choice-card button: Teams turns such a button into a text message, while
    /// a client that ignores the msteams extension sends it as a submit whose value carries it.
    /// </summary>
    private static string? ReplyText(Activity activity) =>
        PromptText.Of(activity)
        ?? (PromptText.IsCardSubmit(activity)
            && activity.Value!.Value.TryGetProperty("msteams", out var msteams)
            && msteams.ValueKind == JsonValueKind.Object
            && msteams.TryGetProperty("value", out var value)
            && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null);

    internal static class ChoiceRendering
    {
        public static Activity Build(IReadOnlyList<Choice> choices, string? text, ChoiceStyle style)
        {
            var asCard = style == ChoiceStyle.Card || (style == ChoiceStyle.Auto && choices.Count > MaxSuggestedActions);
            return asCard ? WithCard(choices, text) : WithSuggestedActions(choices, text);
        }

        private static Activity WithSuggestedActions(IReadOnlyList<Choice> choices, string? text)
        {
            var actions = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = "imBack",
                ["title"] = c.Value,
                ["value"] = c.Value,
            })]);
            return new Activity
            {
                Type = ActivityTypes.Message,
                Text = text,
                SuggestedActions = ToElement(new JsonObject { ["actions"] = actions }),
            };
        }

        private static Activity WithCard(IReadOnlyList<Choice> choices, string? text)
        {
            var card = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["version"] = "1.5",
                ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text ?? string.Empty, ["wrap"] = true }),
                ["actions"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject
                {
                    ["type"] = "Action.Submit",
                    ["title"] = c.Value,
                    ["data"] = new JsonObject { ["msteams"] = new JsonObject { ["type"] = "imBack", ["value"] = c.Value } },
                })]),
            };
            return new Activity
            {
                Type = ActivityTypes.Message,
                Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = ToElement(card) }],
            };
        }

        private static JsonElement ToElement(JsonNode node) => JsonSerializer.SerializeToElement(node, DialogsJsonContext.Default.JsonNode);
    }
}
