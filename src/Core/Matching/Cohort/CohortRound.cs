using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Matching.Cohort;

/// <summary>One learner's request in a program round.</summary>
public sealed record CohortRequest(UserId Learner, SkillId Skill, bool AllowRepeat = false);

/// <summary>A mentor and learner paired on a skill (in an earlier round or this one).</summary>
public sealed record CohortPair(UserId Mentor, UserId Learner, SkillId Skill);

/// <summary>
/// A program round: everyone's requests at once. <see cref="KeepPreviousPairs"/> continues last round's pairs
/// (they keep their places); without it last round's pairs are not repeated and everyone gets someone new.
/// </summary>
public sealed record CohortRound(IReadOnlyList<CohortRequest> Requests)
{
    public IReadOnlyList<CohortPair> PreviousPairs { get; init; } = [];

    public bool KeepPreviousPairs { get; init; } = true;

    /// <summary>The round's mentors; null means everyone in the snapshot who teaches.</summary>
    public IReadOnlySet<UserId>? Mentors { get; init; }

    /// <summary>
    /// Pairs an owner fixed before re-running (decision 0460): each takes its request and a place first, whatever
    /// <see cref="KeepPreviousPairs"/> says, if it passes every hard constraint of the round; the rest is solved
    /// exactly around them. A pin that does not pass is listed in <see cref="CohortResult.RejectedPins"/> and its
    /// request is matched afresh.
    /// </summary>
    public IReadOnlyList<CohortPair> Pinned { get; init; } = [];
}

public sealed record CohortAssignment(
    UserId Learner,
    UserId Mentor,
    SkillId Skill,
    double Score,
    bool Kept,
    IReadOnlyList<FactorScore> Factors)
{
    /// <summary>An owner's pin (<see cref="CohortRound.Pinned"/>); pinned pairs are also <see cref="Kept"/>: not in <see cref="CohortResult.TotalScore"/>.</summary>
    public bool Pinned { get; init; }
}

public enum UnmatchedReason
{
    LearnerNotFound,

    /// <summary>The same learner asked for the same skill twice in the round; the first request counts.</summary>
    DuplicateRequest,

    /// <summary>Nobody passes the hard constraints; the text says why, in aggregate.</summary>
    NoEligibleMentor,

    /// <summary>
    /// There were eligible mentors, but every one of them is full after the round (or already pairs with this
    /// learner for another skill): in the optimal round, an unmatched request is one that could not be matched.
    /// </summary>
    MentorsTaken,
}

/// <summary>A request the round leaves without a pair; the counts are over every eligible mentor (decision 0264).</summary>
/// <param name="Text">An English fallback; the Bot words <see cref="UnmatchedReason.MentorsTaken"/> from the counts.</param>
/// <param name="Nobody">For <see cref="UnmatchedReason.NoEligibleMentor"/> when nobody at all can help (the ranker's
/// counts); null when someone could, but only outside this round's mentors or places.</param>
public sealed record UnmatchedRequest(CohortRequest Request, UnmatchedReason Reason, NobodyAvailable? Nobody = null)
{
    /// <summary>Colleagues who pass every hard constraint for this request in this round.</summary>
    public int EligibleMentors { get; init; }

    /// <summary>Of those, how many have no place left after the round.</summary>
    public int MentorsFull { get; init; }

    /// <summary>Of those, how many still have a place but already pair with this learner for another skill (decision 0263).</summary>
    public int MentorsPairedWithLearner { get; init; }

    /// <summary>Eligible mentors who still have a place and could take it: 0 for the certified exact round.</summary>
    public int MentorsStillFree => EligibleMentors - MentorsFull - MentorsPairedWithLearner;
}

public enum UnusedMentorReason
{
    /// <summary>No request in the round was for a skill they offer at a level above the learner's.</summary>
    NoMatchingRequest,

    /// <summary>Some requests could have gone to them, and each got a colleague who fits it at least as well.</summary>
    OthersFitBetter,
}

/// <summary>Someone who could mentor, has free places, and got nobody this round.</summary>
/// <param name="Reason">Checked over every eligible pair: <see cref="UnusedMentorReason.NoMatchingRequest"/> means no request of the round could go to them.</param>
public sealed record UnusedMentor(UserId Mentor, int FreePlaces, UnusedMentorReason Reason);

/// <summary>
/// Proof that a round is optimal over every eligible pair (decision 0261): dual prices that no eligible pair beats,
/// whose sum (<see cref="DualBound"/>, an upper bound on any assignment) equals the total found.
/// </summary>
public sealed record CohortCertificate(double TotalScore, double DualBound, bool DualFeasible, int Iterations, int InitialEdges, int FinalEdges)
{
    /// <summary>Exactly optimal: the duals are feasible for every eligible pair and the gap is zero (in score units).</summary>
    public bool IsOptimal => DualFeasible && DualBoundUnits == TotalUnits;

    public double Gap => (DualBoundUnits - TotalUnits) / CandidateRanker.UnitsPerPoint;

    /// <summary>Eligible pairs outside the graph that the last pricing pass looked at.</summary>
    public long PairsPriced { get; init; }

    internal long TotalUnits { get; init; }

    internal long DualBoundUnits { get; init; }
}

public sealed record CohortResult(
    IReadOnlyList<CohortAssignment> Pairs,
    IReadOnlyList<UnmatchedRequest> Unmatched,
    IReadOnlyList<UnusedMentor> UnusedMentors)
{
    /// <summary>Sum of the scores of the pairs made in this round (kept pairs not included).</summary>
    public double TotalScore => TotalUnits / CandidateRanker.UnitsPerPoint;

    internal long TotalUnits { get; init; }

    /// <summary>The proof of optimality; null for the baselines, which do not claim one.</summary>
    public CohortCertificate? Certificate { get; init; }

    /// <summary>Pins of the round that break a hard constraint (or find no place or no request); their requests were matched afresh.</summary>
    public IReadOnlyList<CohortPair> RejectedPins { get; init; } = [];

    /// <summary>Sum of the scores of the pinned pairs.</summary>
    public double PinnedScore => Pairs.Where(p => p.Pinned).Sum(p => p.Score);
}

/// <summary>Pairs a whole program round. Implementations differ only in how they choose among eligible pairs.</summary>
public interface ICohortMatcher
{
    CohortResult Match(MatchingIndex index, CohortRound round);
}
