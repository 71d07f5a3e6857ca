namespace MentorBot.Core.Mentorships;

/// <summary>How often a pair meets and for how long.</summary>
/// <param name="Interval">Time between check-ins; whole days, because a cadence is a calendar idea (every second
/// Tuesday), not a count of hours that would drift by one across a DST change.</param>
/// <param name="MeetingLength">Length of one check-in.</param>
public sealed record Cadence(TimeSpan Interval, TimeSpan MeetingLength)
{
    public static Cadence Default { get; } = new(TimeSpan.FromDays(14), TimeSpan.FromMinutes(30));

    public int IntervalDays => (int)Interval.TotalDays;

    public bool IsValid =>
        Interval >= TimeSpan.FromDays(1) && Interval.Ticks % TimeSpan.TicksPerDay == 0 && Interval <= TimeSpan.FromDays(92)
        && MeetingLength >= TimeSpan.FromMinutes(10) && MeetingLength <= TimeSpan.FromHours(4)
        && MeetingLength.Ticks % TimeSpan.TicksPerMinute == 0;
}
