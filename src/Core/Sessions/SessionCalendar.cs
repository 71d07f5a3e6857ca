using MentorBot.Core.CheckIns;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Sessions;

/// <summary>
/// One calendar entry per date of a group session, with the hosts and every seated attendee whose address is known
/// (decision 0475). The UID is stable per session and date; the session's sequence moves on every move or cancel, so a
/// calendar replaces the entry (or removes it: METHOD:CANCEL) rather than adding another. Times are UTC (0072).
/// </summary>
public static class SessionCalendar
{
    public static CalendarInvite? ForOccurrence(
        GroupSession session, int occurrence, IReadOnlyList<Profile> people, CalendarParty organizer, string uidDomain, DateTimeOffset now,
        string summary, string description)
    {
        if (occurrence < 0 || occurrence >= session.Starts.Count)
        {
            return null;
        }

        var start = session.Starts[occurrence];
        IReadOnlyList<CalendarParty> attendees =
        [
            .. people.Where(p => p.Email is { Length: > 0 }).DistinctBy(p => p.Id).Select(p => new CalendarParty(p.DisplayName, p.Email!)),
        ];
        return new CalendarInvite(
            $"session-{session.Id.Value}-{occurrence}@{uidDomain}",
            session.Sequence,
            session.Status == SessionStatus.Cancelled ? CalendarMethod.Cancel : CalendarMethod.Request,
            now,
            new TimeSlot(start, start + session.Length),
            summary,
            description,
            null,
            organizer,
            attendees);
    }
}
