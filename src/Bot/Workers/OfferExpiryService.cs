using MentorBot.Core.Requests;
using Microsoft.Extensions.Options;
using MentorBot.Bot.Hosting;

namespace MentorBot.Bot.Workers;

/// <summary>
/// Every <see cref="RequestOptions.ExpirySweepInterval"/>, settles offers nobody answered in time so the next colleague
/// is asked. Safe with several instances: each expiry is an ETag-checked write, so only one instance acts on it.
/// </summary>
public sealed partial class OfferExpiryService(
    MentoringService mentoring,
    IOptions<RequestOptions> options,
    TimeProvider time,
    ILogger<OfferExpiryService> logger) : BackgroundService, IDueWork
{
    /// <summary>The Testing clock runs a sweep right after moving time.</summary>
    public Task RunDueWorkAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpirySweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SweepAsync(stoppingToken);
        }
    }

    internal async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var expired = await mentoring.ExpireDueOffersAsync(time.GetUtcNow(), cancellationToken);
            if (expired > 0)
            {
                Log.Expired(logger, expired);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One failed sweep (storage down, a send that threw) must not stop the host; the next tick tries again.
            Log.SweepFailed(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Count} unanswered offers expired; the next colleagues were asked")]
        public static partial void Expired(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Error, "The offer-expiry sweep failed; retrying at the next interval")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
