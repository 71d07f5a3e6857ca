using System.ComponentModel.DataAnnotations;
using MentorBot.Core.Nudges;

namespace MentorBot.Bot.Proactive;

/// <summary>The nudge dispatcher (section <c>Nudges</c>).</summary>
public sealed class NudgeOptions
{
    public const string SectionName = "Nudges";

    /// <summary>Off: nothing is sent (the outbox keeps filling and is sent once this is switched on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle dispatcher looks for due nudges; a full batch is followed at once by the next.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often each instance asks the planner what became due for the active pairs.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan PlanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a leased nudge belongs to this instance. It must outlast one send with the Connector's own retries
    /// (Bot:Connector: up to 4 attempts × 10 s plus waits), or another instance could send it a second time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Sends in flight at once; a conversation waiting for its rate limit holds one of these.</summary>
    [Range(1, 256)]
    public int MaxConcurrentSends { get; set; } = 16;

    /// <summary>Attempts before a failing nudge is dead-lettered; backoff follows <see cref="NudgeRetryPolicy"/> (1 min … 4 h).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = NudgeRetryPolicy.MaxAttempts;

    /// <summary>
    /// Sends per second per tenant. Teams allows 50 per app per tenant, shared with replies in conversations, so
    /// nudges take half by default. Divide by the number of instances when scaling out (the limiter is per process).
    /// </summary>
    [Range(1, 45)]
    public int TenantSendsPerSecond { get; set; } = 25;

    /// <summary>Longest wait for a conversation's rate limit inside one lease; beyond it the nudge is put back.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When Teams says 429 without a Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ThrottledRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a settled message (sent, dropped, dead-lettered) is kept after it was last due, for operators to see what
    /// was said and what failed; then the retention sweep deletes it (decision 0320). Pending messages are never swept.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan SettledMessageRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The lease owner name; empty means machine name plus a per-process suffix.</summary>
    public string? InstanceId { get; set; }
}
