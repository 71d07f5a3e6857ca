using MentorBot.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Hosting;

/// <summary>Says loudly at start-up when the bot accepts unauthenticated traffic, so it never ships that way unnoticed.</summary>
internal sealed partial class AnonymousModeWarning(IOptions<BotFrameworkOptions> options, ILogger<AnonymousModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.IsAnonymous)
        {
            Log.Anonymous(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "MicrosoftAppId is empty: the bot accepts unauthenticated requests and sends no tokens (local development only: Agents Playground, Emulator).")]
        public static partial void Anonymous(ILogger logger);
    }
}
