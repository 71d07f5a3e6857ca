namespace MentorBot.Core.Programs;

/// <summary>
/// Where a tenant's programs live. Not versioned yet: this branch was cut before <c>MentorBot.Core.Persistence</c>
/// (ETag, Versioned) existed; once merged, <see cref="GetAsync"/> returns <c>Versioned&lt;MentoringProgram&gt;</c> and
/// <see cref="ReplaceAsync"/> takes the ETag it was read at (decision 0100).
/// </summary>
public interface IProgramStore
{
    Task<MentoringProgram?> GetAsync(ProgramId id, CancellationToken cancellationToken);

    /// <summary>All programs of the tenant, ordered by name. A tenant runs a handful, so no paging.</summary>
    Task<IReadOnlyList<MentoringProgram>> ListAsync(CancellationToken cancellationToken);

    Task<ProgramWrite> InsertAsync(MentoringProgram program, CancellationToken cancellationToken);

    Task<ProgramWrite> ReplaceAsync(MentoringProgram program, CancellationToken cancellationToken);
}

public enum ProgramWrite
{
    Written,

    /// <summary>Insert found a program with the same id.</summary>
    AlreadyExists,

    /// <summary>Replace found no program with that id (deleted meanwhile, or never saved).</summary>
    NotFound,
}
