using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace MentorBot.Testing;

/// <summary>
/// A Bot Connector stand-in on 127.0.0.1 (real Kestrel): records every request and answers from a script,
/// defaulting to <c>200 {"id":"activity-N"}</c>.
/// </summary>
public sealed class LoopbackConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _nextId;

    private LoopbackConnector(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The serviceUrl to hand the bot, with the trailing slash Teams uses.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    public static async Task<LoopbackConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new LoopbackConnector(app);
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        connector.ServiceUrl = app.Urls.Single() + "/";
        return connector;
    }

    public void Enqueue(int status, string? body = null, IDictionary<string, string>? headers = null) =>
        _script.Enqueue(new ScriptedResponse(status, body, headers));

    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Requests.FirstOrDefault(predicate) is { } request)
            {
                return request;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException("The expected request did not reach the loopback connector.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Features.Get<IHttpRequestFeature>()!.RawTarget,
            context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
            context.Request.ContentType,
            body));
        _arrived.Release();

        var response = _script.TryDequeue(out var scripted)
            ? scripted
            : new ScriptedResponse(200, $$"""{"id":"activity-{{Interlocked.Increment(ref _nextId)}}"}""", null);
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Body);
        }
    }

    private sealed record ScriptedResponse(int Status, string? Body, IDictionary<string, string>? Headers);
}

public sealed record RecordedRequest(string Method, string RawTarget, string? Authorization, string? ContentType, string Body);
