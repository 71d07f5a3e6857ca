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
        long exports = 0;

        // STUB_KEEP_LAST=1: keep the last activity received (GET /_last), to check what a turn kind answers.
        var keepLast = Environment.GetEnvironmentVariable("STUB_KEEP_LAST") is { Length: > 0 };
        var last = "";
        app.MapGet("/_last", () => Results.Text(last, "application/json"));
        app.MapPost("/v3/conversations/{conversationId}/activities/{**rest}", async (string conversationId, HttpRequest request) =>
        {
            if (keepLast)
            {
                last = await new StreamReader(request.Body).ReadToEndAsync();
            }
            else
            {
                await request.Body.CopyToAsync(Stream.Null);
            }

            received.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
            return Results.Json(new { id = $"stub-{Interlocked.Increment(ref sequence)}" });
        });
        app.MapPost("/v3/conversations", () => Results.Json(new { id = $"a:stub-{Interlocked.Increment(ref sequence)}" }));
        // Also an OTLP/HTTP sink (http/protobuf posts to /v1/traces and /v1/metrics): an empty body is an empty
        // Export…ServiceResponse, i.e. "all accepted".
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref exports);
            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapGet("/_stats", () => Results.Json(new { replies = received.Values.Sum(), conversations = received.Count, exports = Interlocked.Read(ref exports) }));
        app.MapPost("/_reset", () => { received.Clear(); Interlocked.Exchange(ref exports, 0); return Results.Ok(); });
        return app;
    }
}
