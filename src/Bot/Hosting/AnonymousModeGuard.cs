using Microsoft.Extensions.Diagnostics.HealthChecks;
using MentorBot.Bot.Protocol;

namespace MentorBot.Bot.Hosting;

/// <summary>
/// The one start-up check and the one warning for anonymous mode. Program.cs refuses before starting anything; this
/// guard stops any other host that composes the bot (tests, benchmarks) the same way.
/// </summary>
internal sealed partial class AnonymousModeGuard(AnonymousMode mode, ILogger<AnonymousModeGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        switch (mode.Status)
        {
            case AnonymousModeStatus.Refused:
                throw new InvalidOperationException(mode.Refusal);
            case AnonymousModeStatus.LocalDevelopment:
                LogLocalDevelopment(logger);
                break;
            case AnonymousModeStatus.AllowedInProduction:
                LogAllowedInProduction(logger, AnonymousMode.SwitchKey);
                break;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning,
        Message = "MicrosoftAppId is empty: requests without an Authorization header are accepted anonymously. " +
                  "Local development only (Agents Playground, Emulator); outside Development and Testing the bot refuses to start this way.")]
    private static partial void LogLocalDevelopment(ILogger logger);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Critical,
        Message = "MicrosoftAppId is empty and {Switch}=true: requests are NOT authenticated and anyone who can reach this host can act as any user.")]
    private static partial void LogAllowedInProduction(ILogger logger, string @switch);
}

/// <summary>Reports the production switch in the /healthz body, so whoever monitors the host sees it.</summary>
internal sealed class AnonymousModeHealthCheck(AnonymousMode mode) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(mode.ProductionNotice is { } notice ? HealthCheckResult.Degraded(notice) : HealthCheckResult.Healthy());
}
