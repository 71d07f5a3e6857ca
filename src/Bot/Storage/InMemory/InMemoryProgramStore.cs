using MentorBot.Core.Persistence;
using MentorBot.Core.Programs;

namespace MentorBot.Bot.Storage.InMemory;

/// <summary>Programs in process memory with the table stores' ETag semantics; the storage-less default.</summary>
public sealed class InMemoryProgramStore : IProgramStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ProgramId, Versioned<MentoringProgram>> _programs = [];
    private long _version;

    public Task<Versioned<MentoringProgram>?> GetAsync(ProgramId id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_programs.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<Versioned<MentoringProgram>>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Versioned<MentoringProgram>>>(
                [.. _programs.Values.OrderBy(p => p.Value.Name, StringComparer.CurrentCultureIgnoreCase)]);
        }
    }

    public Task<ETag> InsertAsync(MentoringProgram program, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_programs.ContainsKey(program.Id))
            {
                throw new ConcurrencyConflictException(ConcurrencyConflictKind.EntityExists, $"{program.Id} already exists.");
            }

            return Task.FromResult(Put(program));
        }
    }

    public Task<ETag> ReplaceAsync(MentoringProgram program, ETag ifMatch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            InMemoryMentoringStores.CheckMatch(_programs, program.Id, ifMatch);
            return Task.FromResult(Put(program));
        }
    }

    private ETag Put(MentoringProgram program)
    {
        var etag = new ETag($"W/\"{++_version}\"");
        _programs[program.Id] = new Versioned<MentoringProgram>(program, etag);
        return etag;
    }
}
