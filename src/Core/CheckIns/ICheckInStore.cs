using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Outbox;

namespace MentorBot.Core.CheckIns;

/// <summary>
/// Where check-ins live, per pairing. Writes are conditional on the version read; a stale write throws
/// <see cref="ConcurrencyConflictException"/> so that two people picking a time at once book exactly one.
/// </summary>
public interface ICheckInStore
{
    Task<Versioned<CheckIn>?> GetAsync(CheckInId id, CancellationToken cancellationToken);

    Task<ETag> InsertAsync(CheckIn checkIn, CancellationToken cancellationToken);

    Task<ETag> ReplaceAsync(CheckIn checkIn, ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>
    /// The new check-in and what it must tell people (decision 0320), as one atomic write: the outbox never holds a
    /// message for a change that did not happen, nor misses one that did.
    /// </summary>
    Task<ETag> InsertAsync(CheckIn checkIn, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken);

    /// <summary>The check-in (conditional on <paramref name="ifMatch"/>) and its messages as one atomic write (decision 0320).</summary>
    Task<ETag> ReplaceAsync(CheckIn checkIn, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Saves someone's private feedback together with the check-in it answers (attendance recorded): both or neither,
    /// conditional on <paramref name="ifMatch"/>. A second submission by the same person replaces their first.
    /// </summary>
    Task<ETag> RecordFeedbackAsync(CheckIn checkIn, ETag ifMatch, CheckInFeedback feedback, CancellationToken cancellationToken);

    /// <summary>Every feedback given in the pairing (for program reports; never shown to the other person).</summary>
    Task<IReadOnlyList<CheckInFeedback>> ListFeedbackAsync(MentorshipId mentorship, CancellationToken cancellationToken);

    /// <summary>Keeps someone's end-of-period survey answer (a later answer by the same person is kept too).</summary>
    Task SaveReviewAsync(PeriodReview review, CancellationToken cancellationToken);

    Task<IReadOnlyList<PeriodReview>> ListReviewsAsync(MentorshipId mentorship, CancellationToken cancellationToken);

    /// <summary>Every check-in of the pairing, oldest first.</summary>
    Task<IReadOnlyList<CheckIn>> ListAsync(MentorshipId mentorship, CancellationToken cancellationToken);

    /// <summary>Forget-me and ended pairings: every check-in and feedback of the pairing goes.</summary>
    Task<int> DeleteAllAsync(MentorshipId mentorship, CancellationToken cancellationToken);
}
