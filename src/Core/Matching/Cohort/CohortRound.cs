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
}

public sealed record CohortAssignment(
    UserId Learner,
    UserId Mentor,
    SkillId Skill,
    double Score,
    bool Kept,
    IReadOnlyList<FactorScore> Factors);

public enum UnmatchedReason
{
    LearnerNotFound,

    /// <summary>The same learner asked for the same skill twice in the round; the first request counts.</summary>
    DuplicateRequest,

    /// <summary>Nobody passes the hard constraints; the text says why, in aggregate.</summary>
    NoEligibleMentor,

    /// <summary>There were eligible mentors, but their places went to pairs that fit better overall.</summary>
    MentorsTaken,
}

public sealed record UnmatchedRequest(CohortRequest Request, UnmatchedReason Reason, string Text);

public enum UnusedMentorReason
{
    /// <summary>No request in the round was for a skill they offer at a level above the learner's.</summary>
    NoMatchingRequest,

    /// <summary>They were a candidate, but each request they could take was better served by someone else.</summary>
    OthersFitBetter,
}

/// <summary>Someone who could mentor, has free places, and got nobody this round.</summary>
public sealed record UnusedMentor(UserId Mentor, int FreePlaces, UnusedMentorReason Reason);

public sealed record CohortResult(
    IReadOnlyList<CohortAssignment> Pairs,
    IReadOnlyList<UnmatchedRequest> Unmatched,
    IReadOnlyList<UnusedMentor> UnusedMentors)
{
    /// <summary>Sum of the scores of the pairs made in this round (kept pairs not included).</summary>
    public double TotalScore => TotalUnits / CandidateRanker.UnitsPerPoint;

    internal long TotalUnits { get; init; }
}

/// <summary>Pairs a whole program round. Implementations differ only in how they choose among eligible pairs.</summary>
public interface ICohortMatcher
{
    CohortResult Match(MatchingIndex index, CohortRound round);
}
