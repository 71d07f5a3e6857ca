using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Privacy;

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
    private long _version;

    public InMemoryRequestStore Requests => new(this);

    public InMemoryMentorshipStore Mentorships => new(this);

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

    public Task<ETag> ReplaceAsync(MentoringRequest request, ETag ifMatch, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((requests, _) =>
        {
            InMemoryMentoringStores.CheckMatch(requests, request.Id, ifMatch);
            var etag = stores.NextETag();
            requests[request.Id] = new Versioned<MentoringRequest>(request, etag);
            return etag;
        }));

    public Task<ETag> ReplaceAndStartMentorshipAsync(MentoringRequest request, ETag ifMatch, Mentorship mentorship, CancellationToken cancellationToken) =>
        Task.FromResult(stores.Locked((requests, mentorships) =>
        {
            InMemoryMentoringStores.CheckMatch(requests, request.Id, ifMatch);
            if (mentorships.ContainsKey(mentorship.Id))
            {
                throw new ConcurrencyConflictException(ConcurrencyConflictKind.EntityExists, $"{mentorship.Id} already exists.", 1);
            }

            var etag = stores.NextETag();
            requests[request.Id] = new Versioned<MentoringRequest>(request, etag);
            mentorships[mentorship.Id] = new Versioned<Mentorship>(mentorship, stores.NextETag());
            return etag;
        }));

    public Task<Page<Versioned<MentoringRequest>>> ListOpenAsync(string? continuationToken, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<Versioned<MentoringRequest>>(
            stores.Locked((requests, _) => requests.Values.Where(r => r.Value.IsOpen).OrderBy(r => r.Value.Id.Value, StringComparer.Ordinal).ToList()),
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
        Task.FromResult(stores.Locked((_, mentorships) =>
        {
            InMemoryMentoringStores.CheckMatch(mentorships, mentorship.Id, ifMatch);
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
