using MentorBot.Core.CheckIns;
using MentorBot.Core;

namespace MentorBot.Bot.Calendar;

/// <summary>Loads a check-in with its pair for the invite download; null when it does not exist.</summary>
public interface ICheckInReader
{
    Task<CheckInDetails?> GetAsync(CheckInId checkInId, CancellationToken cancellationToken);
}
