using MentorBot.Core.Persistence;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Profiles;

/// <summary>
/// Where profiles live. Writes are optimistic: read a <see cref="Versioned{T}"/>, decide, write with its ETag;
/// a <see cref="ConcurrencyConflictException"/> means someone else changed the profile first.
/// Any call may throw <see cref="StorageUnavailableException"/>.
/// </summary>
public interface IProfileStore
{
    Task<Versioned<Profile>?> GetAsync(UserId id, CancellationToken cancellationToken);

    /// <summary>Adds a new profile; <see cref="ConcurrencyConflictKind.EntityExists"/> when the person already has one.</summary>
    Task<ETag> InsertAsync(Profile profile, CancellationToken cancellationToken);

    /// <summary>Replaces the profile if it is still at <paramref name="ifMatch"/>; returns the new version.</summary>
    Task<ETag> ReplaceAsync(Profile profile, ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>Deletes the profile if it is still at <paramref name="ifMatch"/> (or at any version with <see cref="ETag.Any"/>).</summary>
    Task DeleteAsync(UserId id, ETag ifMatch, CancellationToken cancellationToken);

    /// <summary>Pages through all profiles in a stable order (by person id).</summary>
    Task<Page<Versioned<Profile>>> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>
    /// Pages through the profiles of one tenant (null: those that belong to no tenant). Pages may be short or empty
    /// before the end. Stores filter on the server (decision 0230); this fallback filters each page here.
    /// </summary>
    async Task<Page<Versioned<Profile>>> ListInTenantAsync(TenantId? tenant, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var page = await ListAsync(pageSize, continuationToken, cancellationToken);
        return new Page<Versioned<Profile>>([.. page.Items.Where(p => p.Value.Tenant == tenant)], page.ContinuationToken);
    }
}
