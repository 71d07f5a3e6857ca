using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.CheckIns;

/// <summary>
/// Cancels the calendar events MentorBot created for a pairing's meetings that have not happened yet: when the pairing
/// ends (the two people should not find a meeting with nobody to meet) and when one of them is forgotten.
/// </summary>
public sealed class PairingCalendar(ICheckInStore checkIns, IProfileStore profiles, ICalendar calendar, TimeProvider time) : IPairingCalendar
{
    /// <summary>Returns how many events were cancelled (or were already gone).</summary>
    public async Task<int> CancelFutureEventsAsync(Mentorship pairing, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var upcoming = (await checkIns.ListAsync(pairing.Id, cancellationToken))
            .Where(c => c.Status == CheckInStatus.Scheduled && c.Meeting is { CalendarEventId.Length: > 0 } meeting && meeting.Slot.End > now)
            .ToList();
        if (upcoming.Count == 0)
        {
            return 0;
        }

        // The calendar needs both people; one of them may already be forgotten, so a stand-in keeps the event id reachable.
        var senior = (await profiles.GetAsync(pairing.Senior, cancellationToken))?.Value ?? StandIn(pairing.Senior);
        var junior = (await profiles.GetAsync(pairing.Junior, cancellationToken))?.Value ?? StandIn(pairing.Junior);
        var cancelled = 0;
        foreach (var checkIn in upcoming)
        {
            if (await calendar.CancelAsync(new CheckInDetails(checkIn, pairing, senior, junior), cancellationToken) is CalendarOutcome.Cancelled)
            {
                cancelled++;
            }
        }

        return cancelled;
    }

    private static Profile StandIn(UserId id) => new(
        id, string.Empty, null, null, null, new CareerLevel(1), "UTC", WorkingHours.Default, [], 0, Participation.OptedOut, ProgramRole.Both, [], []);
}
