using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Organisation;

/// <summary>
/// What the directory said about a person MentorBot knows (never about anyone else), when it was read, and whether
/// the mailbox was found. <see cref="Profile"/> carries what matching uses (manager, department, e-mail); this
/// keeps the rest for the profile card and tells the sync whom it has already looked up.
/// </summary>
public sealed record DirectoryEntry(
    UserId Person,
    UserId? Manager,
    string? Department,
    string? JobTitle,
    string? OfficeLocation,
    string? PreferredLanguage,
    string? MailboxTimeZone,
    bool HasMailbox,
    DateTimeOffset ReadAt)
{
    public TenantId? Tenant { get; init; }

    /// <summary>The directory did not know the person when last asked (they may be a guest or have left).</summary>
    public bool NotInDirectory { get; init; }
}

/// <summary>
/// Where directory entries, each tenant's delta link and the sync lease live. Any call may throw
/// <see cref="Persistence.StorageUnavailableException"/>.
/// </summary>
public interface IDirectoryStore
{
    Task<DirectoryEntry?> GetAsync(TenantId? tenant, UserId person, CancellationToken cancellationToken);

    Task SaveAsync(DirectoryEntry entry, CancellationToken cancellationToken);

    /// <summary>Everyone in the tenant with an entry (read once per round, so people without one are found without a read each).</summary>
    Task<IReadOnlySet<UserId>> ListPeopleAsync(TenantId? tenant, CancellationToken cancellationToken);

    /// <summary>The delta link that starts the tenant's next round; null before the first full round finished.</summary>
    Task<string?> GetDeltaLinkAsync(TenantId? tenant, CancellationToken cancellationToken);

    Task SaveDeltaLinkAsync(TenantId? tenant, string? deltaLink, CancellationToken cancellationToken);

    /// <summary>
    /// Takes or renews the named lease for <paramref name="holder"/> until <paramref name="until"/>; false when
    /// another holder's lease has not run out. Only the lease holder syncs, so several instances never run one round twice.
    /// </summary>
    Task<bool> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);
}
