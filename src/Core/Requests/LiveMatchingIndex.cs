using System.Collections.Concurrent;
using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Requests;

/// <summary>What was just read about the asking person: their requests (pending offers) and their pairs (running and ended).</summary>
public sealed record LearnerState(Versioned<Profile> Stored, IReadOnlyList<MentoringRequest> Requests, IReadOnlyList<Mentorship> Pairs)
{
    public Profile Learner => Stored.Value;
}

/// <summary>
/// The matching index of each tenant, kept with the process (decision 0185): read from storage once per tenant (the
/// consent and tenant filter of <see cref="MatchingSnapshotLoader"/>), then kept current by the Core writers on this
/// instance (profile saved, consented or erased; pair started or ended) and, for other instances' profile changes, by
/// a per-tenant <see cref="IMatchingChangeMarker"/> checked at most every <see cref="RequestOptions.IndexCheckInterval"/>.
/// An ask reads only the asking person's own records; an offer first re-reads the chosen colleague
/// (<see cref="IsStillEligibleAsync"/>), so a stale index can show an outdated ranking but never make a pairing that
/// breaks a hard constraint.
/// </summary>
public sealed partial class LiveMatchingIndex(
    IProfileStore profiles,
    IMentorshipStore mentorships,
    IRequestStore requests,
    CandidateRanker ranker,
    IMatchingChangeMarker marker,
    IOptions<RequestOptions> options,
    TimeProvider time,
    ILogger<LiveMatchingIndex> logger) : IProfileChanges, IPairingChanges
{
    private const int ProfilePageSize = 1000;

    /// <summary>Longer chains than this are data errors (a cycle through people outside the tenant); the walk stops there.</summary>
    private const int MaxChainDepth = 64;

    private readonly ConcurrentDictionary<string, TenantIndex> _tenants = new(StringComparer.Ordinal);

    /// <summary>Reads what ranking needs about the asking person: their profile (given), requests and pairs.</summary>
    /// <remarks>The requests and the pairs are read together: one round trip's latency on Azure Table storage.</remarks>
    public async Task<LearnerState> ReadLearnerAsync(Versioned<Profile> learner, IReadOnlyList<MentoringRequest>? knownRequests, CancellationToken cancellationToken)
    {
        var askedRead = knownRequests is null ? requests.ListBySeniorAsync(learner.Value.Id, cancellationToken) : Task.FromResult(knownRequests);
        var pairsRead = ReadPairsAsync(learner.Value.Id, cancellationToken);
        await Task.WhenAll(askedRead, pairsRead);
        return new LearnerState(learner, await askedRead, await pairsRead);
    }

    /// <summary>The person's pairs (running and ended) as stored now: what ranking needs for load and cooldown.</summary>
    public Task<IReadOnlyList<Mentorship>> ReadPairsAsync(UserId person, CancellationToken cancellationToken) =>
        mentorships.ListForPersonAsync(person, cancellationToken);

    /// <summary>
    /// Ranks for <paramref name="request"/> in <paramref name="tenant"/>; with <paramref name="members"/>, only among
    /// them (a program's request). <paramref name="limit"/> 0 means "everyone".
    /// </summary>
    public async Task<RankingResult> RankAsync(TenantId? tenant, LearnerState learner, MatchRequest request, int limit, IReadOnlySet<UserId>? members, CancellationToken cancellationToken)
    {
        var pool = await CurrentAsync(tenant, cancellationToken);

        // The asking person was just read: the index follows them (a no-op when it already has that version).
        Observe(tenant, learner.Stored, learner.Learner.Id, learner.Pairs);
        var now = time.GetUtcNow();
        lock (pool.Gate)
        {
            var index = pool.IndexAt(now);
            if (members is not null)
            {
                // A program's members are a slice of the tenant: a small index of them, from memory, not storage.
                index = pool.BuildIndex(now, id => id == learner.Learner.Id || members.Contains(id));
            }

            if (index.TryIndexOf(learner.Learner.Id, out var at))
            {
                SetLearner(index, at, learner);
            }

            return MatchingMetrics.Measure(MatchingMetrics.Request, () => ranker.Rank(index, request, limit > 0 ? limit : Math.Max(index.Count, 1)));
        }
    }

    /// <summary>
    /// Reads <paramref name="tenant"/> into the index now, unless it is already read (the host calls it in the background
    /// at start, so the first ask does not pay the full read). An ask that arrives meanwhile waits for this one read
    /// instead of starting its own; every other turn is unaffected.
    /// </summary>
    public async Task WarmUpAsync(TenantId? tenant, CancellationToken cancellationToken) =>
        _ = await CurrentAsync(tenant, cancellationToken);

    /// <summary>How many people matching may consider in <paramref name="tenant"/> now.</summary>
    public async Task<int> CountAsync(TenantId? tenant, CancellationToken cancellationToken)
    {
        var pool = await CurrentAsync(tenant, cancellationToken);
        lock (pool.Gate)
        {
            return pool.Count;
        }
    }

    /// <summary>
    /// Re-reads <paramref name="candidate"/> from storage (profile, pairs, reporting line) and ranks them against the
    /// learner on that fresh state alone: true only when every hard constraint holds now (consent, tenant, program
    /// membership, capacity, reporting line, pending offer, running pair, cooldown, skill gap, shared hours). What was
    /// read also corrects this instance's index, so the next ranking no longer proposes a colleague who cannot help.
    /// </summary>
    public async Task<bool> IsStillEligibleAsync(TenantId? tenant, LearnerState learner, MatchRequest request, UserId candidate, IReadOnlySet<UserId>? members, CancellationToken cancellationToken)
    {
        // The profile and the pairs together (one round trip's latency); pairs of someone gone are not looked at.
        var profileRead = profiles.GetAsync(candidate, cancellationToken);
        var pairsRead = mentorships.ListForPersonAsync(candidate, cancellationToken);
        await Task.WhenAll(profileRead, pairsRead);
        var fresh = await profileRead;
        var pairs = fresh is null ? [] : await pairsRead;
        Observe(tenant, fresh, candidate, pairs);
        if (fresh is null || !Matchable(fresh.Value, tenant) || (members is not null && !members.Contains(candidate)))
        {
            Log.Stale(logger);
            return false;
        }

        // The reporting line as stored now: both chains upwards, through people matching may consider (the same
        // people the index links managers through).
        var people = new Dictionary<UserId, Profile> { [learner.Learner.Id] = learner.Learner, [candidate] = fresh.Value };
        foreach (var start in new[] { learner.Learner, fresh.Value })
        {
            // The direct manager, else the nearest one above them the directory named who has a profile (0400).
            var current = start;
            for (var depth = 0; depth < MaxChainDepth; depth++)
            {
                Profile? above = null;
                var known = false;
                foreach (var manager in current.ManagerId is { } direct ? [direct, .. current.LineAbove] : Array.Empty<UserId>())
                {
                    if (people.ContainsKey(manager))
                    {
                        known = true;
                        break;
                    }

                    if (await profiles.GetAsync(manager, cancellationToken) is { } read && Matchable(read.Value, tenant))
                    {
                        above = read.Value;
                        break;
                    }
                }

                if (known || above is null)
                {
                    break;
                }

                people[above.Id] = above;
                current = above;
            }
        }

        var now = time.GetUtcNow();
        var snapshot = new MatchingSnapshot(now, [.. people.Values])
        {
            ActiveMentorships = [.. pairs.Where(p => p.IsActive && p.Junior == candidate).Select(p => new ActiveMentorship(p.Junior, p.Senior, p.Skill))],
        };
        var index = MatchingIndex.Build(snapshot);
        if (!index.TryIndexOf(learner.Learner.Id, out var at))
        {
            return false;
        }

        SetLearner(index, at, learner);
        var eligible = ranker.Rank(index, request, index.Count).Candidates.Any(c => c.Mentor.Id == candidate);
        if (!eligible)
        {
            Log.Stale(logger);
        }

        return eligible;
    }

    /// <summary>A profile was written on this instance: the index follows it, other instances learn through the marker.</summary>
    public async Task ProfileSavedAsync(Profile profile, ETag etag, CancellationToken cancellationToken)
    {
        var moved = Apply(profile.Id, new Versioned<Profile>(profile, etag));
        await MoveMarkersAsync([profile.Tenant, .. moved], cancellationToken);
    }

    /// <summary>A profile was deleted (forget-me) on this instance.</summary>
    public async Task ProfileErasedAsync(UserId id, TenantId? tenant, CancellationToken cancellationToken)
    {
        var moved = Apply(id, null);
        await MoveMarkersAsync([tenant, .. moved], cancellationToken);
    }

    /// <summary>A pair started on this instance: the colleague (the mentor in matching terms) has one place less.</summary>
    public void MentorshipStarted(Mentorship mentorship) =>
        ForEachLoaded(pool => pool.SetPair(mentorship.Id, mentorship.IsActive ? new ActiveMentorship(mentorship.Junior, mentorship.Senior, mentorship.Skill) : null));

    /// <summary>A pair ended on this instance: the colleague has a place again.</summary>
    public void MentorshipEnded(Mentorship mentorship) => ForEachLoaded(pool => pool.SetPair(mentorship.Id, null));

    private static bool Matchable(Profile profile, TenantId? tenant) => profile.Tenant == tenant && profile.Participation.HasConsented;

    private static string Key(TenantId? tenant) => tenant is { } t ? t.Value : string.Empty;

    private static void SetLearner(MatchingIndex index, int learner, LearnerState state)
    {
        var id = state.Learner.Id;
        var running = new List<(int Mentor, Skills.SkillId Skill)>();
        var ended = new List<(int Other, DateTimeOffset EndedAt)>();
        foreach (var pair in state.Pairs)
        {
            if (pair.IsActive && pair.Senior == id && index.TryIndexOf(pair.Junior, out var mentor))
            {
                running.Add((mentor, pair.Skill));
            }
            else if (pair.State.Status == MentorshipStatus.Ended && index.TryIndexOf(pair.OtherThan(id), out var other))
            {
                ended.Add((other, pair.State.Since));
            }
        }

        var offers = new List<int>();
        foreach (var asked in state.Requests)
        {
            if (asked.IsOpen && asked.PendingOffer is { } offer && index.TryIndexOf(offer.Candidate, out var candidate))
            {
                offers.Add(candidate);
            }
        }

        index.SetLearnerState(learner, running, offers, ended);
    }

    private async Task<TenantIndex> CurrentAsync(TenantId? tenant, CancellationToken cancellationToken)
    {
        var pool = _tenants.GetOrAdd(Key(tenant), _ => new TenantIndex(tenant));
        if (!pool.Loaded)
        {
            await pool.LoadGate.WaitAsync(cancellationToken);
            try
            {
                if (!pool.Loaded)
                {
                    await LoadAsync(pool, cancellationToken);
                }
            }
            finally
            {
                pool.LoadGate.Release();
            }

            return pool;
        }

        var now = time.GetTimestamp();
        var checkedAt = Interlocked.Read(ref pool.CheckedAt);
        if (time.GetElapsedTime(checkedAt, now) >= options.Value.IndexCheckInterval
            && Interlocked.CompareExchange(ref pool.CheckedAt, now, checkedAt) == checkedAt)
        {
            var current = await marker.ReadAsync(tenant, cancellationToken);
            if (current != pool.Marker && pool.LoadGate.Wait(0, CancellationToken.None))
            {
                // Another instance changed someone's profile: read the tenant again in the background while this
                // index keeps answering (offers re-read their colleague anyway).
                Log.Refreshing(logger);
                _ = Task.Run(() => RefreshAsync(pool), CancellationToken.None);
            }
        }

        return pool;
    }

    private async Task RefreshAsync(TenantIndex pool)
    {
        try
        {
            await LoadAsync(pool, CancellationToken.None);
        }
        catch (StorageUnavailableException)
        {
            // The old index keeps answering; the next check tries again.
            Interlocked.Exchange(ref pool.CheckedAt, 0);
            Log.RefreshFailed(logger);
        }
        finally
        {
            pool.LoadGate.Release();
        }
    }

    /// <summary>The one full read of a tenant: everyone matching may consider and the running pairs of their mentors.</summary>
    private async Task LoadAsync(TenantIndex pool, CancellationToken cancellationToken)
    {
        lock (pool.Gate)
        {
            pool.Touched = [];
        }

        // The marker first: a change written while the pages are read moves it again and is caught next time.
        var seen = await marker.ReadAsync(pool.Tenant, cancellationToken);
        var people = new Dictionary<UserId, Versioned<Profile>>();
        string? token = null;
        do
        {
            var page = await profiles.ListInTenantAsync(pool.Tenant, ProfilePageSize, token, cancellationToken);
            foreach (var profile in page.Items)
            {
                // The store filters; checking again here keeps a store that forgets from ever leaking another tenant.
                if (Matchable(profile.Value, pool.Tenant))
                {
                    people[profile.Value.Id] = profile;
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        var active = new Dictionary<MentorshipId, ActiveMentorship>();
        do
        {
            var page = await mentorships.ListActiveAsync(token, cancellationToken);
            foreach (var stored in page.Items)
            {
                var pair = stored.Value;
                if (pair.IsActive && people.ContainsKey(pair.Junior))
                {
                    // In matching terms the junior is the mentor: they teach the senior the requested skill.
                    active[pair.Id] = new ActiveMentorship(pair.Junior, pair.Senior, pair.Skill);
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        HashSet<UserId> touched;
        lock (pool.Gate)
        {
            pool.Replace(people, active, seen);
            pool.CheckedAt = time.GetTimestamp();
            touched = pool.Touched!;
            pool.Touched = null;
        }

        // Writes on this instance while the pages were read may be missing from them: read those people again.
        foreach (var id in touched)
        {
            var fresh = await profiles.GetAsync(id, cancellationToken);
            Observe(pool.Tenant, fresh, id, fresh is null ? [] : await mentorships.ListForPersonAsync(id, cancellationToken));
        }

        Log.Loaded(logger, people.Count, active.Count);
    }

    /// <summary>Corrects the index with what was just read about one person (their profile and their pairs).</summary>
    private void Observe(TenantId? tenant, Versioned<Profile>? fresh, UserId id, IReadOnlyList<Mentorship> pairs)
    {
        Apply(id, fresh);
        if (_tenants.TryGetValue(Key(tenant), out var pool))
        {
            lock (pool.Gate)
            {
                pool.SetMentorPairs(id, [.. pairs.Where(p => p.IsActive && p.Junior == id)]);
            }
        }
    }

    /// <summary>Puts the profile where it belongs (or nowhere); returns the other tenants it left.</summary>
    private List<TenantId?> Apply(UserId id, Versioned<Profile>? profile)
    {
        var left = new List<TenantId?>();
        ForEachLoaded(pool =>
        {
            var belongs = profile is not null && Matchable(profile.Value, pool.Tenant);
            if (pool.Set(id, belongs ? profile : null) && !belongs && profile is not null && profile.Value.Tenant != pool.Tenant)
            {
                left.Add(pool.Tenant);
            }
        });
        return left;
    }

    private void ForEachLoaded(Action<TenantIndex> change)
    {
        foreach (var pool in _tenants.Values)
        {
            lock (pool.Gate)
            {
                if (pool.Loaded || pool.Touched is not null)
                {
                    change(pool);
                }
            }
        }
    }

    private async Task MoveMarkersAsync(IEnumerable<TenantId?> tenants, CancellationToken cancellationToken)
    {
        foreach (var tenant in tenants.Distinct())
        {
            var move = await marker.MoveAsync(tenant, cancellationToken);
            if (_tenants.TryGetValue(Key(tenant), out var pool))
            {
                lock (pool.Gate)
                {
                    // Only our own move is known to be in this index; when someone else moved it before us, keep
                    // the old value so the next check reads the tenant again.
                    if (pool.Marker == move.Before)
                    {
                        pool.Marker = move.After;
                    }
                }
            }
        }
    }

    /// <summary>One tenant's people and running pairs in memory, and the index built from them. Guarded by <see cref="Gate"/>.</summary>
    private sealed class TenantIndex(TenantId? tenant)
    {
        private Dictionary<UserId, Versioned<Profile>> _people = [];
        private Dictionary<MentorshipId, ActiveMentorship> _pairs = [];
        private Dictionary<UserId, HashSet<MentorshipId>> _byMentor = [];
        private MatchingIndex? _index;

        public Lock Gate { get; } = new();

        public SemaphoreSlim LoadGate { get; } = new(1, 1);

        public TenantId? Tenant => tenant;

        public bool Loaded { get; private set; }

        public long CheckedAt;

        public string? Marker { get; set; }

        /// <summary>People written on this instance while a full read runs (null when none runs).</summary>
        public HashSet<UserId>? Touched { get; set; }

        public int Count => _people.Count;

        public void Replace(Dictionary<UserId, Versioned<Profile>> people, Dictionary<MentorshipId, ActiveMentorship> pairs, string? seen)
        {
            _people = people;
            _pairs = [];
            _byMentor = [];
            foreach (var (id, pair) in pairs)
            {
                Add(id, pair);
            }

            _index = null;
            Marker = seen;
            Loaded = true;
        }

        /// <summary>The tenant's index as of <paramref name="now"/>; built again after a profile change or in a new week.</summary>
        public MatchingIndex IndexAt(DateTimeOffset now)
        {
            if (_index is null || _index.WeekStart != WeeklyAvailability.WeekStart(now))
            {
                _index = BuildIndex(now, null);
            }

            _index.Now = now;
            return _index;
        }

        public MatchingIndex BuildIndex(DateTimeOffset now, Func<UserId, bool>? include)
        {
            var people = include is null ? _people.Values.Select(p => p.Value) : _people.Values.Select(p => p.Value).Where(p => include(p.Id));
            return MatchingIndex.Build(new MatchingSnapshot(now, [.. people]) { ActiveMentorships = [.. _pairs.Values] });
        }

        /// <summary>Sets or removes one person; true when anything changed.</summary>
        public bool Set(UserId id, Versioned<Profile>? profile)
        {
            Touched?.Add(id);
            var known = _people.TryGetValue(id, out var current);
            if (profile is null ? !known : known && current!.ETag == profile.ETag && !profile.ETag.IsAny)
            {
                return false;
            }

            if (profile is null)
            {
                _people.Remove(id);
            }
            else
            {
                _people[id] = profile;
            }

            // Profiles change rarely next to asks: the next ranking builds the index again from memory.
            _index = null;
            return true;
        }

        public void SetPair(MentorshipId id, ActiveMentorship? pair)
        {
            var before = _pairs.TryGetValue(id, out var old) ? old.Mentor : (UserId?)null;
            Remove(id);
            if (pair is not null && _people.ContainsKey(pair.Mentor))
            {
                Add(id, pair);
            }

            foreach (var mentor in new[] { before, pair?.Mentor })
            {
                if (mentor is { } m)
                {
                    Touched?.Add(m);
                    UpdateLoad(m);
                }
            }
        }

        public void SetMentorPairs(UserId mentor, IReadOnlyList<Mentorship> running)
        {
            foreach (var gone in _byMentor.TryGetValue(mentor, out var ids) ? ids.ToList() : [])
            {
                Remove(gone);
            }

            if (_people.ContainsKey(mentor))
            {
                foreach (var pair in running)
                {
                    Remove(pair.Id);
                    Add(pair.Id, new ActiveMentorship(pair.Junior, pair.Senior, pair.Skill));
                }
            }

            UpdateLoad(mentor);
        }

        private void UpdateLoad(UserId mentor)
        {
            if (_index is not null && _index.TryIndexOf(mentor, out var at))
            {
                _index.SetActiveCount(at, _byMentor.TryGetValue(mentor, out var ids) ? ids.Count : 0);
            }
        }

        private void Add(MentorshipId id, ActiveMentorship pair)
        {
            _pairs[id] = pair;
            if (!_byMentor.TryGetValue(pair.Mentor, out var ids))
            {
                ids = [];
                _byMentor[pair.Mentor] = ids;
            }

            ids.Add(id);
        }

        private void Remove(MentorshipId id)
        {
            if (_pairs.Remove(id, out var pair) && _byMentor.TryGetValue(pair.Mentor, out var ids))
            {
                ids.Remove(id);
                if (ids.Count == 0)
                {
                    _byMentor.Remove(pair.Mentor);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Matching index read {People} people and {Pairs} running pairs")]
        public static partial void Loaded(ILogger logger, int people, int pairs);

        [LoggerMessage(2, LogLevel.Information, "Matching index reading its tenant again: another instance changed a profile")]
        public static partial void Refreshing(ILogger logger);

        [LoggerMessage(3, LogLevel.Warning, "Matching index could not read its tenant again; the previous index keeps answering")]
        public static partial void RefreshFailed(ILogger logger);

        [LoggerMessage(4, LogLevel.Debug, "A colleague the index proposed no longer qualifies; asking the next")]
        public static partial void Stale(ILogger logger);
    }
}
