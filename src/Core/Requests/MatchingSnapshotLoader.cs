using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Requests;

/// <summary>
/// Reads what matching needs from the stores: the profiles of one tenant (decision 0230: nobody is ever ranked for,
/// offered to or shown to a person of another tenant) of people who have consented themselves (an imported, invited
/// person is not offered, ranked or counted: <see cref="Participation.HasConsented"/>, 0242), the running pairs (so
/// capacity and "already mentoring" hold) and the offers still waiting for an answer (so nobody is asked twice at once).
/// </summary>
public sealed class MatchingSnapshotLoader(IProfileStore profiles, IMentorshipStore mentorships, IRequestStore requests)
{
    private const int ProfilePageSize = 1000;

    /// <summary>The snapshot of <paramref name="person"/>'s tenant: <paramref name="known"/> when the caller has it, else their profile's.</summary>
    public async Task<MatchingSnapshot> LoadForAsync(UserId person, TenantId? known, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var tenant = known ?? (await profiles.GetAsync(person, cancellationToken))?.Value.Tenant;
        return await LoadAsync(asOf, tenant, cancellationToken);
    }

    /// <summary>Everyone matching may consider in <paramref name="tenant"/> (null: the people that belong to no tenant).</summary>
    public async Task<MatchingSnapshot> LoadAsync(DateTimeOffset asOf, TenantId? tenant, CancellationToken cancellationToken)
    {
        var people = new List<Profile>();
        string? token = null;
        do
        {
            var page = await profiles.ListInTenantAsync(tenant, ProfilePageSize, token, cancellationToken);
            // The store filters; checking again here keeps a store that forgets from ever leaking another tenant.
            people.AddRange(page.Items.Select(p => p.Value).Where(p => p.Tenant == tenant && p.Participation.HasConsented));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var inTenant = people.Select(p => p.Id).ToHashSet();
        var active = new List<ActiveMentorship>();
        do
        {
            var page = await mentorships.ListActiveAsync(token, cancellationToken);
            // In matching terms the junior is the mentor: they teach the senior the requested skill.
            active.AddRange(page.Items
                .Select(m => m.Value)
                .Where(m => m.IsActive && (inTenant.Contains(m.Junior) || inTenant.Contains(m.Senior)))
                .Select(m => new ActiveMentorship(m.Junior, m.Senior, m.Skill)));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var offers = new List<OpenOffer>();
        do
        {
            var page = await requests.ListOpenAsync(token, cancellationToken);
            offers.AddRange(page.Items
                .Select(r => r.Value)
                .Where(r => r.PendingOffer is not null && (inTenant.Contains(r.Senior) || inTenant.Contains(r.PendingOffer.Candidate)))
                .Select(r => new OpenOffer(r.Senior, r.PendingOffer!.Candidate, r.Skill)));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return new MatchingSnapshot(asOf, people) { ActiveMentorships = active, OpenOffers = offers };
    }
}
