using MentorBot.Core.Persistence;

namespace MentorBot.Core.Programs.Rounds;

/// <summary>
/// Previewed and published rounds of a program. Writes are optimistic like every Core port. Any call may throw
/// <see cref="StorageUnavailableException"/>.
/// </summary>
public interface IRoundStore
{
    Task<Versioned<ProgramRound>?> GetAsync(ProgramId program, RoundId id, CancellationToken cancellationToken);

    /// <summary>Stores a new preview; <see cref="ConcurrencyConflictKind.EntityExists"/> when the id is taken.</summary>
    Task<ETag> InsertAsync(ProgramRound round, CancellationToken cancellationToken);

    /// <summary>
    /// The program's rounds, previews and published, newest first. A program prepares a handful, so no paging. Only
    /// rows of the program's own tenant: a round stamped with another tenant is never listed.
    /// </summary>
    Task<IReadOnlyList<Versioned<ProgramRound>>> ListAsync(ProgramId program, CancellationToken cancellationToken);

    /// <summary>Replaces the round if it is still at <paramref name="ifMatch"/>; returns the new version.</summary>
    Task<ETag> ReplaceAsync(ProgramRound round, ETag ifMatch, CancellationToken cancellationToken);
}
