using MentorBot.Bot.Proactive;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Privacy;
using MentorBot.Core;
using MentorBot.Core.Outbox;

namespace MentorBot.Bot.Storage.InMemory;

/// <summary>
/// Requests and mentorships in process memory, with the same ETag semantics as the table-backed stores: conditional
/// writes throw <see cref="ConcurrencyConflictException"/>, and accept-and-pair changes both under one lock. For
/// tests and a storage-less local run; the table stores replace it when registered.
/// </summary>
public sealed class InMemoryMentoringStores
{
    private readonly Lock _lock = new();
    private readonly Dictionary<RequestId, Versioned<MentoringRequest>> _requests = [];
    private readonly Dictionary<MentorshipId, Versioned<Mentorship>> _mentorships = [];
    private readonly Dictionary<NudgeKey, StoredMessage> _messages = [];
    private long _version;

    public InMemoryRequestStore Requests => new(this);

    public InMemoryMentorshipStore Mentorships => new(this);

    /// <summary>The messages request steps recorded (decision 0306), written under the same lock as the request.</summary>
    public InMemoryRequestMessageOutbox Messages => new(this);

    internal T LockedMessages<T>(Func<Dictionary<NudgeKey, StoredMessage>, T> action)
    {
        lock (_lock)
        {
            return action(_messages);
        }
    }

    /// <summary>Removes the messages to or about a person, or about their (or no longer existing) requests; call under <see cref="Locked{T}"/>.</summary>
    internal int ForgetMessages(UserId person)
    {
        var gone = _messages.Where(m => m.Value.Item.Recipient == person
            || RequestMessageJson.Read(m.Value.Item) is { } message
                && (message.Candidate == person || AboutOrGone(message, person))).Select(m => m.Key).ToList();
        return gone.Count(key => _messages.Remove(key));
    }

    private bool AboutOrGone(RequestMessage message, UserId person) => message.Kind == RequestMessageKind.PartnerLeft
        ? false // Names only its recipient; it must outlive the person who left (decision 0320).
        : message.Request.Value.Length == 0
        ? message.Mentorship is not { } pairing || _mentorships.GetValueOrDefault(pairing)?.Value is not { } mentorship || mentorship.Involves(person)
        : _requests.GetValueOrDefault(message.Request)?.Value.Senior is not { } senior || senior == person;

    /// <summary>Adds a step's messages; call under <see cref="Locked{T}"/> after the request's checks passed.</summary>
    internal void AddMessages(IReadOnlyList<RequestMessage> messages)
    {
        if (messages.Any(m => _messages.ContainsKey(new NudgeKey(m.Key))))
        {
            throw new ConcurrencyConflictException(ConcurrencyConflictKind.EntityExists, "A message of this step was recorded already.");
        }

        foreach (var message in messages)
        {
            _messages[new NudgeKey(message.Key)] = new StoredMessage(RequestMessageJson.ToItem(message), NextETag().Value, DateTimeOffset.MinValue);
        }
    }

    internal T Locked<T>(Func<Dictionary<RequestId, Versioned<MentoringRequest>>, Dictionary<MentorshipId, Versioned<Mentorship>>, T> action)
    {
        lock (_lock)
        {
            return action(_requests, _mentorships);
        }
    }

    internal ETag NextETag() => new($"W/\"{Interlocked.Increment(ref _version)}\"");

    internal static void CheckMatch<TKey, TValue>(Dictionary<TKey, Versioned<TValue>> table, TKey key, ETag ifMatch)
        where TKey : notnull
    {
        if (!table.TryGetValue(key, out var current))
        {
            throw new ConcurrencyConflictException(ConcurrencyConflictKind.EntityMissing, $"{key} does not exist.");
        }

        if (!ifMatch.IsAny && current.ETag != ifMatch)
        {
            throw new ConcurrencyConflictException(ConcurrencyConflictKind.PreconditionFailed, $"{key} changed since it was read.");
        }
    }
}

public sealed class InMemoryRequestStore(InMemoryMentoringStores stores) : IRequestStore, IPersonalDataStore
{
    public string Holds => "Mentoring requests (the senior, the goal, who was asked and any decline note).";

    public Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((requests, _) =>
        {
            var changed = 0;
            foreach (var (id, stored) in requests.ToList())
            {
                if (stored.Value.Senior == subject.Person)
                {
                    changed += requests.Remove(id) ? 1 : 0;
                }
                else if (stored.Value.ForgetCandidate(subject.Person, ForgetMeService.Forgotten) is RequestTransition.Changed scrubbed)
                {
                    requests[id] = new Versioned<MentoringRequest>(scrubbed.Request, stores.NextETag());
                    changed++;
                }
            }

            return changed;
        }));

    public Task<Versioned<MentoringRequest>?> GetAsync(RequestId id, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((requests, _) => requests.GetValueOrDefault(id)));

    public Task<ETag> InsertAsync(MentoringRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((requests, _) =>
        {
            if (requests.ContainsKey(request.Id))
            {
                throw new ConcurrencyConflictException(ConcurrencyConflictKind.EntityExists, $"{request.Id} already exists.");
            }

            var etag = stores.NextETag();
            requests[request.Id] = new Versioned<MentoringRequest>(request, etag);
            return etag;
        }));

    public Task<ETag> ReplaceAsync(MentoringRequest request, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((requests, _) =>
        {
            InMemoryMentoringStores.CheckMatch(requests, request.Id, ifMatch);
            stores.AddMessages(messages);
            var etag = stores.NextETag();
            requests[request.Id] = new Versioned<MentoringRequest>(request, etag);
            return etag;
        }));

    public Task<ETag> ReplaceAndStartMentorshipAsync(
        MentoringRequest request, ETag ifMatch, Mentorship mentorship, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((requests, mentorships) =>
        {
            InMemoryMentoringStores.CheckMatch(requests, request.Id, ifMatch);
            if (mentorships.ContainsKey(mentorship.Id))
            {
                throw new ConcurrencyConflictException(ConcurrencyConflictKind.EntityExists, $"{mentorship.Id} already exists.", 1);
            }

            stores.AddMessages(messages);

            var etag = stores.NextETag();
            requests[request.Id] = new Versioned<MentoringRequest>(request, etag);
            mentorships[mentorship.Id] = new Versioned<Mentorship>(mentorship, stores.NextETag());
            return etag;
        }));

    public Task<Page<Versioned<MentoringRequest>>> ListOpenAsync(string? continuationToken, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<Versioned<MentoringRequest>>(
            stores.Locked((requests, _) => requests.Values.Where(r => r.Value.IsOpen).OrderBy(r => r.Value.Id.Value, StringComparer.Ordinal).ToList()),
            null));

    public Task<Page<Versioned<MentoringRequest>>> ListUnmatchedAsync(string? continuationToken, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<Versioned<MentoringRequest>>(
            stores.Locked((requests, _) => requests.Values.Where(r => r.Value.Status == RequestStatus.NoCandidates).OrderBy(r => r.Value.Id.Value, StringComparer.Ordinal).ToList()),
            null));

    public Task<IReadOnlyList<MentoringRequest>> ListBySeniorAsync(UserId senior, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MentoringRequest>>(
            stores.Locked((requests, _) => requests.Values.Select(r => r.Value).Where(r => r.Senior == senior).OrderBy(r => r.CreatedAt).ToList()));

    public Task<IReadOnlyList<MentoringRequest>> ListOfferedToAsync(UserId candidate, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MentoringRequest>>(
            stores.Locked((requests, _) => requests.Values.Select(r => r.Value).Where(r => r.AskedCandidates.Contains(candidate)).OrderBy(r => r.CreatedAt).ToList()));

    public Task DeleteAsync(RequestId id, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((requests, _) => requests.Remove(id)));
}

public sealed class InMemoryMentorshipStore(InMemoryMentoringStores stores) : IMentorshipStore, IPersonalDataStore
{
    public string Holds => "Pairings: who, which skill, state and dates.";

    public Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((_, mentorships) =>
            mentorships.Keys.Where(id => mentorships[id].Value.Involves(subject.Person) || subject.Pairings.Contains(id)).ToList()
                .Count(id => mentorships.Remove(id))));

    public Task<Versioned<Mentorship>?> GetAsync(MentorshipId id, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((_, mentorships) => mentorships.GetValueOrDefault(id)));

    public Task<ETag> ReplaceAsync(Mentorship mentorship, ETag ifMatch, CancellationToken cancellationToken) =>
        ReplaceAsync(mentorship, ifMatch, [], cancellationToken);

    public Task<ETag> ReplaceAsync(Mentorship mentorship, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((_, mentorships) =>
        {
            InMemoryMentoringStores.CheckMatch(mentorships, mentorship.Id, ifMatch);
            stores.AddMessages(messages);
            var etag = stores.NextETag();
            mentorships[mentorship.Id] = new Versioned<Mentorship>(mentorship, etag);
            return etag;
        }));

    public Task<IReadOnlyList<Mentorship>> ListForPersonAsync(UserId person, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Mentorship>>(
            stores.Locked((_, mentorships) => mentorships.Values.Select(m => m.Value).Where(m => m.Involves(person)).OrderBy(m => m.StartedAt).ToList()));

    public Task<Page<Versioned<Mentorship>>> ListActiveAsync(string? continuationToken, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<Versioned<Mentorship>>(
            stores.Locked((_, mentorships) => mentorships.Values.Where(m => m.Value.State.Status != MentorshipStatus.Ended).ToList()),
            null));

    public Task DeleteAsync(MentorshipId id, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((_, mentorships) => mentorships.Remove(id)));
}

/// <summary>A recorded message with its outbox state: the item, its version (an ETag) and who may hold it until when.</summary>
internal sealed record StoredMessage(NudgeOutboxItem Item, string Version, DateTimeOffset LeaseExpiresAt);

/// <summary>The in-memory request messages' outbox, with the table version's lease semantics.</summary>
public sealed class InMemoryRequestMessageOutbox(InMemoryMentoringStores stores) : IRequestMessageOutbox, IPersonalDataStore
{
    public string Holds => "Messages request steps recorded: who to tell, about whom.";

    public Task<int> EraseAsync(ErasureSubject subject, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((_, _) => stores.ForgetMessages(subject.Person)));

    public Task<EnqueueOutcome> EnqueueIfAbsentAsync(NudgeOutboxItem item, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Request messages are written with their request's step (decision 0306), never enqueued on their own.");

    public Task<IReadOnlyList<NudgeLease>> LeaseDueAsync(DateTimeOffset now, string owner, TimeSpan leaseFor, int maxItems, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NudgeLease>>(stores.LockedMessages(messages => Lease(
            messages,
            [.. messages.Values.Where(m => m.Item.ReadyAt <= now).OrderBy(m => m.Item.ReadyAt).ThenBy(m => m.Item.Key.Value, StringComparer.Ordinal).Select(m => m.Item.Key).Take(maxItems)],
            now,
            owner,
            leaseFor)));

    public Task<IReadOnlyList<NudgeLease>> LeaseAsync(IReadOnlyList<NudgeKey> keys, DateTimeOffset now, string owner, TimeSpan leaseFor, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NudgeLease>>(stores.LockedMessages(messages => Lease(messages, keys, now, owner, leaseFor)));

    public Task<LeaseOutcome> MarkSentAsync(NudgeLease lease, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        Complete(lease, lease.Item with { Status = NudgeStatus.Sent, SentAt = sentAt, Attempts = lease.Item.Attempts + 1 });

    public Task<LeaseOutcome> MarkFailedAsync(NudgeLease lease, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken) =>
        Complete(lease, lease.Item with { Attempts = lease.Item.Attempts + 1, NextAttemptAt = nextAttemptAt, LastFailure = reason });

    public Task<LeaseOutcome> DeadLetterAsync(NudgeLease lease, string reason, CancellationToken cancellationToken) =>
        Complete(lease, lease.Item with { Status = NudgeStatus.Dead, Attempts = lease.Item.Attempts + 1, LastFailure = reason });

    public Task<LeaseOutcome> MarkDroppedAsync(NudgeLease lease, NudgeRelevance reason, CancellationToken cancellationToken) =>
        Complete(lease, lease.Item with { Status = NudgeStatus.Dropped, LastFailure = reason.ToString() });

    public Task<int> DeleteSettledAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken) =>
        Task.FromResult(stores.LockedMessages(messages =>
            messages.Where(m => m.Value.Item.Status != NudgeStatus.Pending && m.Value.Item.ReadyAt < dueBefore).Select(m => m.Key).ToList().Count(messages.Remove)));

    /// <summary>Every message recorded so far (tests).</summary>
    public IReadOnlyList<NudgeOutboxItem> All() => stores.LockedMessages(messages => messages.Values.Select(m => m.Item).ToList());

    private List<NudgeLease> Lease(Dictionary<NudgeKey, StoredMessage> messages, IEnumerable<NudgeKey> keys, DateTimeOffset now, string owner, TimeSpan leaseFor)
    {
        var leases = new List<NudgeLease>();
        foreach (var key in keys)
        {
            if (messages.TryGetValue(key, out var stored) && stored.Item.Status == NudgeStatus.Pending && stored.LeaseExpiresAt <= now)
            {
                var leased = stored with { Version = stores.NextETag().Value, LeaseExpiresAt = now + leaseFor };
                messages[key] = leased;
                leases.Add(new NudgeLease(stored.Item, owner, leased.LeaseExpiresAt, leased.Version));
            }
        }

        return leases;
    }

    private Task<LeaseOutcome> Complete(NudgeLease lease, NudgeOutboxItem changed) =>
        Task.FromResult(stores.LockedMessages(messages =>
        {
            if (!messages.TryGetValue(lease.Item.Key, out var stored) || stored.Version != lease.Version)
            {
                return LeaseOutcome.LeaseLost;
            }

            messages[lease.Item.Key] = new StoredMessage(changed, stores.NextETag().Value, DateTimeOffset.MinValue);
            return LeaseOutcome.Done;
        }));
}
