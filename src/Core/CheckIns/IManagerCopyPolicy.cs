using MentorBot.Core.Mentorships;

namespace MentorBot.Core.CheckIns;

/// <summary>
/// Whether a senior may copy the junior's manager on a thank-you. Declared here, decided by the programs folder
/// (<c>Programs.ManagerCopyRules</c>), so check-ins need nothing of programs (decision 0321).
/// </summary>
public interface IManagerCopyPolicy
{
    Task<bool> AllowedAsync(Mentorship mentorship, CancellationToken cancellationToken);
}
