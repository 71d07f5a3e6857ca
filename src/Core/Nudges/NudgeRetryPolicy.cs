namespace MentorBot.Core.Nudges;

/// <summary>Retry at <see cref="At"/>, or give up (<see cref="At"/> is null) and dead-letter.</summary>
public sealed record RetryDecision(DateTimeOffset? At)
{
    public bool DeadLetter => At is null;
}

/// <summary>
/// Backoff after a failed send. Teams throttles per conversation and per app (§9 of teams-specifics: 7 sends/s per
/// thread, 50 RPS per tenant), so a server's Retry-After always wins when it asks for longer than our step.
/// </summary>
public static class NudgeRetryPolicy
{
    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4),
    ];

    public static int MaxAttempts => Steps.Length + 1;

    /// <param name="attempts">Attempts made so far, including the one that just failed.</param>
    public static RetryDecision AfterFailure(int attempts, DateTimeOffset now, TimeSpan? retryAfter = null)
    {
        if (attempts >= MaxAttempts)
        {
            return new RetryDecision(null);
        }

        var step = Steps[Math.Clamp(attempts - 1, 0, Steps.Length - 1)];
        return new RetryDecision(now + (retryAfter > step ? retryAfter.Value : step));
    }
}
