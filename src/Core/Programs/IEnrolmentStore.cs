using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs;

/// <summary>
/// Who is in which program. Writes are optimistic like every Core port: the person may say yes in chat while an
/// owner re-imports the same file, and neither may overwrite the other. Any call may throw
/// <see cref="StorageUnavailableException"/>.
/// </summary>
public interface IEnrolmentStore
{
    Task<Versioned<Enrolment>?> GetAsync(ProgramId program, UserId person, CancellationToken cancellationToken);

    /// <summary>Every enrolment of the program in any state, ordered by person id. Programs hold thousands, not millions.</summary>
    Task<IReadOnlyList<Versioned<Enrolment>>> ListAsync(ProgramId program, CancellationToken cancellationToken);

    /// <summary>Adds a person to a program; <see cref="ConcurrencyConflictKind.EntityExists"/> when they are already in it.</summary>
    Task<ETag> InsertAsync(Enrolment enrolment, CancellationToken cancellationToken);

    /// <summary>Replaces the enrolment if it is still at <paramref name="ifMatch"/>; returns the new version.</summary>
    Task<ETag> ReplaceAsync(Enrolment enrolment, ETag ifMatch, CancellationToken cancellationToken);
}
