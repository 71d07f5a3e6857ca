using MentorBot.Core.Profiles;

namespace MentorBot.Core.Requests;

/// <summary>
/// What asking for help needs to know about programs: which program a senior's request belongs to and who may be
/// offered it. Declared here, answered by <c>Programs.ProgramMembership</c>, so requests need nothing of programs
/// (decision 0321).
/// </summary>
public interface IProgramMembers
{
    Task<ProgramId?> ProgramForRequestAsync(UserId senior, CancellationToken cancellationToken);

    Task<IReadOnlySet<UserId>> MembersAsync(ProgramId program, CancellationToken cancellationToken);
}
