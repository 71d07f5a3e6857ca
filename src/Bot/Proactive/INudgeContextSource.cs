using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// What the dispatcher needs about a pair at send time: the planner's context (fresh, so <c>Recheck</c> sees a moved
/// meeting or a pause) plus what the cards show that Core does not hold.
/// </summary>
/// <param name="SkillName">The skill's display name from the catalog, in the program's language.</param>
/// <param name="ManagerCcAllowed">The program lets a thank-you be copied to the junior's manager.</param>
/// <param name="ConcernReaders">Who would read a concern about this pair, by role: what the feedback card tells each of them.</param>
public sealed record NudgeSource(
    NudgeContext Pair, string SkillName, bool ManagerCcAllowed = false, Core.Programs.ConcernReaderRole ConcernReaders = Core.Programs.ConcernReaderRole.ProgramOwners);

/// <summary>Loads a pair for the dispatcher; null when the mentorship no longer exists.</summary>
public interface INudgeContextSource
{
    Task<NudgeSource?> LoadAsync(MentorshipId mentorshipId, CancellationToken cancellationToken);
}
