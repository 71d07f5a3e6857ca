using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MentorBot.Bot.Protocol.Connector;

/// <summary>
/// The bounded retry policy for Connector calls, following the Teams status-code table: 429, 412 and 502/503/504
/// are retried with jittered exponential backoff or the server's Retry-After; 500 and every other status are not.
/// POSTs are not idempotent, so a retry after a lost response can post twice; the returned ids are logged so a
/// duplicate can be traced.
/// </summary>
public sealed class ConnectorRetryPipeline
{
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxDelay;

    public ConnectorRetryPipeline(IOptions<ConnectorOptions> options, TimeProvider timeProvider)
    {
        var settings = options.Value;
        _timeProvider = timeProvider;
        _maxDelay = settings.MaxDelay;
        Pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { } response ? RetryAfter(response) : null),
                OnRetry = args =>
                {
                    ProtocolTelemetry.RecordBusyAnswer(args.Outcome.Result, args.Outcome.Result is { } busy ? RetryAfter(busy) : null);
                    // Every attempt gets a fresh response; release the one we are giving up on.
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    public static bool IsRetryable(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.PreconditionFailed
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    /// <summary>The server's Retry-After as a delay from now, if it sent one.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } when IsRetryable(response.StatusCode) =>
            // Waiting longer than MaxDelay inside a turn helps nobody: hand Throttled back and let the caller reschedule.
            RetryAfter(response) is not { } wait || wait <= _maxDelay,
        _ => false,
    };
}
