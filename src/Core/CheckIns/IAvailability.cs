using MentorBot.Core.Profiles;

namespace MentorBot.Core.CheckIns;

/// <summary>
/// Both people's real calendars (Microsoft Graph getSchedule when configured, decision 0372): the times either is busy,
/// tentative, away or out of office between <c>from</c> and <c>to</c>. Null when their calendars cannot be read (no
/// Graph, no address, Graph down): the slot finder then uses declared working hours alone, as before. Never throws
/// for a calendar problem: proposing times must work without it.
/// </summary>
public interface IAvailability
{
    Task<IReadOnlyList<TimeSlot>?> BusyAsync(Profile first, Profile second, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

/// <summary>Declared working hours only: nobody's calendar is read.</summary>
public sealed class DeclaredHoursOnly : IAvailability
{
    public Task<IReadOnlyList<TimeSlot>?> BusyAsync(Profile first, Profile second, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TimeSlot>?>(null);
}
