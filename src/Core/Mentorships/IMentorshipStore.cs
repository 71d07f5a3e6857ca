using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Outbox;

namespace MentorBot.Core.Mentorships;

/// <summary>Mentorships (pairs). New ones are created with their request through <c>IRequestStore.ReplaceAndStartMentorshipAsync</c>.</summary>
public interface IMentorshipStore
{
    Task<Versioned<Mentorship>?> GetAsync(MentorshipId id, CancellationToken cancellationToken);

    Task<ETag> ReplaceAsync(Mentorship mentorship, ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the pairing and records what its change must tell people in the same write (decision 0307): one
    /// entity-group transaction / SQLite transaction with the pairing's row; a stale ETag writes neither.
    /// </summary>
    Task<ETag> ReplaceAsync(Mentorship mentorship, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken);

    /// <summary>Every mentorship the person is part of, as senior or junior, in any state.</summary>
    Task<IReadOnlyList<Mentorship>> ListForPersonAsync(UserId person, CancellationToken cancellationToken);

    Task<Page<Versioned<Mentorship>>> ListActiveAsync(string? continuationToken, CancellationToken cancellationToken);

    Task DeleteAsync(MentorshipId id, CancellationToken cancellationToken);
}
