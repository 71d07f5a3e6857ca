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
    // An entry whose item another instance took over (and recorded) is never looked up again; after a day it is
    // certainly settled one way or another, so a long outage cannot grow this without bound.
    private static readonly TimeSpan Keep = TimeSpan.FromDays(1);
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<NudgeKey, DateTimeOffset> _unrecorded = new();

    public int Count => _unrecorded.Count;

    public void Delivered(NudgeKey key, DateTimeOffset sentAt)
    {
        _unrecorded[key] = sentAt;
        if (_unrecorded.Count > PruneAbove)
        {
            foreach (var (old, at) in _unrecorded)
            {
                if (at < sentAt - Keep)
                {
                    _unrecorded.TryRemove(old, out _);
                }
            }
        }
    }

    public bool TryGetDelivered(NudgeKey key, out DateTimeOffset sentAt) => _unrecorded.TryGetValue(key, out sentAt);

    public void Recorded(NudgeKey key) => _unrecorded.TryRemove(key, out _);
}
