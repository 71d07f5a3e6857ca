using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Logging;

namespace MentorBot.Core.Organisation;

/// <summary>What one sync round did; counts only, so it can be logged.</summary>
public sealed record DirectorySyncResult(bool FullRound, int Pages, int Changes, int Applied, int LookedUp, int WithoutMailbox, int ManagerLoops);

/// <summary>
/// Keeps what MentorBot knows about its own people in step with the directory (decision 0370): a Graph delta round
/// (the first one full, then only changes, from the delta link stored per tenant), applied only to people who have a
/// profile — everyone else on a page is skipped and never stored. The directory owns the manager (so the reporting-line
/// rule works for people who joined in chat), fills a missing department and e-mail, and its job title, office,
/// language and mailbox time zone are kept beside the profile. People who joined after the last full round are looked
/// up one by one. A manager chain that loops is logged and left to matching, which treats a loop as one line.
/// </summary>
public sealed partial class DirectorySync(
    IDirectory directory,
    IDirectoryStore store,
    IProfileStore profiles,
    TimeProvider time,
    ILogger<DirectorySync> logger,
    IProfileChanges? matching = null)
{
    private const int ProfilePageSize = 1000;
    private const int MaxChainDepth = 64;
    private const int MaxWriteAttempts = 3;

    /// <summary>How many managers above the direct one a profile keeps (decision 0400); deeper organisations are rare.</summary>
    public const int MaxLineAbove = 16;

    /// <summary>One round for <paramref name="tenant"/> (null: the default tenant). Throws <see cref="DirectoryUnavailableException"/> when the directory cannot answer.</summary>
    public async Task<DirectorySyncResult> SyncAsync(TenantId? tenant, CancellationToken cancellationToken)
    {
        if (!directory.IsConfigured)
        {
            return new DirectorySyncResult(false, 0, 0, 0, 0, 0, 0);
        }

        var known = await KnownPeopleAsync(tenant, cancellationToken);
        var link = await store.GetDeltaLinkAsync(tenant, cancellationToken);
        var round = new Round(link is null);
        string delta;
        try
        {
            delta = await ReadRoundAsync(tenant, link, known, round, cancellationToken);
        }
        catch (DirectoryUnavailableException e) when (e.Failure == DirectoryFailure.DeltaExpired && link is not null)
        {
            // Graph forgot the round (tokens live about a week): start over with a full one.
            Log.DeltaExpired(logger);
            await store.SaveDeltaLinkAsync(tenant, null, cancellationToken);
            round = new Round(true);
            delta = await ReadRoundAsync(tenant, null, known, round, cancellationToken);
        }

        // People who joined since: the round only lists what changed, so look each of them up once.
        var withEntry = await store.ListPeopleAsync(tenant, cancellationToken);
        foreach (var person in known.Values)
        {
            if (!round.Seen.Contains(person.Id) && !withEntry.Contains(person.Id))
            {
                await LookUpAsync(tenant, person.Id, round, cancellationToken);
            }
        }

        await UpdateLinesAsync(tenant, known.Values, round, cancellationToken);

        // Stored only once the round is applied: a crash part-way repeats the round, never skips changes.
        await store.SaveDeltaLinkAsync(tenant, delta, cancellationToken);

        var loops = await CountManagerLoopsAsync(round.ManagerChanged, cancellationToken);
        if (loops > 0)
        {
            Log.ManagerLoop(logger, loops);
        }

        var result = new DirectorySyncResult(round.Full, round.Pages, round.Changes, round.Applied, round.LookedUp, round.WithoutMailbox, loops);
        Log.Synced(logger, result.FullRound, result.Pages, result.Changes, result.Applied, result.LookedUp, result.WithoutMailbox);
        return result;
    }

    /// <summary>Reads one person now (their first turn, or an owner's invitation) so the reporting line holds before the next round.</summary>
    public async Task<bool> LookUpAsync(TenantId? tenant, UserId person, CancellationToken cancellationToken)
    {
        if (!directory.IsConfigured)
        {
            return false;
        }

        var round = new Round(false);
        await LookUpAsync(tenant, person, round, cancellationToken);
        await UpdateLinesAsync(tenant, [], round, cancellationToken);
        return round.Applied > 0;
    }

    private async Task<string> ReadRoundAsync(TenantId? tenant, string? link, Dictionary<UserId, Profile> known, Round round, CancellationToken cancellationToken)
    {
        var next = link;
        while (true)
        {
            var page = await directory.ReadDeltaAsync(next, cancellationToken);
            round.Pages++;
            foreach (var change in page.Changes)
            {
                round.Changes++;
                round.Note(change);
                if (known.ContainsKey(change.Id))
                {
                    round.Seen.Add(change.Id);
                    await ApplyAsync(tenant, change, round, cancellationToken);
                }
            }

            if (page.DeltaLink is { } delta)
            {
                return delta;
            }

            if (page.NextLink is not { } nextLink || nextLink == next)
            {
                throw new DirectoryUnavailableException(DirectoryFailure.Unavailable, "A users/delta page carried neither a next nor a delta link.");
            }

            next = nextLink;
        }
    }

    private async Task LookUpAsync(TenantId? tenant, UserId id, Round round, CancellationToken cancellationToken)
    {
        round.LookedUp++;
        if (await directory.GetPersonAsync(id, cancellationToken) is not { } person)
        {
            await store.SaveAsync(new DirectoryEntry(id, null, null, null, null, null, null, false, time.GetUtcNow()) { Tenant = tenant, NotInDirectory = true }, cancellationToken);
            return;
        }

        var manager = await directory.GetManagerAsync(id, cancellationToken);
        var change = new DirectoryChange(id, person, manager is null ? ManagerChangeKind.Removed : ManagerChangeKind.Set, manager);
        round.Note(change);
        await ApplyAsync(tenant, change, round, cancellationToken);
    }

    private async Task ApplyAsync(TenantId? tenant, DirectoryChange change, Round round, CancellationToken cancellationToken)
    {
        var before = await store.GetAsync(tenant, change.Id, cancellationToken);
        if (change.Person is not { } person)
        {
            // Deleted in the directory (maybe restorable): keep the profile as the person left it, note the absence.
            if (before is not null)
            {
                await store.SaveAsync(before with { NotInDirectory = true, ReadAt = time.GetUtcNow() }, cancellationToken);
            }

            return;
        }

        var manager = change.ManagerChange switch
        {
            ManagerChangeKind.Set => change.Manager,
            ManagerChangeKind.Removed => null,
            _ => before?.Manager,
        };
        if (manager == change.Id)
        {
            round.SelfManaged++;
            manager = null;
        }

        var mailbox = await directory.GetMailboxAsync(change.Id, cancellationToken);
        if (mailbox is null)
        {
            round.WithoutMailbox++;
        }

        var entry = new DirectoryEntry(
            change.Id, manager, person.Department, person.JobTitle, person.OfficeLocation, person.PreferredLanguage,
            mailbox?.TimeZone, mailbox is not null, time.GetUtcNow()) { Tenant = tenant };
        await store.SaveAsync(entry, cancellationToken);
        round.Touched.Add(change.Id);
        var changed = await UpdateProfileAsync(change.Id, tenant, profile => profile with
        {
            ManagerId = manager,
            LineAbove = manager is null ? [] : profile.LineAbove,
            Department = Department(profile.Department, before?.Department, person.Department),
            Email = string.IsNullOrWhiteSpace(profile.Email) && !string.IsNullOrWhiteSpace(person.Mail) ? person.Mail.Trim() : profile.Email,
        }, cancellationToken);
        if (changed)
        {
            round.Applied++;
            if (manager is not null && manager != before?.Manager)
            {
                round.ManagerChanged.Add(change.Id);
            }
        }
    }

    /// <summary>
    /// Works out the managers above each person's direct manager (decision 0400) for everyone this round touched and
    /// everyone whose stored line runs through someone whose manager changed: from this round's pages, else one
    /// <c>/manager</c> read per manager (shared across the round). Only ids are kept, on the profile of a person MentorBot knows.
    /// </summary>
    private async Task UpdateLinesAsync(TenantId? tenant, IEnumerable<Profile> known, Round round, CancellationToken cancellationToken)
    {
        var people = new HashSet<UserId>(round.Touched);
        foreach (var profile in known)
        {
            if (profile.LineAbove.Any(round.ManagerOf.ContainsKey) || (profile.ManagerId is { } m && round.ManagerOf.ContainsKey(m)))
            {
                people.Add(profile.Id);
            }
        }

        foreach (var id in people)
        {
            if (await profiles.GetAsync(id, cancellationToken) is not { } stored || stored.Value.Tenant != tenant)
            {
                continue;
            }

            var line = stored.Value.ManagerId is { } manager ? await LineAboveAsync(id, manager, round, cancellationToken) : [];
            if (!line.SequenceEqual(stored.Value.LineAbove))
            {
                await UpdateProfileAsync(id, tenant, profile => profile.ManagerId == stored.Value.ManagerId ? profile with { LineAbove = line } : profile, cancellationToken);
            }
        }
    }

    private async Task<List<UserId>> LineAboveAsync(UserId self, UserId manager, Round round, CancellationToken cancellationToken)
    {
        var line = new List<UserId>();
        var seen = new HashSet<UserId> { self, manager };
        var next = manager;
        while (line.Count < MaxLineAbove)
        {
            if (!round.ManagerOf.TryGetValue(next, out var up))
            {
                up = await directory.GetManagerAsync(next, cancellationToken);
                round.ManagerOf[next] = up;
            }

            if (up is not { } above || !seen.Add(above))
            {
                break;
            }

            line.Add(above);
            next = above;
        }

        return line;
    }

    private async Task<bool> UpdateProfileAsync(UserId id, TenantId? tenant, Func<Profile, Profile> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await profiles.GetAsync(id, cancellationToken) is not { } stored || stored.Value.Tenant != tenant)
            {
                return false;
            }

            var profile = stored.Value;
            var changed = apply(profile);
            if (changed == profile)
            {
                return true;
            }

            try
            {
                var etag = await profiles.ReplaceAsync(changed, stored.ETag, cancellationToken);
                if (matching is not null)
                {
                    await matching.ProfileSavedAsync(changed, etag, cancellationToken);
                }

                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                // The person saved their profile meanwhile: read it again and apply the directory on top.
            }
        }
    }

    private async Task<Dictionary<UserId, Profile>> KnownPeopleAsync(TenantId? tenant, CancellationToken cancellationToken)
    {
        var known = new Dictionary<UserId, Profile>();
        string? token = null;
        do
        {
            var page = await profiles.ListInTenantAsync(tenant, ProfilePageSize, token, cancellationToken);
            foreach (var item in page.Items)
            {
                known[item.Value.Id] = item.Value;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return known;
    }

    /// <summary>How many of the people whose manager just changed sit on a chain that comes back to itself.</summary>
    private async Task<int> CountManagerLoopsAsync(IReadOnlyCollection<UserId> changed, CancellationToken cancellationToken)
    {
        var loops = 0;
        foreach (var start in changed)
        {
            var seen = new HashSet<UserId> { start };
            var next = (await profiles.GetAsync(start, cancellationToken))?.Value.ManagerId;
            for (var depth = 0; next is { } manager && depth < MaxChainDepth; depth++)
            {
                if (!seen.Add(manager))
                {
                    loops++;
                    break;
                }

                next = (await profiles.GetAsync(manager, cancellationToken))?.Value.ManagerId;
            }
        }

        return loops;
    }

    /// <summary>
    /// The directory's department fills an empty one and replaces one it gave before; a department the person typed
    /// themselves (different from what the directory last said) stands (decision 0404). Time zone, working hours and
    /// languages are never taken from the directory: they are the person's own to set.
    /// </summary>
    private static string? Department(string? current, string? lastFromDirectory, string? fromDirectory)
    {
        if (string.IsNullOrWhiteSpace(fromDirectory))
        {
            return current;
        }

        var incoming = Trim(fromDirectory, TextLimits.MaxLength(FreeTextField.Department));
        return string.IsNullOrWhiteSpace(current) || string.Equals(current.Trim(), lastFromDirectory is null ? null : Trim(lastFromDirectory, TextLimits.MaxLength(FreeTextField.Department)), StringComparison.Ordinal)
            ? incoming
            : current;
    }

    private static string Trim(string value, int limit)
    {
        var trimmed = value.Trim();
        return trimmed.Length <= limit ? trimmed : trimmed[..limit];
    }

    private sealed class Round(bool full)
    {
        public bool Full { get; } = full;

        public int Pages { get; set; }

        public int Changes { get; set; }

        public int Applied { get; set; }

        public int LookedUp { get; set; }

        public int WithoutMailbox { get; set; }

        public int SelfManaged { get; set; }

        public HashSet<UserId> Seen { get; } = [];

        public List<UserId> ManagerChanged { get; } = [];

        /// <summary>People this round applied (their line above is worked out again).</summary>
        public HashSet<UserId> Touched { get; } = [];

        /// <summary>Managers this round learnt of, for anyone on a page (kept in memory for the round only, never stored).</summary>
        public Dictionary<UserId, UserId?> ManagerOf { get; } = [];

        public void Note(DirectoryChange change)
        {
            if (change.Person is null)
            {
                return;
            }

            switch (change.ManagerChange)
            {
                case ManagerChangeKind.Set:
                    ManagerOf[change.Id] = change.Manager;
                    break;
                case ManagerChangeKind.Removed:
                    ManagerOf[change.Id] = null;
                    break;
                case ManagerChangeKind.Unchanged when Full:
                    // A full round lists every manager: no manager@delta here means none.
                    ManagerOf[change.Id] = null;
                    break;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Directory sync: full round {Full}, {Pages} pages, {Changes} changes read, {Applied} known people applied, {LookedUp} people looked up, {WithoutMailbox} without a readable mailbox")]
        public static partial void Synced(ILogger logger, bool full, int pages, int changes, int applied, int lookedUp, int withoutMailbox);

        [LoggerMessage(2, LogLevel.Warning, "The directory's delta link expired; starting a full round")]
        public static partial void DeltaExpired(ILogger logger);

        [LoggerMessage(3, LogLevel.Warning, "The directory's manager chain loops back on itself for {People} people just synced; matching treats each loop as one reporting line")]
        public static partial void ManagerLoop(ILogger logger, int people);
    }
}
