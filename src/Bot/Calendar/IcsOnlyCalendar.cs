using MentorBot.Core.CheckIns;

namespace MentorBot.Bot.Calendar;

/// <summary>
/// Used when Graph is not configured: no calendar service is called and every request says so, so the caller offers
/// the signed .ics download (<see cref="CheckInInviteLinks"/>) instead.
/// </summary>
public sealed class IcsOnlyCalendar : ICalendar
{
    private static readonly Task<CalendarOutcome> NotConfigured = Task.FromResult<CalendarOutcome>(new CalendarOutcome.NotConfigured());

    public Task<CalendarOutcome> CreateAsync(CheckInDetails details, CancellationToken cancellationToken) => NotConfigured;

    public Task<CalendarOutcome> UpdateAsync(CheckInDetails details, CancellationToken cancellationToken) => NotConfigured;

    public Task<CalendarOutcome> CancelAsync(CheckInDetails details, CancellationToken cancellationToken) => NotConfigured;
}
