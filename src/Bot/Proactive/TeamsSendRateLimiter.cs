using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// Token buckets for proactive sends, per conversation and per tenant (teams-specifics §9), as reservations: a caller
/// learns the instant its send may go, waits for it on the <see cref="TimeProvider"/> and sends. Nothing polls.
/// Buckets are kept as GCRA "theoretical arrival times" (decision 0122), so a full bucket is no state at all and
/// idle conversations cost nothing.
/// </summary>
public sealed class TeamsSendRateLimiter
{
    // Teams: 7 per 1 s, 8 per 2 s, 60 per 30 s, 1800 per hour per conversation. A bucket of 5 refilled at 1/s allows
    // at most 6 in any closed 1 s window, 7 in 2 s and 35 in 30 s; a second bucket of 150 at 0.45/s caps the hour at
    // 1771. The margin absorbs the jitter between our clock and Teams' counting.
    private static readonly Bucket[] ConversationBuckets =
    [
        new(Capacity: 5, Interval: TimeSpan.FromSeconds(1)),
        new(Capacity: 150, Interval: TimeSpan.FromSeconds(1 / 0.45)),
    ];

    private readonly Bucket[] _tenantBuckets;
    private readonly Dictionary<string, DateTimeOffset[]> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset[]> _tenants = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _sweepAt = 1024;

    public TeamsSendRateLimiter(IOptions<NudgeOptions> options)
    {
        var perSecond = options.Value.TenantSendsPerSecond;
        _tenantBuckets = [new(Capacity: Math.Max(1, perSecond / 5), Interval: TimeSpan.FromSeconds(1.0 / perSecond))];
    }

    /// <summary>Conversations with state; idle ones are forgotten as the table grows.</summary>
    public int TrackedConversations
    {
        get
        {
            lock (_gate)
            {
                return _conversations.Count;
            }
        }
    }

    /// <summary>
    /// Reserves the earliest instant a send to <paramref name="conversationId"/> may go, if it is no later than
    /// <paramref name="now"/> + <paramref name="maxWait"/>; otherwise reserves nothing and returns false with that instant.
    /// Call <see cref="ReserveTenant"/> once that instant has come.
    /// </summary>
    public bool TryReserveConversation(string conversationId, DateTimeOffset now, TimeSpan maxWait, out DateTimeOffset sendAt)
    {
        lock (_gate)
        {
            var conversation = State(_conversations, conversationId, ConversationBuckets);
            sendAt = Earliest(conversation, ConversationBuckets, now);
            if (sendAt - now > maxWait)
            {
                return false;
            }

            Take(conversation, ConversationBuckets, sendAt);
            SweepIfLarge(now);
            return true;
        }
    }

    /// <summary>
    /// Reserves the tenant-wide slot for a send that is ready now. Taken only when the conversation's own wait is
    /// over: a slot booked seconds ahead for one busy conversation would otherwise hold up the whole tenant until
    /// then. Waits stay short because only sends already in hand (at most the concurrency) queue here.
    /// </summary>
    public DateTimeOffset ReserveTenant(string tenantId, DateTimeOffset now)
    {
        lock (_gate)
        {
            var tenant = State(_tenants, tenantId, _tenantBuckets);
            var sendAt = Earliest(tenant, _tenantBuckets, now);
            Take(tenant, _tenantBuckets, sendAt);
            return sendAt;
        }
    }

    /// <summary>Both reservations at once for a caller that sends at the returned instant; fine for one conversation only.</summary>
    internal bool TryReserve(string tenantId, string conversationId, DateTimeOffset now, TimeSpan maxWait, out DateTimeOffset sendAt)
    {
        if (!TryReserveConversation(conversationId, now, maxWait, out sendAt))
        {
            return false;
        }

        sendAt = ReserveTenant(tenantId, sendAt);
        return true;
    }

    /// <summary>Teams answered 429 for this conversation: nothing more goes there before <paramref name="until"/>.</summary>
    public void Throttled(string conversationId, DateTimeOffset until)
    {
        lock (_gate)
        {
            var conversation = State(_conversations, conversationId, ConversationBuckets);
            for (var i = 0; i < ConversationBuckets.Length; i++)
            {
                conversation[i] = Max(conversation[i], until + ConversationBuckets[i].Tolerance);
            }
        }
    }

    private static DateTimeOffset[] State(Dictionary<string, DateTimeOffset[]> table, string key, Bucket[] buckets)
    {
        if (!table.TryGetValue(key, out var state))
        {
            state = new DateTimeOffset[buckets.Length];
            Array.Fill(state, DateTimeOffset.MinValue);
            table[key] = state;
        }

        return state;
    }

    private static DateTimeOffset Earliest(DateTimeOffset[] state, Bucket[] buckets, DateTimeOffset now)
    {
        var earliest = now;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (state[i] != DateTimeOffset.MinValue)
            {
                earliest = Max(earliest, state[i] - buckets[i].Tolerance);
            }
        }

        return earliest;
    }

    private static void Take(DateTimeOffset[] state, Bucket[] buckets, DateTimeOffset at)
    {
        for (var i = 0; i < buckets.Length; i++)
        {
            state[i] = Max(state[i], at) + buckets[i].Interval;
        }
    }

    // A bucket whose theoretical arrival time has passed is full again, the same as no entry at all.
    private void SweepIfLarge(DateTimeOffset now)
    {
        if (_conversations.Count < _sweepAt)
        {
            return;
        }

        foreach (var (key, state) in _conversations)
        {
            if (state.All(t => t <= now))
            {
                _conversations.Remove(key);
            }
        }

        foreach (var (key, state) in _tenants)
        {
            if (state.All(t => t <= now))
            {
                _tenants.Remove(key);
            }
        }

        _sweepAt = Math.Max(1024, _conversations.Count * 2);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <param name="Capacity">Sends allowed at once from a full bucket.</param>
    /// <param name="Interval">Time to earn one more.</param>
    private sealed record Bucket(int Capacity, TimeSpan Interval)
    {
        public TimeSpan Tolerance { get; } = Interval * (Capacity - 1);
    }
}
