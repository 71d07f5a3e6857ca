namespace MentorBot.Core.Mentorships;

/// <summary>
/// Cancels the calendar events of a pairing's meetings still ahead when it ends. Declared here so ending a pairing needs
/// nothing of the check-ins folder; <c>CheckIns.PairingCalendar</c> implements it (decision 0321).
/// </summary>
public interface IPairingCalendar
{
    Task<int> CancelFutureEventsAsync(Mentorship pairing, CancellationToken cancellationToken);
}
