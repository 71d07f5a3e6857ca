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

    /// <summary>What the program decides for its requests and new pairs; null when it does not exist (or no program store).</summary>
    Task<ProgramTerms?> TermsAsync(ProgramId program, CancellationToken cancellationToken) => Task.FromResult<ProgramTerms?>(null);
}

/// <summary>
/// A program's settings as asking and pairing need them (decision 0440): a new pair's cadence and term, how long a
/// colleague has to answer an offer, and whether the program takes new pairs at all (not while paused or closed).
/// </summary>
/// <param name="TargetSkills">What the program is for: asks for these belong to it; an ask for another skill is made
/// outside the program (the whole organisation, the usual rhythm). Empty: every skill belongs to it.</param>
public sealed record ProgramTerms(Mentorships.Cadence Cadence, int TermMonths, TimeSpan AnswerWindow, bool TakesNewPairs)
{
    public IReadOnlyList<Skills.SkillId> TargetSkills { get; init; } = [];

    /// <summary>The program's name, for messages about it.</summary>
    public string Name { get; init; } = "";

    /// <summary>Whether colleagues who take part only to teach may also ask in the program (decision 0445).</summary>
    public bool JuniorsMayAsk { get; init; } = true;

    public bool Covers(Skills.SkillId skill) => TargetSkills.Count == 0 || TargetSkills.Contains(skill);
}
