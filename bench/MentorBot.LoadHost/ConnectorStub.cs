using System.Collections.Concurrent;

namespace MentorBot.LoadHost;

/// <summary>
/// Stands in for the Bot Connector service: accepts every send/reply and answers with a resource id, as Teams does.
/// Counts what it received so a run can check that every turn sent exactly one reply.
/// </summary>
public static class ConnectorStub
{
    public static WebApplication Build(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        var received = new ConcurrentDictionary<string, int>();
        long sequence = 0;

        app.MapPost("/v3/conversations/{conversationId}/activities/{**rest}", async (string conversationId, HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            received.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
            return Results.Json(new { id = $"stub-{Interlocked.Increment(ref sequence)}" });
        });
        app.MapPost("/v3/conversations", () => Results.Json(new { id = $"a:stub-{Interlocked.Increment(ref sequence)}" }));
        app.MapGet("/_stats", () => Results.Json(new { replies = received.Values.Sum(), conversations = received.Count }));
        app.MapPost("/_reset", () => { received.Clear(); return Results.Ok(); });
        return app;
    }
}
