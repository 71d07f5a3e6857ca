using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Requests;
using MentorBot.Core.Outbox;

namespace MentorBot.Core.Tests.Programs.Rounds;

/// <summary>A keyed table with store semantics: inserts refuse taken keys, replaces need the version read.</summary>
internal sealed class FakeTable<TKey, T>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Versioned<T>> _rows = [];
    private int _version;

    public IEnumerable<Versioned<T>> Rows => _rows.Values;

    public Versioned<T>? Get(TKey key) => _rows.GetValueOrDefault(key);

    public ETag Insert(TKey key, T value)
    {
        if (_rows.ContainsKey(key))
        {
            throw new ConcurrencyConflictException(ConcurrencyConflictKind.EntityExists, $"{key} exists.");
        }

        return Put(key, value);
    }

    public ETag Replace(TKey key, T value, ETag ifMatch)
    {
        if (!_rows.TryGetValue(key, out var current) || (!ifMatch.IsAny && current.ETag != ifMatch))
        {
            throw new ConcurrencyConflictException(ConcurrencyConflictKind.PreconditionFailed, $"{key} changed.");
        }

        return Put(key, value);
    }

    public void Delete(TKey key) => _rows.Remove(key);

    private ETag Put(TKey key, T value)
    {
        var etag = new ETag($"v{++_version}");
        _rows[key] = new Versioned<T>(value, etag);
        return etag;
    }
}

internal sealed class FakeProgramStore : IProgramStore
{
    public FakeTable<ProgramId, MentoringProgram> Table { get; } = new();

    public Task<Versioned<MentoringProgram>?> GetAsync(ProgramId id, CancellationToken cancellationToken) => Task.FromResult(Table.Get(id));

    public Task<IReadOnlyList<Versioned<MentoringProgram>>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Versioned<MentoringProgram>>>([.. Table.Rows.OrderBy(p => p.Value.Name, StringComparer.Ordinal)]);

    public Task<ETag> InsertAsync(MentoringProgram program, CancellationToken cancellationToken) => Task.FromResult(Table.Insert(program.Id, program));

    public Task<ETag> ReplaceAsync(MentoringProgram program, ETag ifMatch, CancellationToken cancellationToken) => Task.FromResult(Table.Replace(program.Id, program, ifMatch));
}

internal sealed class FakeEnrolmentStore : IEnrolmentStore
{
    public FakeTable<(ProgramId, UserId), Enrolment> Table { get; } = new();

    public Task<Versioned<Enrolment>?> GetAsync(ProgramId program, UserId person, CancellationToken cancellationToken) => Task.FromResult(Table.Get((program, person)));

    public Task<IReadOnlyList<Versioned<Enrolment>>> ListAsync(ProgramId program, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Versioned<Enrolment>>>([.. Table.Rows.Where(e => e.Value.Program == program).OrderBy(e => e.Value.Person.AadObjectId, StringComparer.Ordinal)]);

    public Task<ETag> InsertAsync(Enrolment enrolment, CancellationToken cancellationToken) => Task.FromResult(Table.Insert((enrolment.Program, enrolment.Person), enrolment));

    public Task<ETag> ReplaceAsync(Enrolment enrolment, ETag ifMatch, CancellationToken cancellationToken) => Task.FromResult(Table.Replace((enrolment.Program, enrolment.Person), enrolment, ifMatch));
}

internal sealed class FakeRoundStore : IRoundStore
{
    public FakeTable<(ProgramId, RoundId), ProgramRound> Table { get; } = new();

    public Task<Versioned<ProgramRound>?> GetAsync(ProgramId program, RoundId id, CancellationToken cancellationToken) => Task.FromResult(Table.Get((program, id)));

    public Task<ETag> InsertAsync(ProgramRound round, CancellationToken cancellationToken) => Task.FromResult(Table.Insert((round.Program, round.Id), round));

    public Task<IReadOnlyList<Versioned<ProgramRound>>> ListAsync(ProgramId program, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Versioned<ProgramRound>>>([.. Table.Rows.Where(r => r.Value.Program == program).OrderByDescending(r => r.Value.PreparedAt)]);

    public Task<ETag> ReplaceAsync(ProgramRound round, ETag ifMatch, CancellationToken cancellationToken) => Task.FromResult(Table.Replace((round.Program, round.Id), round, ifMatch));
}

internal sealed class FakeProfileStore : IProfileStore
{
    public FakeTable<UserId, Profile> Table { get; } = new();

    public Task<Versioned<Profile>?> GetAsync(UserId id, CancellationToken cancellationToken) => Task.FromResult(Table.Get(id));

    public Task<ETag> InsertAsync(Profile profile, CancellationToken cancellationToken) => Task.FromResult(Table.Insert(profile.Id, profile));

    public Task<ETag> ReplaceAsync(Profile profile, ETag ifMatch, CancellationToken cancellationToken) => Task.FromResult(Table.Replace(profile.Id, profile, ifMatch));

    public Task DeleteAsync(UserId id, ETag ifMatch, CancellationToken cancellationToken)
    {
        Table.Delete(id);
        return Task.CompletedTask;
    }

    public Task<Page<Versioned<Profile>>> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<Versioned<Profile>>([.. Table.Rows], null));
}

/// <summary>Requests and mentorships together, as the real store keeps them (accept-and-pair is one write).</summary>
internal sealed class FakeMentoringStore : IRequestStore, IMentorshipStore
{
    public FakeTable<RequestId, MentoringRequest> Requests { get; } = new();

    public FakeTable<MentorshipId, Mentorship> Mentorships { get; } = new();

    /// <summary>Messages written with their request (decision 0306).</summary>
    public List<RequestMessage> Messages { get; } = [];

    public Task<Versioned<MentoringRequest>?> GetAsync(RequestId id, CancellationToken cancellationToken) => Task.FromResult(Requests.Get(id));

    public Task<ETag> InsertAsync(MentoringRequest request, CancellationToken cancellationToken) => Task.FromResult(Requests.Insert(request.Id, request));

    public Task<ETag> ReplaceAsync(MentoringRequest request, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
    {
        var etag = Requests.Replace(request.Id, request, ifMatch);
        Messages.AddRange(messages);
        return Task.FromResult(etag);
    }

    public Task<ETag> ReplaceAndStartMentorshipAsync(MentoringRequest request, ETag ifMatch, Mentorship mentorship, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
    {
        var etag = Requests.Replace(request.Id, request, ifMatch);
        Mentorships.Insert(mentorship.Id, mentorship);
        Messages.AddRange(messages);
        return Task.FromResult(etag);
    }

    public Task<Page<Versioned<MentoringRequest>>> ListOpenAsync(string? continuationToken, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<Versioned<MentoringRequest>>([.. Requests.Rows.Where(r => r.Value.IsOpen)], null));

    public Task<IReadOnlyList<MentoringRequest>> ListBySeniorAsync(UserId senior, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MentoringRequest>>([.. Requests.Rows.Select(r => r.Value).Where(r => r.Senior == senior)]);

    public Task<IReadOnlyList<MentoringRequest>> ListOfferedToAsync(UserId candidate, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MentoringRequest>>([.. Requests.Rows.Select(r => r.Value).Where(r => r.AskedCandidates.Contains(candidate))]);

    public Task DeleteAsync(RequestId id, CancellationToken cancellationToken)
    {
        Requests.Delete(id);
        return Task.CompletedTask;
    }

    public Task<Versioned<Mentorship>?> GetAsync(MentorshipId id, CancellationToken cancellationToken) => Task.FromResult(Mentorships.Get(id));

    public Task<ETag> ReplaceAsync(Mentorship mentorship, ETag ifMatch, CancellationToken cancellationToken) => Task.FromResult(Mentorships.Replace(mentorship.Id, mentorship, ifMatch));

    public Task<ETag> ReplaceAsync(Mentorship mentorship, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) =>
        ReplaceAsync(mentorship, ifMatch, cancellationToken);

    public Task<IReadOnlyList<Mentorship>> ListForPersonAsync(UserId person, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Mentorship>>([.. Mentorships.Rows.Select(m => m.Value).Where(m => m.Involves(person))]);

    public Task<Page<Versioned<Mentorship>>> ListActiveAsync(string? continuationToken, CancellationToken cancellationToken) =>
        Task.FromResult(new Page<Versioned<Mentorship>>([.. Mentorships.Rows.Where(m => m.Value.IsActive)], null));

    public Task DeleteAsync(MentorshipId id, CancellationToken cancellationToken)
    {
        Mentorships.Delete(id);
        return Task.CompletedTask;
    }
}

/// <summary>The messages request steps recorded and handed to delivery (decision 0306), in order.</summary>
internal sealed class RecordingDelivery : IRequestMessageDelivery
{
    public List<(UserId Recipient, RequestMessage Message)> Sent { get; } = [];

    public Task DeliverAsync(IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
    {
        Sent.AddRange(messages.Select(m => (m.Recipient, m)));
        return Task.CompletedTask;
    }
}
