using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;

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

    /// <summary>Every check-in of the pairing, oldest first.</summary>
    Task<IReadOnlyList<CheckIn>> ListAsync(MentorshipId mentorship, CancellationToken cancellationToken);

    /// <summary>Forget-me and ended pairings: every check-in of the pairing goes.</summary>
    Task<int> DeleteAllAsync(MentorshipId mentorship, CancellationToken cancellationToken);
}
