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

/// <summary>
/// One factor of a match: what it added to the score, and the facts behind it. Core returns data; the Bot words it in
/// the reader's language (decision 0381).
/// </summary>
public sealed record FactorScore(MatchFactor Factor, double Contribution, MatchFacts Facts);

/// <summary>The values every factor of one candidate is explained with, from the learner's point of view.</summary>
/// <param name="Skill">The skill asked about.</param>
/// <param name="TeachBack">A skill the learner offers and the mentor wants: two-way learning; null when none.</param>
/// <param name="SharedMinutesPerWeek">Working time both have, per week, across time zones.</param>
/// <param name="MentorDepartment">The mentor's department when it differs from the learner's.</param>
/// <param name="SameDepartment">Both named the same department.</param>
/// <param name="SharedLanguage">A language both listed, as they wrote it (usually a tag: "en", "sv").</param>
/// <param name="PairedUntil">When an earlier pairing of the two ended; null for a new connection.</param>
public sealed record MatchFacts(
    SkillId Skill,
    SkillLevel MentorLevel,
    SkillLevel LearnerLevel,
    SkillId? TeachBack,
    int SharedMinutesPerWeek,
    string? MentorDepartment,
    bool SameDepartment,
    string? SharedLanguage,
    int ActivePairings,
    int Capacity,
    int RecentOffers,
    DateTimeOffset? PairedUntil);

/// <summary>Someone who can help, with the score and why, factor by factor.</summary>
public sealed record RankedCandidate(
    Profile Mentor,
    double Score,
    SkillLevel MentorLevel,
    SkillLevel LearnerLevel,
    double SharedHoursPerWeek,
    IReadOnlyList<FactorScore> Factors)
{
    /// <summary>The factors that count, strongest first: what a card explains the match with.</summary>
    public IReadOnlyList<FactorScore> Reasons => [.. Factors.Where(f => f.Contribution > 0).OrderByDescending(f => f.Contribution)];
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
/// aggregate (<see cref="RankingResult.Nobody"/>), not that a named colleague paused or opted out.
/// </summary>
public sealed record Exclusion(UserId Candidate, string DisplayName, ExclusionReason Reason);

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

    /// <summary>
    /// Why nobody (else) can take this on, as counts the Bot words for the learner ("3 people know Power BI, but none
    /// can take this on right now: 2 have no room at the moment, 1 is in your reporting line."). Never names anyone.
    /// </summary>
    public NobodyAvailable Nobody => new(
        Request.Skill,
        Problem == RankingProblem.LearnerNotFound,
        OfferingCount - ExcludedByReason.GetValueOrDefault(ExclusionReason.Self),
        ExcludedByReason.Where(r => r.Key != ExclusionReason.Self && r.Value > 0).ToDictionary(r => r.Key, r => r.Value))
    {
        LearnerOffersIt = ExcludedByReason.GetValueOrDefault(ExclusionReason.Self) > 0,
    };
}

/// <summary>
/// Why a request has nobody (left) to ask, as data (decision 0381): how many others offer the skill, how many of them
/// each hard rule kept out and, once people were asked, how many declined or did not answer in time.
/// </summary>
/// <param name="NoProfile">The learner has no profile yet, so nobody was looked for.</param>
/// <param name="Others">People other than the learner who offer the skill.</param>
/// <param name="Excluded">How many of them each rule kept out (never the learner themselves).</param>
public sealed record NobodyAvailable(SkillId Skill, bool NoProfile, int Others, IReadOnlyDictionary<ExclusionReason, int> Excluded)
{
    /// <summary>Everyone who could help was asked: <see cref="Declined"/> said no and <see cref="Silent"/> let it expire.</summary>
    public bool AskedEveryone { get; init; }

    public int Declined { get; init; }

    public int Silent { get; init; }

    /// <summary>The learner offers the skill themselves: "nobody else" rather than "nobody".</summary>
    public bool LearnerOffersIt { get; init; }
}
