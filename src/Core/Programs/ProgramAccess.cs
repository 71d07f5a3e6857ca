using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs;

/// <summary>
/// Who may see a program's dashboard, exports and concerns: its owners, nobody else. Participants see their own
/// pairs through chat, never the program's view.
/// </summary>
public static class ProgramAccess
{
    public static bool CanView(UserId viewer, MentoringProgram program) => program.IsOwnedBy(viewer);

    public static bool CanManage(UserId viewer, MentoringProgram program) => program.IsOwnedBy(viewer);

    /// <summary>
    /// The concerns raised in <paramref name="program"/>, for an owner; nothing for anyone else. The only way out of
    /// the model for a concern's text, so the other person in the pair can never be shown it.
    /// </summary>
    public static IReadOnlyList<Concern> ConcernsFor(UserId viewer, MentoringProgram program, IEnumerable<Concern> concerns) =>
        CanView(viewer, program)
            ? concerns.Where(c => c.Program == program.Id).OrderBy(c => c.RaisedAt).ToList()
            : [];
}
