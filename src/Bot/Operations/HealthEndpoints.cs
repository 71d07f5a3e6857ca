using System.Text.Json;
using System.Text.Json.Serialization;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MentorBot.Bot.Workers;

namespace MentorBot.Bot.Operations;

/// <summary>
/// <c>/healthz/live</c>: the process answers (no checks, so a slow dependency never gets a healthy process restarted).
/// <c>/healthz/ready</c>: storage answers, signing keys are loaded where authentication is on, and the nudge
/// dispatcher's loop is alive and beating; the body says which and why. <c>/healthz</c> keeps its old meaning (every check).
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    internal const string StorageCheckName = "storage";

    internal static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SigningKeysHealthCheck>("signing-keys", tags: [ReadyTag])
            .AddCheck<NudgeDispatcherHealthCheck>("nudge-dispatcher", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapMentorBotHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadyTag) || r.Name == StorageCheckName,
            ResponseWriter = WriteAsync,
        });
        return endpoints;
    }

    // Descriptions only: exception messages can carry endpoints, account names or ids an operator page should not show.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthBody(
            report.Status.ToString(),
            report.Entries.ToDictionary(e => e.Key, e => new HealthEntryBody(e.Value.Status.ToString(), e.Value.Description)));
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, HealthJsonContext.Default.HealthBody));
    }
}

internal sealed record HealthBody(string Status, Dictionary<string, HealthEntryBody> Checks);

internal sealed record HealthEntryBody(string Status, string? Reason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;

/// <summary>Ready only once the Bot Framework signing keys are in memory; otherwise every turn would answer 401/503.</summary>
internal sealed class SigningKeysHealthCheck(
    IOptions<BotFrameworkOptions> bot, IOptions<BotAuthenticationOptions> authentication, OpenIdMetadataCache metadata) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (bot.Value.IsAnonymous)
        {
            return HealthCheckResult.Healthy("Authentication is off (anonymous mode): no signing keys needed.");
        }

        try
        {
            // Served from the cache after the first fetch; refreshed on the configured cadence.
            var configuration = await metadata.GetAsync(authentication.Value.ResolvedChannelMetadataUrl, cancellationToken);
            return configuration.KeyIds.Count > 0
                ? HealthCheckResult.Healthy($"{configuration.KeyIds.Count} Bot Framework signing keys loaded.")
                : HealthCheckResult.Unhealthy("The Bot Framework metadata lists no signing keys.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Bot Framework signing keys could not be loaded (metadata endpoint unreachable or invalid).");
        }
    }
}

/// <summary>
/// The dispatcher's loop beats at the start of every pass. Stale means stuck or dead: nudges and intro cards stop.
/// A pass may wait out Teams' rate limits, so "stale" allows several poll intervals plus a minute.
/// </summary>
internal sealed class NudgeDispatcherHealthCheck(
    IServiceProvider services, IOptions<NudgeOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var dispatcher = services.GetService<NudgeDispatcher>();
        if (dispatcher is null || !options.Value.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Nudges are turned off (Nudges:Enabled=false)."));
        }

        var stale = (options.Value.PollInterval * 4) + TimeSpan.FromMinutes(1);
        var now = timeProvider.GetUtcNow();
        if (dispatcher.ExecuteTask is { IsCompleted: true })
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The nudge dispatcher loop has stopped."));
        }

        return Task.FromResult(dispatcher.LastLoopPass switch
        {
            { } beat when now - beat <= stale => HealthCheckResult.Healthy($"The nudge dispatcher loop last ran {(int)(now - beat).TotalSeconds} s ago."),
            { } beat => HealthCheckResult.Unhealthy($"The nudge dispatcher loop has not run for {(int)(now - beat).TotalSeconds} s."),
            // Hosted services start after the server: the loop has not been started yet.
            null => HealthCheckResult.Healthy("The nudge dispatcher loop is starting."),
        });
    }
}
