using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Matching;

public enum MatchFactor
{
    /// <summary>How far the mentor is ahead of the learner in the requested skill.</summary>
    SkillGap,

    /// <summary>The learner can teach back something the mentor wants: two-way learning.</summary>
    Reciprocity,

    /// <summary>Working hours that overlap across time zones.</summary>
    SharedHours,

    /// <summary>Different departments widen both people's view of the company.</summary>
    DifferentDepartment,

    SharedLanguage,

    /// <summary>Spreads the work: fewer running mentorships and fewer recent offers score higher.</summary>
    LoadBalance,

    /// <summary>Not paired before; repeats are what random pairing tools get wrong.</summary>
    NewConnection,
}

/// <summary>One factor of a match: what it added to the score and a sentence a card can show.</summary>
public sealed record FactorScore(MatchFactor Factor, double Contribution, string Text);

/// <summary>Someone who can help, with the score and why, factor by factor.</summary>
public sealed record RankedCandidate(
    Profile Mentor,
    double Score,
    SkillLevel MentorLevel,
    SkillLevel LearnerLevel,
    double SharedHoursPerWeek,
    IReadOnlyList<FactorScore> Factors)
{
    /// <summary>The factors that count, strongest first, as one line: "Power BI: expert vs. your aware · 4 h a week in shared working hours · …".</summary>
    public string Explanation => string.Join(" · ", Factors.Where(f => f.Contribution > 0).OrderByDescending(f => f.Contribution).Select(f => f.Text));
}

public enum ExclusionReason
{
    /// <summary>The learner themselves.</summary>
    Self,

    /// <summary>Has not opted in to teach (program role is learn only).</summary>
    NotTeaching,

    Paused,

    OptedOut,

    /// <summary>Manager, skip-level manager or report of the learner, at any depth.</summary>
    ReportingLine,

    /// <summary>Already mentoring the learner in this skill.</summary>
    AlreadyMentoring,

    /// <summary>An offer from this learner is waiting for their answer.</summary>
    OfferPending,

    /// <summary>They were paired within the repeat cooldown and the learner did not ask for them again.</summary>
    RecentlyPaired,

    /// <summary>Running as many mentorships as they said they have room for.</summary>
    AtCapacity,

    /// <summary>Not far enough ahead of the learner in the skill.</summary>
    SkillGapTooSmall,

    /// <summary>Fewer shared working hours than <see cref="MatchingOptions.MinimumSharedHoursPerWeek"/>.</summary>
    TooFewSharedHours,

    /// <summary>Cohort matching only: not among the round's mentors.</summary>
    NotInRound,
}

/// <summary>
/// Someone who offers the skill but was filtered out, and why. For admins and logs: the learner should see the
/// aggregate (<see cref="RankingResult.Summary"/>), not that a named colleague paused or opted out.
/// </summary>
public sealed record Exclusion(UserId Candidate, string DisplayName, ExclusionReason Reason, string Text);

public enum RankingProblem
{
    None,

    /// <summary>The learner is not in the snapshot (no profile yet).</summary>
    LearnerNotFound,
}

/// <summary>The best candidates for one request, best first, and an account of everyone left out.</summary>
public sealed record RankingResult(
    MatchRequest Request,
    string SkillName,
    SkillLevel LearnerLevel,
    IReadOnlyList<RankedCandidate> Candidates,
    int OfferingCount,
    IReadOnlyDictionary<ExclusionReason, int> ExcludedByReason,
    IReadOnlyList<Exclusion> Exclusions,
    RankingProblem Problem = RankingProblem.None)
{
    /// <summary>Eligible people found. Exact when <see cref="IsComplete"/>; otherwise a lower bound.</summary>
    public int EligibleCount { get; init; }

    /// <summary>
    /// False when ranking stopped early: with the top list full, nobody at the remaining (lower) skill levels could
    /// score into it. Then <see cref="EligibleCount"/> and <see cref="ExcludedByReason"/> cover only those looked at.
    /// An empty or short list is always complete, so "why nobody" answers are exact.
    /// </summary>
    public bool IsComplete { get; init; } = true;

    /// <summary>A sentence for the learner, e.g. when nobody is left: "3 people know Power BI, but none can take this on right now: 2 have no room at the moment, 1 is in your reporting line."</summary>
    public string Summary => Problem switch
    {
        RankingProblem.LearnerNotFound => "We don't have your profile yet, so we can't look for a match.",
        _ when OfferingCount == 0 => $"Nobody offers {SkillName} yet.",
        _ when Candidates.Count == 0 && OfferingCount == ExcludedByReason.GetValueOrDefault(ExclusionReason.Self) => $"Nobody else offers {SkillName} yet.",
        _ when Candidates.Count > 0 && !IsComplete => $"At least {EligibleCount} people can help you with {SkillName}.",
        _ when Candidates.Count > 0 => EligibleCount == 1
            ? $"1 person can help you with {SkillName}."
            : $"{EligibleCount} people can help you with {SkillName}.",
        _ => $"{People(Others)} {(Others == 1 ? "knows" : "know")} {SkillName}, but none can take this on right now: "
            + string.Join(", ", ExcludedByReason
                .Where(r => r.Key != ExclusionReason.Self && r.Value > 0)
                .OrderByDescending(r => r.Value)
                .ThenBy(r => r.Key)
                .Select(r => $"{r.Value} {Describe(r.Key, r.Value)}"))
            + ".",
    };

    private int Others => OfferingCount - ExcludedByReason.GetValueOrDefault(ExclusionReason.Self);

    private static string People(int count) => count == 1 ? "1 person" : $"{count} people";

    private static string Describe(ExclusionReason reason, int count)
    {
        var one = count == 1;
        return reason switch
        {
            ExclusionReason.NotTeaching => one ? "is not mentoring in this program" : "are not mentoring in this program",
            ExclusionReason.Paused or ExclusionReason.OptedOut => one ? "is taking a break" : "are taking a break",
            ExclusionReason.ReportingLine => one ? "is in your reporting line" : "are in your reporting line",
            ExclusionReason.AlreadyMentoring => one ? "already helps you with it" : "already help you with it",
            ExclusionReason.OfferPending => one ? "still has your earlier request open" : "still have your earlier request open",
            ExclusionReason.RecentlyPaired => one ? "was paired with you recently" : "were paired with you recently",
            ExclusionReason.AtCapacity => one ? "has no room at the moment" : "have no room at the moment",
            ExclusionReason.SkillGapTooSmall => one ? "knows it at about your level" : "know it at about your level",
            ExclusionReason.TooFewSharedHours => one ? "shares too few working hours with you" : "share too few working hours with you",
            ExclusionReason.NotInRound => one ? "is not a mentor in this round" : "are not mentors in this round",
            _ => one ? "is not available" : "are not available",
        };
    }
}
