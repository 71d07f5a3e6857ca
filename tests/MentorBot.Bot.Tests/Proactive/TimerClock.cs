namespace MentorBot.Bot.Tests.Proactive;

/// <summary>
/// A manual clock whose timers fire when the test moves time (Task.Delay, CancelAfter and Polly all use them), so a
/// dispatcher that waits for a rate limit or a poll can be driven step by step without real waiting.
/// </summary>
public sealed class TimerClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public TimerClock()
        : this(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The earliest instant a scheduled timer fires, or null when nothing waits on the clock.</summary>
    public DateTimeOffset? NextTimer
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count == 0 ? null : _timers.Min(t => t.DueAt);
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => AdvanceTo(GetUtcNow() + by);

    /// <summary>Moves the clock, firing every timer that comes due on the way, in order.</summary>
    public void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (due is null)
                {
                    _now = target > _now ? target : _now;
                    return;
                }

                _now = due.DueAt > _now ? due.DueAt : _now;
                _timers.Remove(due);
                if (due.Period is { } period)
                {
                    due.DueAt = _now + period;
                    _timers.Add(due);
                }
            }

            due.Fire();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(TimerClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                DueAt = clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
                clock._timers.Add(this);
            }

            if (dueTime == TimeSpan.Zero)
            {
                // Never call back inside CreateTimer: the caller has not stored the timer yet.
                ThreadPool.QueueUserWorkItem(_ => clock.AdvanceTo(clock.GetUtcNow()));
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
