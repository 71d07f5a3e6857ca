using MentorBot.Bot.Calendar;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Nudges;
using MentorBot.Core;
using MentorBot.Core.Programs;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// A pair as the nudge planner, the dispatcher and the .ics download need it, read fresh from the stores each time
/// (so a moved meeting, a pause or a new mute is seen before anything is sent), with who would read a concern about it.
/// </summary>
public sealed class PairNudgeSources(
    IMentorshipStore mentorships,
    ICheckInStore checkIns,
    IProfileStore profiles,
    INudgePreferencesStore preferences,
    ManagerCopyRules managerCopy,
    SkillCatalog catalog,
    ConcernService? concerns = null) : INudgeContextSource, ICheckInReader
{
    public async Task<NudgeSource?> LoadAsync(MentorshipId mentorshipId, CancellationToken cancellationToken)
    {
        if (await mentorships.GetAsync(mentorshipId, cancellationToken) is not { Value: var mentorship }
            || await profiles.GetAsync(mentorship.Senior, cancellationToken) is not { Value: var senior }
            || await profiles.GetAsync(mentorship.Junior, cancellationToken) is not { Value: var junior })
        {
            return null;
        }

        var context = new Core.Nudges.NudgeContext(
            mentorship,
            await checkIns.ListAsync(mentorshipId, cancellationToken),
            senior,
            junior,
            await preferences.GetAsync(senior.Id, cancellationToken),
            await preferences.GetAsync(junior.Id, cancellationToken));
        var copyAllowed = junior.ManagerId is not null && await managerCopy.AllowedAsync(mentorship, cancellationToken);
        // Hosts that compose nudges without the chat flows (dispatch-only harnesses) have no concern service; the card
        // then names the owners, as the product host never does without asking.
        var readers = concerns is null ? Core.Programs.ConcernReaderRole.ProgramOwners : await concerns.ReadersOfAsync(mentorship, cancellationToken);
        return new NudgeSource(context, catalog.NameOf(mentorship.Skill), copyAllowed, readers, catalog.Find(mentorship.Skill));
    }

    public async Task<CheckInDetails?> GetAsync(CheckInId checkInId, CancellationToken cancellationToken)
    {
        if (await checkIns.GetAsync(checkInId, cancellationToken) is not { Value: var checkIn }
            || await mentorships.GetAsync(checkIn.MentorshipId, cancellationToken) is not { Value: var mentorship }
            || await profiles.GetAsync(mentorship.Senior, cancellationToken) is not { Value: var senior }
            || await profiles.GetAsync(mentorship.Junior, cancellationToken) is not { Value: var junior })
        {
            return null;
        }

        return new CheckInDetails(checkIn, mentorship, senior, junior);
    }
}
