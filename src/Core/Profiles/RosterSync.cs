using MentorBot.Core.Persistence;

namespace MentorBot.Core.Profiles;

/// <summary>What one directory refresh did; the names are safe to log (they say nothing about the person).</summary>
public enum DirectorySyncOutcome
{
    /// <summary>Nobody to keep up to date: the person has no profile (nothing about them is stored from the directory).</summary>
    NoProfile,

    /// <summary>Read less than <see cref="RosterSync.RefreshAfter"/> ago.</summary>
    Fresh,

    Updated,

    /// <summary>The entry came from another tenant's directory than the profile's; nothing was written.</summary>
    OtherTenant,

    NotFound,

    Unavailable,
}

/// <summary>
/// Keeps what a profile takes from the organisation's directory (e-mail, UPN) up to date (decision 0360): read on a
/// person's first turn and install, then again once <see cref="RefreshAfter"/> has passed. Only people who have a
/// profile are written; only their own tenant's directory counts; the directory's e-mail replaces the stored one (an
/// import's may be out of date), and a missing one never erases it. Nothing else changes: an invited person stays invited.
/// </summary>
public sealed class RosterSync(IProfileStore store, IPersonDirectory directory, TimeProvider time, IProfileChanges? matching = null)
{
    /// <summary>How long a directory read counts as current. People rarely change address; a week keeps roster calls rare.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromDays(7);

    /// <summary>Whether the profile's directory facts are missing or older than <see cref="RefreshAfter"/>.</summary>
    public bool IsStale(Profile profile) =>
        profile.Directory is not { } facts || time.GetUtcNow() - facts.CheckedAt >= RefreshAfter;

    /// <summary>Looks the person up when their profile's directory facts are stale, and stores what changed.</summary>
    public async Task<DirectorySyncOutcome> RefreshIfStaleAsync(UserId person, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(person, cancellationToken) is not { } stored)
        {
            return DirectorySyncOutcome.NoProfile;
        }

        if (!IsStale(stored.Value))
        {
            return DirectorySyncOutcome.Fresh;
        }

        return await directory.LookUpAsync(person, cancellationToken) switch
        {
            DirectoryLookup.Found found => await ApplyAsync(person, found.Entry, cancellationToken),
            DirectoryLookup.NotFound => DirectorySyncOutcome.NotFound,
            _ => DirectorySyncOutcome.Unavailable,
        };
    }

    /// <summary>Stores what <paramref name="entry"/> says on the person's profile, if they have one in the entry's tenant.</summary>
    public async Task<DirectorySyncOutcome> ApplyAsync(UserId person, RosterEntry entry, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await store.GetAsync(person, cancellationToken) is not { } stored)
            {
                return DirectorySyncOutcome.NoProfile;
            }

            if (stored.Value.Tenant != entry.Tenant)
            {
                return DirectorySyncOutcome.OtherTenant;
            }

            var profile = stored.Value;
            var changed = profile with
            {
                Email = Plausible(entry.Email) ?? profile.Email,
                Directory = new DirectoryFacts(Plausible(entry.UserPrincipalName) ?? profile.Directory?.UserPrincipalName, time.GetUtcNow()),
            };
            try
            {
                var etag = await store.ReplaceAsync(changed, stored.ETag, cancellationToken);
                if (matching is not null)
                {
                    await matching.ProfileSavedAsync(changed, etag, cancellationToken);
                }

                return DirectorySyncOutcome.Updated;
            }
            catch (ConcurrencyConflictException) when (attempt < ProfileService.MaxWriteAttempts)
            {
                // Changed or deleted meanwhile: read again (a deleted profile ends as NoProfile).
            }
        }
    }

    /// <summary>An address shaped like one (the roster is trusted, but a stored value ends up in .ics files), trimmed; else null.</summary>
    private static string? Plausible(string? address)
    {
        var trimmed = address?.Trim();
        return trimmed is { Length: > 2 and < 255 } && trimmed.IndexOf('@', StringComparison.Ordinal) > 0
            && !trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or ':' or ';' or ',')
                ? trimmed
                : null;
    }
}
