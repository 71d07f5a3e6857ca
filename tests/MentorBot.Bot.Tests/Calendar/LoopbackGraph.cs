using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.Bot.Tests.Calendar;

public sealed record GraphRequest(string Method, string Path, string? Authorization, JsonElement? Body);

/// <summary>
/// Microsoft Graph's calendar endpoints on <c>http://127.0.0.1:{port}/v1.0</c>: creating an event answers 201 with an
/// id and a Teams join URL, PATCH answers the event, cancel answers 202; a status can be forced for every request.
/// </summary>
public sealed class LoopbackGraph : IAsyncDisposable
{
    public const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_graph%40thread.v2/0";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<GraphRequest> _requests = new();

    private LoopbackGraph(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<GraphRequest> Requests => [.. _requests];

    /// <summary>When set, every request gets this status and a Graph error body.</summary>
    public int? ForceStatus { get; set; }

    /// <summary>Retry-After seconds sent with <see cref="ForceStatus"/>.</summary>
    public int? RetryAfterSeconds { get; set; }

    public static async Task<LoopbackGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var graph = new LoopbackGraph(app);
        app.Run(async context =>
        {
            JsonElement? body = null;
            if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            }

            graph._requests.Enqueue(new GraphRequest(
                context.Request.Method, context.Request.Path.Value!, context.Request.Headers.Authorization.FirstOrDefault(), body));
            if (graph.ForceStatus is { } status)
            {
                context.Response.StatusCode = status;
                if (graph.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await context.Response.WriteAsJsonAsync(new { error = new { code = "ErrorAccessDenied", message = "Access is denied." } });
                return;
            }

            var path = context.Request.Path.Value!;
            if (context.Request.Method == HttpMethods.Post && path.EndsWith("/cancel", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return;
            }

            context.Response.StatusCode = context.Request.Method == HttpMethods.Post ? StatusCodes.Status201Created : StatusCodes.Status200OK;
            await context.Response.WriteAsJsonAsync(new
            {
                id = "AAMkAGI1-event-1",
                subject = body?.TryGetProperty("subject", out var subject) == true ? subject.GetString() : null,
                isOnlineMeeting = true,
                onlineMeetingProvider = "teamsForBusiness",
                onlineMeeting = new { joinUrl = JoinUrl },
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        graph.BaseUrl = new Uri(address.TrimEnd('/') + "/v1.0");
        return graph;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
