using MentorBot.Core.Persistence;

namespace MentorBot.Core.Programs;

/// <summary>
/// Concerns per program and their audit trail (decision 0103). The audit is append-only: an entry is written together
/// with the concern state it explains, and nothing here edits or deletes one. Any call may throw
/// <see cref="StorageUnavailableException"/>.
/// </summary>
public interface IConcernStore
{
    /// <summary>Records a newly raised concern; <see cref="ConcurrencyConflictKind.EntityExists"/> when the id is taken.</summary>
    Task<ETag> AddAsync(Concern concern, CancellationToken cancellationToken);

    Task<Versioned<Concern>?> GetAsync(ProgramId program, ConcernId id, CancellationToken cancellationToken);

    /// <summary>The program's concerns, oldest first.</summary>
    Task<IReadOnlyList<Versioned<Concern>>> ListAsync(ProgramId program, CancellationToken cancellationToken);

    /// <summary>
    /// Saves an owner's decision: the concern if it is still at <paramref name="ifMatch"/> and its audit entry, both
    /// or neither. A conflict means another owner acted first; nothing was written.
    /// </summary>
    Task<ETag> SaveAsync(Concern concern, ETag ifMatch, ConcernAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The audit trail of one concern, oldest first.</summary>
    Task<IReadOnlyList<ConcernAuditEntry>> ListAuditAsync(ProgramId program, ConcernId id, CancellationToken cancellationToken);
}
