using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs;

/// <summary>
/// Who may see a program's dashboard and exports (its owners, nobody else) and which of its concerns (their readers,
/// never the two people a concern is about: <see cref="ConcernAudience"/>). Participants see their own pairs through
/// chat, never the program's view.
/// </summary>
public static class ProgramAccess
{
    public static bool CanView(UserId viewer, MentoringProgram program) => program.IsOwnedBy(viewer);

    public static bool CanManage(UserId viewer, MentoringProgram program) => program.IsOwnedBy(viewer);

    /// <summary>
    /// The concerns raised in <paramref name="program"/> that <paramref name="viewer"/> may read (<see cref="ConcernAudience"/>):
    /// never one about a pairing they are part of, owner or not. The only way out of the model for a concern's text,
    /// so it is what every list, page and count goes through.
    /// </summary>
    public static IReadOnlyList<Concern> ConcernsFor(
        UserId viewer, MentoringProgram program, IEnumerable<Concern> concerns, IEnumerable<UserId>? defaultContacts = null)
    {
        var defaults = (defaultContacts ?? []).ToList();
        return concerns.Where(c => c.Program == program.Id && ConcernAudience.MayRead(viewer, c, program, defaults)).OrderBy(c => c.RaisedAt).ToList();
    }
}
