using MentorBot.Core.Persistence;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Programs;

/// <summary>
/// Where a tenant's programs live. Writes are optimistic: read a <see cref="Versioned{T}"/>, validate and change it,
/// write with its ETag; a <see cref="ConcurrencyConflictException"/> means another owner saved first, so re-read and
/// show them the current program. Any call may throw <see cref="StorageUnavailableException"/>.
/// </summary>
public interface IProgramStore
{
    Task<Versioned<MentoringProgram>?> GetAsync(ProgramId id, CancellationToken cancellationToken);

    /// <summary>All programs of the tenant, ordered by name. A tenant runs a handful, so no paging.</summary>
    Task<IReadOnlyList<Versioned<MentoringProgram>>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The programs of one tenant (null: those that belong to no tenant), ordered by name.</summary>
    async Task<IReadOnlyList<Versioned<MentoringProgram>>> ListInTenantAsync(TenantId? tenant, CancellationToken cancellationToken) =>
        [.. (await ListAsync(cancellationToken)).Where(p => p.Value.Tenant == tenant)];

    /// <summary>Adds a new program; <see cref="ConcurrencyConflictKind.EntityExists"/> when the id is taken.</summary>
    Task<ETag> InsertAsync(MentoringProgram program, CancellationToken cancellationToken);

    /// <summary>Replaces the program if it is still at <paramref name="ifMatch"/>; returns the new version.</summary>
    Task<ETag> ReplaceAsync(MentoringProgram program, ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>Removes the program if it is still at <paramref name="ifMatch"/>; a conflict when it changed or is gone.</summary>
    Task DeleteAsync(ProgramId id, ETag ifMatch, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This program store cannot delete programs.");
}
