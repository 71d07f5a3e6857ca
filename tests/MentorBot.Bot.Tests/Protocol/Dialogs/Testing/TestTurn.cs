using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Tests.Protocol.Dialogs.Testing;

/// <summary>What the bot did in one turn: the activities it sent and, for an invoke, its response.</summary>
public sealed record TestTurn(Activity Incoming, IReadOnlyList<Activity> Replies, InvokeResponse? InvokeResponse)
{
    public IReadOnlyList<string> Texts => [.. Replies.Select(r => r.Text).OfType<string>().Where(t => t.Length > 0)];

    /// <summary>Message texts and the text blocks of the cards sent: everything the user can read.</summary>
    public IReadOnlyList<string> VisibleTexts => [.. Texts, .. Cards.SelectMany(CardJson.TextBlocks)];

    /// <summary>All reply texts, one per line, for assertions and failure messages.</summary>
    public string Text => string.Join('\n', Texts);

    /// <summary>The Adaptive Cards sent, as mutable JSON for easy navigation (<c>card["actions"]![0]!["title"]</c>).</summary>
    public IReadOnlyList<JsonObject> Cards => [.. Replies
        .SelectMany(r => r.Attachments ?? [])
        .Where(a => a.ContentType == Attachment.AdaptiveCardContentType && a.Content is not null)
        .Select(a => JsonNode.Parse(a.Content!.Value.GetRawText())!.AsObject())];

    public JsonObject Card => Cards is [var card] ? card : throw new Xunit.Sdk.XunitException($"Expected one card, got {Cards.Count}. Replies: {Text}");

    /// <summary>Suggested-action titles, else the action titles of the cards sent (a choice shown as a card).</summary>
    public IReadOnlyList<string> ButtonTitles
    {
        get
        {
            var suggested = Replies
                .Where(r => r.SuggestedActions is { ValueKind: JsonValueKind.Object })
                .SelectMany(r => r.SuggestedActions!.Value.GetProperty("actions").EnumerateArray())
                .Select(a => a.GetProperty("title").GetString()!)
                .ToList();
            return suggested.Count > 0 ? suggested : [.. Cards.SelectMany(CardJson.ActionTitles)];
        }
    }

    /// <summary>The text of an <c>application/vnd.microsoft.activity.message</c> invoke response (shown under the card).</summary>
    public string? InvokeMessage =>
        InvokeResponse?.Body is { } body
        && body.GetProperty("type").GetString() == "application/vnd.microsoft.activity.message"
            ? body.GetProperty("value").GetString()
            : null;
}

/// <summary>Reading Adaptive Card JSON in assertions without caring where in the layout things sit.</summary>
public static class CardJson
{
    public static IEnumerable<string> ActionTitles(JsonNode card) =>
        Descendants(card).Where(n => n["type"]?.GetValue<string>()?.StartsWith("Action.", StringComparison.Ordinal) == true)
            .Select(n => n["title"]?.GetValue<string>() ?? string.Empty);

    public static IEnumerable<string> Verbs(JsonNode card) =>
        Descendants(card).Select(n => n["verb"]).OfType<JsonValue>().Select(v => v.GetValue<string>());

    public static IEnumerable<string> TextBlocks(JsonNode card) =>
        Descendants(card).Where(n => n["type"]?.GetValue<string>() == "TextBlock").Select(n => n["text"]?.GetValue<string>() ?? string.Empty);

    /// <summary>The node itself when it is an object, then every object below it, depth first.</summary>
    public static IEnumerable<JsonObject> Descendants(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            yield return obj;
        }

        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
