namespace MentorBot.Bot.Proactive;

// The outcome of sending from the outbox, shared by the dispatcher (a worker) and the send path it drives, so it lives
// with the send path: Workers depend on Proactive, never the reverse.

/// <summary>What one dispatch pass did with the nudges it leased.</summary>
public sealed record NudgeDispatchResult(int Leased, int Sent, int Dropped, int Retrying, int DeadLettered, int Abandoned)
{
    public static NudgeDispatchResult Empty { get; } = new(0, 0, 0, 0, 0, 0);
}

public enum NudgeDispatchOutcome
{
    Sent,

    /// <summary>Not sent on purpose: obsolete, expired or muted by send time.</summary>
    Dropped,

    /// <summary>Put back for a later attempt (throttled, rate-limited, failed but retryable).</summary>
    Retrying,

    DeadLettered,

    /// <summary>Left leased: the outbox was unavailable or the lease was lost; the lease lapses and it is tried again.</summary>
    Abandoned,
}
