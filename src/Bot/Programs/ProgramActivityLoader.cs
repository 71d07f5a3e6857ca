using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Requests;
using MentorBot.Core;

namespace MentorBot.Bot.Programs;

/// <summary>
/// Reads what reporting needs about one program from the stores: its consented participants (enrolments + profiles),
/// their pairings in this program (active, paused and ended), the requests of its seniors, and every pairing's
/// check-ins and ratings, and the program's cohort rounds. Requests carry no program, so a senior's requests count in each program they take part in.
/// Only people of the program's tenant count (decision 0230): an enrolment naming anyone else is left out.
/// </summary>
public sealed class ProgramActivityLoader(
    IProgramStore programs,
    IEnrolmentStore enrolments,
    IProfileStore profiles,
    IMentorshipStore mentorships,
    IRequestStore requests,
    ICheckInStore checkIns,
    IRoundStore rounds)
{
    public async Task<ProgramActivity> LoadAsync(ProgramId program, CancellationToken cancellationToken)
    {
        var tenant = (await programs.GetAsync(program, cancellationToken))?.Value.Tenant;
        var enrolled = (await enrolments.ListAsync(program, cancellationToken))
            .Select(e => e.Value)
            .Where(e => e.MayBeMatched)
            .Select(e => e.Person)
            .ToList();
        var people = new Dictionary<UserId, Profile?>();
        foreach (var person in enrolled)
        {
            people[person] = (await profiles.GetAsync(person, cancellationToken))?.Value;
        }

        var participants = enrolled.Where(p => people[p] is not { } profile || profile.Tenant == tenant).ToList();

        var pairsByPerson = new Dictionary<UserId, IReadOnlyList<Mentorship>>();
        foreach (var person in participants)
        {
            pairsByPerson[person] = await mentorships.ListForPersonAsync(person, cancellationToken);
        }

        // Ended pairings are found through their participants; active ones also through the active listing, in case
        // someone paired in this program has since withdrawn.
        var inProgram = pairsByPerson.Values.SelectMany(m => m).Where(m => m.Program == program && m.Tenant == tenant).DistinctBy(m => m.Id).ToDictionary(m => m.Id);
        string? token = null;
        do
        {
            var page = await mentorships.ListActiveAsync(token, cancellationToken);
            foreach (var m in page.Items.Select(v => v.Value).Where(m => m.Program == program && m.Tenant == tenant))
            {
                inProgram.TryAdd(m.Id, m);
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        foreach (var person in inProgram.Values.SelectMany(m => new[] { m.Senior, m.Junior }).Distinct().Where(p => !people.ContainsKey(p)))
        {
            people[person] = (await profiles.GetAsync(person, cancellationToken))?.Value;
        }

        var pairings = new List<PairingRow>();
        var checkInRows = new List<CheckInRow>();
        var feedbackRows = new List<FeedbackRow>();
        foreach (var mentorship in inProgram.Values.OrderBy(m => m.StartedAt))
        {
            pairings.Add(PairingRow.FromMentorship(mentorship, NameOf(mentorship.Senior), NameOf(mentorship.Junior)));
            checkInRows.AddRange((await checkIns.ListAsync(mentorship.Id, cancellationToken)).Select(CheckInRow.FromCheckIn).OfType<CheckInRow>());
            feedbackRows.AddRange((await checkIns.ListFeedbackAsync(mentorship.Id, cancellationToken))
                .Select(f => FeedbackRow.FromFeedback(f, mentorship.Skill)).OfType<FeedbackRow>());
        }

        var requestRows = new List<RequestRow>();
        foreach (var senior in participants.Concat(inProgram.Values.Select(m => m.Senior)).Distinct())
        {
            requestRows.AddRange((await requests.ListBySeniorAsync(senior, cancellationToken)).Select(RequestRow.FromRequest));
        }

        var participantRows = participants
            .Select(person => people[person] is { } profile
                ? new ParticipantRow(person, AvailableToTeach(profile, pairsByPerson[person]), [.. profile.Offers.Select(o => o.Skill)], [.. profile.Wants.Select(w => w.Skill)])
                : new ParticipantRow(person, false, [], []))
            .ToList();

        var programRounds = (await rounds.ListAsync(program, cancellationToken)).Select(r => r.Value).ToList();
        return new ProgramActivity(program, pairings, checkInRows, feedbackRows, requestRows.DistinctBy(r => r.Id).ToList(), participantRows, programRounds);

        string NameOf(UserId person) => people.GetValueOrDefault(person)?.DisplayName ?? person.AadObjectId;
    }

    private static bool AvailableToTeach(Profile profile, IReadOnlyList<Mentorship> pairs) =>
        profile.CanTeach
        && profile.Participation.State == ParticipationState.Active
        && pairs.Count(m => m.State.Status != MentorshipStatus.Ended) < profile.Capacity;
}
