namespace MentorBot.Bot.Hosting.Testing;

/// <summary>
/// A clock that starts at real time and can only be moved forward. Registered as the process's
/// <see cref="TimeProvider"/> in the <c>Testing</c> environment only, so end-to-end tests can reach "tomorrow, 15 minutes
/// before the check-in" in milliseconds. Everything else keeps seeing a plain <see cref="TimeProvider"/>.
/// </summary>
public sealed class TestingClock(TimeProvider start) : TimeProvider
{
    private readonly object _gate = new();
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return start.GetUtcNow() + _offset;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public DateTimeOffset Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The clock only moves forward.");
        }

        lock (_gate)
        {
            _offset += by;
            return start.GetUtcNow() + _offset;
        }
    }
}
