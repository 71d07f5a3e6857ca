using MentorBot.Core.Matching;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Requests;

/// <summary>
/// How a program's target skills count in ranking (decision 0445). An ask in a program with target skills is always for
/// one of them (an ask for another skill is made outside it, 0440), so what the targets add is who can carry the pair
/// further along what the program is for: each other target skill an eligible colleague teaches adds
/// <see cref="PerTargetSkill"/> points, for at most <see cref="MaxCounted"/> of them. Only the order among people who
/// already passed every hard constraint changes; nobody is added or left out.
/// </summary>
public static class ProgramFit
{
    /// <summary>Half of the "new connection" factor's weight range: enough to decide between close candidates, never
    /// enough to outweigh a real difference in skill gap or shared hours.</summary>
    public const double PerTargetSkill = 0.5;

    public const int MaxCounted = 2;

    /// <summary>The points <paramref name="mentor"/> gets for teaching the program's other target skills.</summary>
    public static double Bonus(Profile mentor, SkillId asked, IReadOnlyList<SkillId> targets) =>
        PerTargetSkill * Math.Min(MaxCounted, targets.Count(t => t != asked && mentor.Offers.Any(o => o.Skill == t)));

    /// <summary>The candidates with their bonus added, best first; ties keep the ranker's order.</summary>
    public static IReadOnlyList<RankedCandidate> Rerank(IEnumerable<RankedCandidate> candidates, SkillId asked, IReadOnlyList<SkillId> targets) =>
        targets.Count == 0
            ? [.. candidates]
            : [.. candidates.Select(c => c with { Score = Math.Round(c.Score + Bonus(c.Mentor, asked, targets), 4) }).OrderByDescending(c => c.Score)];
}
