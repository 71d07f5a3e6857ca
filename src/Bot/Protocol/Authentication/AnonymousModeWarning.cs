using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Protocol.Authentication;

/// <summary>Says loudly at start-up when the bot accepts unauthenticated requests (no <c>MicrosoftAppId</c>).</summary>
internal sealed partial class AnonymousModeWarning(IOptions<BotFrameworkOptions> options, ILogger<AnonymousModeWarning> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.IsAnonymous)
        {
            LogAnonymousMode(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(
        EventId = 2000,
        Level = LogLevel.Warning,
        Message = "MicrosoftAppId is empty: requests without an Authorization header are accepted anonymously. " +
                  "Use this only for local development (Agents Playground, Emulator); never deploy without an app id.")]
    private static partial void LogAnonymousMode(ILogger logger);
}
