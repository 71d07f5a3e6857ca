using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.Bot.Tests.Roster;

/// <summary>A roster route's scripted answer: a status with a Teams error code, optionally after a delay.</summary>
internal sealed record RosterFault(int Status, string Code, TimeSpan Delay = default);

/// <summary>
/// The Bot Connector on 127.0.0.1 (Kestrel) with Teams' roster routes as documented and as the Agents Playground
/// serves them: <c>GET v3/conversations/{id}/members/{memberId}</c> (404 <c>MemberNotFoundInConversation</c> for a
/// stranger) and <c>GET …/pagedmembers</c> with a continuation token per page; sends and replies are accepted and kept.
/// </summary>
internal sealed class LoopbackRoster : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<(string Path, JsonObject Activity)> _sent = new();
    private int _nextId;

    private LoopbackRoster(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>Members by their 29: id; each is a member of every conversation asked about.</summary>
    public ConcurrentDictionary<string, JsonObject> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers instead of the member (by 29: id) for the one-member route.</summary>
    public ConcurrentDictionary<string, RosterFault> MemberFaults { get; } = new(StringComparer.Ordinal);

    /// <summary>Members per <c>pagedmembers</c> page (the stub's, whatever pageSize the bot asks for).</summary>
    public int PageSize { get; set; } = 2;

    /// <summary>Page number (0-based) → the answer instead of that page.</summary>
    public ConcurrentDictionary<int, RosterFault> PageFaults { get; } = new();

    /// <summary>Every request's raw target (path and query), in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public IReadOnlyList<(string Path, JsonObject Activity)> Sent => [.. _sent];

    public static async Task<LoopbackRoster> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new LoopbackRoster(app);
        app.Use(async (context, next) =>
        {
            stub._requests.Enqueue(context.Features.Get<IHttpRequestFeature>()!.RawTarget);
            await next(context);
        });
        app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", async (string conversationId, string memberId, CancellationToken cancellationToken) =>
        {
            if (stub.MemberFaults.TryGetValue(memberId, out var fault))
            {
                return await FaultAsync(fault, cancellationToken);
            }

            return stub.Members.TryGetValue(memberId, out var member)
                ? Results.Json(member)
                : Results.Json(Error("MemberNotFoundInConversation", "Member not found in conversation."), statusCode: 404);
        });
        app.MapGet("/v3/conversations/{conversationId}/pagedmembers", async (string conversationId, string? continuationToken, CancellationToken cancellationToken) =>
        {
            var page = continuationToken is null ? 0 : int.Parse(continuationToken["page-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            if (stub.PageFaults.TryGetValue(page, out var fault))
            {
                return await FaultAsync(fault, cancellationToken);
            }

            var all = stub.Members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (JsonNode)m.Value.DeepClone()).ToList();
            var members = all.Skip(page * stub.PageSize).Take(stub.PageSize).ToArray();
            var result = new JsonObject { ["members"] = new JsonArray(members) };
            if ((page + 1) * stub.PageSize < all.Count)
            {
                result["continuationToken"] = $"page-{page + 1}";
            }

            return Results.Json(result);
        });
        app.MapMethods("/v3/conversations/{conversationId}/activities/{**rest}", ["POST", "PUT"], async (HttpRequest request) =>
        {
            var activity = await System.Text.Json.JsonSerializer.DeserializeAsync<JsonObject>(request.Body);
            stub._sent.Enqueue((request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget, activity ?? []));
            return Results.Json(new { id = $"activity-{Interlocked.Increment(ref stub._nextId)}" });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stub.ServiceUrl = address.TrimEnd('/') + "/";
        return stub;
    }

    /// <summary>A member as Teams' roster returns it (the Playground's shape: <c>aadObjectId</c>, tenant, role).</summary>
    public void Add(string id, string aadObjectId, string name, string? email, string? upn, string tenantId = "tenant-1") =>
        Members[id] = new JsonObject
        {
            ["id"] = id,
            ["aadObjectId"] = aadObjectId,
            ["name"] = name,
            ["givenName"] = name.Split(' ')[0],
            ["surname"] = name.Split(' ')[^1],
            ["email"] = email,
            ["userPrincipalName"] = upn,
            ["tenantId"] = tenantId,
            ["userRole"] = "user",
        };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<IResult> FaultAsync(RosterFault fault, CancellationToken cancellationToken)
    {
        if (fault.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(fault.Delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The bot gave up; Kestrel drops the response.
            }
        }

        return Results.Json(Error(fault.Code, "scripted"), statusCode: fault.Status);
    }

    private static object Error(string code, string message) => new { error = new { code, message } };
}
