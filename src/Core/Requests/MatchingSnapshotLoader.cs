using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Requests;

/// <summary>
/// Reads what matching needs from the stores: every profile of someone who has consented themselves (an imported,
/// invited person is not offered, ranked or counted: <see cref="Participation.HasConsented"/>, 0242), the running pairs (so capacity and "already mentoring"
/// hold) and the offers still waiting for an answer (so nobody is asked twice at once).
/// </summary>
public sealed class MatchingSnapshotLoader(IProfileStore profiles, IMentorshipStore mentorships, IRequestStore requests)
{
    private const int ProfilePageSize = 1000;

    public async Task<MatchingSnapshot> LoadAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var people = new List<Profile>();
        string? token = null;
        do
        {
            var page = await profiles.ListAsync(ProfilePageSize, token, cancellationToken);
            people.AddRange(page.Items.Select(p => p.Value).Where(p => p.Participation.HasConsented));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var active = new List<ActiveMentorship>();
        do
        {
            var page = await mentorships.ListActiveAsync(token, cancellationToken);
            // In matching terms the junior is the mentor: they teach the senior the requested skill.
            active.AddRange(page.Items.Select(m => m.Value).Where(m => m.IsActive).Select(m => new ActiveMentorship(m.Junior, m.Senior, m.Skill)));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var offers = new List<OpenOffer>();
        do
        {
            var page = await requests.ListOpenAsync(token, cancellationToken);
            offers.AddRange(page.Items
                .Select(r => r.Value)
                .Where(r => r.PendingOffer is not null)
                .Select(r => new OpenOffer(r.Senior, r.PendingOffer!.Candidate, r.Skill)));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return new MatchingSnapshot(asOf, people) { ActiveMentorships = active, OpenOffers = offers };
    }
}
