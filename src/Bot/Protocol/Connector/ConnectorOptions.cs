using System.ComponentModel.DataAnnotations;

namespace MentorBot.Bot.Protocol.Connector;

/// <summary>Retry and timeout policy for calls to the Bot Connector (section <c>Bot:Connector</c>).</summary>
public sealed class ConnectorOptions
{
    public const string SectionName = "Bot:Connector";

    /// <summary>Retries after the first attempt; Teams docs suggest 3–5 in total.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay when the Connector gives no Retry-After; doubles with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest single wait. A Retry-After beyond it ends the retries with <c>Throttled</c> instead of blocking.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Per attempt. Replies are sent while the inbound request waits, and the Bot Service gives up after ~15 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
