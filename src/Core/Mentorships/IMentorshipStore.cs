using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Mentorships;

/// <summary>Mentorships (pairs). New ones are created with their request through <c>IRequestStore.ReplaceAndStartMentorshipAsync</c>.</summary>
public interface IMentorshipStore
{
    Task<Versioned<Mentorship>?> GetAsync(MentorshipId id, CancellationToken cancellationToken);

    Task<ETag> ReplaceAsync(Mentorship mentorship, ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>Every mentorship the person is part of, as senior or junior, in any state.</summary>
    Task<IReadOnlyList<Mentorship>> ListForPersonAsync(UserId person, CancellationToken cancellationToken);

    Task<Page<Versioned<Mentorship>>> ListActiveAsync(string? continuationToken, CancellationToken cancellationToken);

    Task DeleteAsync(MentorshipId id, CancellationToken cancellationToken);
}
