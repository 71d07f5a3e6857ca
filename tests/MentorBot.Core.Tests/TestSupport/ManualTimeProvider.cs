namespace MentorBot.Core.Tests.TestSupport;

/// <summary>A clock that only moves when a test says so.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => _now += by;

    public void SetTo(DateTimeOffset at) => _now = at >= _now ? at : throw new InvalidOperationException("Time only moves forward.");
}
