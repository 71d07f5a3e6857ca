using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentorBot.Bot.Protocol.Schema;

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke (an <c>Action.Execute</c> press or a refresh).</summary>
public sealed class AdaptiveCardInvokeValue
{
    public const string InvokeName = "adaptiveCard/action";

    public AdaptiveCardInvokeAction? Action { get; set; }

    /// <summary><c>manual</c> or <c>automatic</c> (refresh). The Agents Playground omits it.</summary>
    public string? Trigger { get; set; }

    public JsonElement? Authentication { get; set; }

    public string? State { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class AdaptiveCardInvokeAction
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? Verb { get; set; }

    public JsonElement? Data { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The body of the invoke response to <c>adaptiveCard/action</c>; the HTTP status itself stays 200.</summary>
public sealed record AdaptiveCardInvokeResponse(int StatusCode, string Type, JsonElement? Value)
{
    public const string CardType = Attachment.AdaptiveCardContentType;
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    /// <summary>Replaces the card for the user who pressed the button.</summary>
    public static AdaptiveCardInvokeResponse Card(JsonElement card) => new(200, CardType, card);

    /// <summary>Shows a short transient message under the card.</summary>
    public static AdaptiveCardInvokeResponse Message(string text) =>
        new(200, MessageType, JsonSerializer.SerializeToElement(text, ProtocolJsonContext.Default.String));

    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) =>
        new(statusCode, ErrorType, JsonSerializer.SerializeToElement(new InvokeError(code, message), ProtocolJsonContext.Default.InvokeError));
}

public sealed record InvokeError(string Code, string Message);
