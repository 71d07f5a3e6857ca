using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MentorBot.Bot.Tests.Proactive;

/// <summary>One activity the stub accepted, with the test clock's time when it arrived.</summary>
public sealed record ReceivedActivity(string ConversationId, JsonElement Activity, DateTimeOffset At)
{
    /// <summary>The first text of the card's heading, e.g. "Your check-in with Alex Kim starts soon".</summary>
    public string CardTitle => Activity.GetProperty("attachments")[0].GetProperty("content").GetProperty("body")[0].GetProperty("text").GetString()!;

    public JsonElement Card => Activity.GetProperty("attachments")[0].GetProperty("content");
}

/// <summary>A scripted Connector answer: status, optional Teams error code and Retry-After seconds.</summary>
public sealed record ScriptedReply(int Status, string? Code = null, int? RetryAfterSeconds = null);

/// <summary>
/// The Bot Connector on <c>http://127.0.0.1:{port}</c> (Kestrel): accepts sends like Teams, answering with a
/// resource id, unless a reply is scripted for the conversation (429 with Retry-After, 403 roster, 500…).
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedActivity> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedReply>> _scripts = new(StringComparer.Ordinal);
    private long _sequence;

    private LoopbackConnector(WebApplication app) => _app = app;

    public Uri ServiceUrl { get; private set; } = null!;

    public IReadOnlyList<ReceivedActivity> Received => [.. _received];

    /// <summary>Called as each send arrives (after it was counted), to make things happen "during" a send.</summary>
    public Action<ReceivedActivity>? OnReceived { get; set; }

    public static async Task<LoopbackConnector> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new LoopbackConnector(app);
        app.MapPost("/v3/conversations/{conversationId}/activities", async (string conversationId, HttpRequest request, HttpResponse response) =>
        {
            var activity = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            if (connector._scripts.TryGetValue(conversationId, out var script) && script.TryDequeue(out var reply))
            {
                if (reply.RetryAfterSeconds is { } seconds)
                {
                    response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return Results.Json(new { error = new { code = reply.Code ?? "Error", message = "scripted" } }, statusCode: reply.Status);
            }

            var received = new ReceivedActivity(conversationId, activity, clock.GetUtcNow());
            connector._received.Enqueue(received);
            connector.OnReceived?.Invoke(received);
            return Results.Json(new { id = $"activity-{Interlocked.Increment(ref connector._sequence)}" });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        connector.ServiceUrl = new Uri(address.TrimEnd('/') + "/");
        return connector;
    }

    /// <summary>The next sends to <paramref name="conversationId"/> get these answers, in order, before normal service resumes.</summary>
    public void Script(string conversationId, params ScriptedReply[] replies)
    {
        var queue = _scripts.GetOrAdd(conversationId, _ => new ConcurrentQueue<ScriptedReply>());
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }
    }

    public IReadOnlyList<ReceivedActivity> ReceivedIn(string conversationId) =>
        [.. _received.Where(r => r.ConversationId == conversationId)];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
