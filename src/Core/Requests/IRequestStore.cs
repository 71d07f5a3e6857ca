using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Outbox;

namespace MentorBot.Core.Requests;

/// <summary>
/// Where mentoring requests live. Writes are conditional on the version read; a stale write throws
/// <see cref="ConcurrencyConflictException"/> so the caller re-reads and decides again ("first accept wins").
/// </summary>
public interface IRequestStore
{
    Task<Versioned<MentoringRequest>?> GetAsync(RequestId id, CancellationToken cancellationToken);

    Task<ETag> InsertAsync(MentoringRequest request, CancellationToken cancellationToken);

    Task<ETag> ReplaceAsync(MentoringRequest request, ETag ifMatch, CancellationToken cancellationToken) =>
        ReplaceAsync(request, ifMatch, [], cancellationToken);

    /// <summary>
    /// The request (conditional on <paramref name="ifMatch"/>) and the messages its step must send, as one atomic
    /// write (decision 0306): the outbox never holds a message for a step that did not happen, nor misses one that did.
    /// </summary>
    Task<ETag> ReplaceAsync(MentoringRequest request, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Accept-and-pair as one atomic write: the request (conditional on <paramref name="ifMatch"/>), the new
    /// mentorship and the messages (the introductions, closed offers) are saved together or not at all.
    /// </summary>
    Task<ETag> ReplaceAndStartMentorshipAsync(
        MentoringRequest request, ETag ifMatch, Mentorship mentorship, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken);

    Task<ETag> ReplaceAndStartMentorshipAsync(MentoringRequest request, ETag ifMatch, Mentorship mentorship, CancellationToken cancellationToken) =>
        ReplaceAndStartMentorshipAsync(request, ifMatch, mentorship, [], cancellationToken);

    /// <summary>Open requests (searching or offered) — the offer-expiry sweep reads these.</summary>
    Task<Page<Versioned<MentoringRequest>>> ListOpenAsync(string? continuationToken, CancellationToken cancellationToken);

    /// <summary>
    /// Requests closed because nobody could help (<see cref="RequestStatus.NoCandidates"/>): the senior was promised
    /// news when someone new adds the skill, so the skill watch reads these. A store that keeps none returns none.
    /// </summary>
    Task<Page<Versioned<MentoringRequest>>> ListUnmatchedAsync(string? continuationToken, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<Versioned<MentoringRequest>>([], null));

    Task<IReadOnlyList<MentoringRequest>> ListBySeniorAsync(UserId senior, CancellationToken cancellationToken);

    /// <summary>Requests offered to this person (any outcome), for "my mentoring" and forget-me.</summary>
    Task<IReadOnlyList<MentoringRequest>> ListOfferedToAsync(UserId candidate, CancellationToken cancellationToken);

    Task DeleteAsync(RequestId id, CancellationToken cancellationToken);
}
