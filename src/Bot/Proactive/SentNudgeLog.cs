using System.Collections.Concurrent;
using MentorBot.Core.Nudges;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// Nudges this process delivered but could not yet record as sent (the outbox was unavailable, or the process is
/// between the two calls). When such an item is leased again here, it is recorded without a second send. It does not
/// survive a restart; that window is the documented duplicate of at-least-once delivery (decision 0120).
/// </summary>
public sealed class SentNudgeLog
{
    private readonly ConcurrentDictionary<NudgeKey, DateTimeOffset> _unrecorded = new();

    public int Count => _unrecorded.Count;

    public void Delivered(NudgeKey key, DateTimeOffset sentAt) => _unrecorded[key] = sentAt;

    public bool TryGetDelivered(NudgeKey key, out DateTimeOffset sentAt) => _unrecorded.TryGetValue(key, out sentAt);

    public void Recorded(NudgeKey key) => _unrecorded.TryRemove(key, out _);
}
