using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentorBot.LoadHost;

/// <summary>
/// The reference a full MentorBot turn is measured against: an ASP.NET Core endpoint that only parses the incoming
/// activity and posts one reply to the Connector — no token validation, no state, no bot logic.
/// </summary>
internal static class BareEndpoint
{
    public static WebApplication Build(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.AddHttpClient("connector");
        var app = builder.Build();

        app.MapPost("/api/messages", async (HttpRequest request, IHttpClientFactory clients, CancellationToken cancellationToken) =>
        {
            var activity = await JsonSerializer.DeserializeAsync(request.Body, BareJsonContext.Default.BareActivity, cancellationToken);
            if (activity?.ServiceUrl is null || activity.Conversation?.Id is null)
            {
                return Results.BadRequest();
            }

            var reply = new BareActivity
            {
                Type = "message",
                Text = "Hi! I'm here.",
                Conversation = activity.Conversation,
                From = activity.Recipient,
                Recipient = activity.From,
                ReplyToId = activity.Id,
            };
            var uri = new Uri($"{activity.ServiceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(activity.Conversation.Id)}/activities/{Uri.EscapeDataString(activity.Id ?? "")}");
            using var response = await clients.CreateClient("connector").PostAsync(
                uri, JsonContent.Create(reply, BareJsonContext.Default.BareActivity), cancellationToken);
            return response.IsSuccessStatusCode ? Results.Ok() : Results.StatusCode(502);
        });
        return app;
    }
}

internal sealed class BareActivity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    public string? Text { get; set; }

    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public BareAccount? From { get; set; }

    public BareAccount? Recipient { get; set; }

    public BareAccount? Conversation { get; set; }

    public string? ReplyToId { get; set; }
}

internal sealed class BareAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BareActivity))]
internal sealed partial class BareJsonContext : JsonSerializerContext;
