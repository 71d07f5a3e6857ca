using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// What the dispatcher needs about a pair at send time: the planner's context (fresh, so <c>Recheck</c> sees a moved
/// meeting or a pause) plus what the cards show that Core does not hold.
/// </summary>
/// <param name="SkillName">The skill's display name from the catalog (English, the catalog's neutral language).</param>
/// <param name="ManagerCcAllowed">The program lets a thank-you be copied to the junior's manager.</param>
/// <param name="ConcernReaders">Who would read a concern about this pair, by role: what the feedback card tells each of them.</param>
/// <param name="Skill">The catalog entry, for the name in each reader's language; null for a skill the catalog lost.</param>
public sealed record NudgeSource(
    NudgeContext Pair,
    string SkillName,
    bool ManagerCcAllowed = false,
    Core.Programs.ConcernReaderRole ConcernReaders = Core.Programs.ConcernReaderRole.ProgramOwners,
    Core.Skills.SkillDefinition? Skill = null)
{
    /// <summary>The skill's name as the reader of <paramref name="culture"/> reads it.</summary>
    public string SkillNameIn(System.Globalization.CultureInfo culture) => Skill?.NameIn(culture) ?? SkillName;
}

/// <summary>Loads a pair for the dispatcher; null when the mentorship no longer exists.</summary>
public interface INudgeContextSource
{
    Task<NudgeSource?> LoadAsync(MentorshipId mentorshipId, CancellationToken cancellationToken);
}
