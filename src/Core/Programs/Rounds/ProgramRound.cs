using System.Security.Cryptography;
using System.Text;
using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Programs.Rounds;

public readonly record struct RoundId(string Value)
{
    public static RoundId New(Guid value) => new($"round-{value:N}");

    public override string ToString() => Value;
}

public enum RoundState
{
    /// <summary>Shown to an owner; nothing was sent.</summary>
    Previewed,

    /// <summary>An owner published it: each pair's request was created and offered.</summary>
    Published,
}

/// <summary>A senior (the learner) and the colleague who will be offered their request, with the main reasons.</summary>
/// <param name="Reasons">English text of rounds stored before reasons became data (decision 0381); empty since.</param>
public sealed record RoundPair(UserId Learner, UserId Mentor, SkillId Skill, double Score, IReadOnlyList<string> Reasons)
{
    /// <summary>The strongest factors, as data the Bot words for the owner.</summary>
    public IReadOnlyList<FactorScore> Factors { get; init; } = [];

    /// <summary>An owner pinned this pair (or made it by a swap): re-running keeps it (decision 0460).</summary>
    public bool Pinned { get; init; }
}

/// <summary>An owner's pin: this learner's request for this skill goes to this mentor whatever the re-run finds.</summary>
public sealed record RoundPin(UserId Learner, SkillId Skill, UserId Mentor);

/// <summary>A request an owner took out of the round: nobody is offered it when the round is published.</summary>
public sealed record RoundRemoval(UserId Learner, SkillId Skill);

/// <summary>A learner the round could not pair, and why: the counts are over every eligible colleague (decision 0264).</summary>
/// <param name="Text">English text of rounds stored before reasons became data (decision 0381); null since: the Bot words every reason from the counts and <see cref="Nobody"/>.</param>
/// <param name="EligibleMentors">Colleagues in the round who could help this learner with this skill.</param>
/// <param name="MentorsFull">Of those, how many have no place left after the round.</param>
/// <param name="MentorsPairedWithLearner">Of those, how many already pair with this learner for another skill.</param>
public sealed record RoundUnmatched(UserId Learner, SkillId Skill, UnmatchedReason Reason, string? Text, int EligibleMentors = 0, int MentorsFull = 0, int MentorsPairedWithLearner = 0)
{
    /// <summary>Nobody at all can help: the ranker's counts (<see cref="UnmatchedRequest.Nobody"/>).</summary>
    public NobodyAvailable? Nobody { get; init; }
}

public sealed record RoundUnusedMentor(UserId Mentor, int FreePlaces, UnusedMentorReason Reason);

/// <summary>
/// Why the preview may say "best possible": the total score and the dual bound no pairing can exceed (decision 0261).
/// Null for rounds stored before the certificate existed.
/// </summary>
public sealed record RoundCertificate(double TotalScore, double DualBound, bool IsOptimal);

/// <summary>
/// One cohort round of a program, stored as it was previewed so that publishing sends exactly what the owner saw
/// (decision 0210). The request ids are derived from the round, learner and skill, so publishing twice (a double
/// press, two owners, a retry after a failure) creates and offers each request once (decision 0211).
/// </summary>
public sealed record ProgramRound(
    RoundId Id,
    ProgramId Program,
    UserId PreparedBy,
    DateTimeOffset PreparedAt,
    IReadOnlyList<RoundPair> Pairs,
    IReadOnlyList<RoundUnmatched> Unmatched,
    IReadOnlyList<RoundUnusedMentor> UnusedMentors,
    RoundState State = RoundState.Previewed,
    UserId? PublishedBy = null,
    DateTimeOffset? PublishedAt = null,
    RoundCertificate? Certificate = null)
{
    /// <summary>
    /// Bumped by every owner's edit (decision 0460). Publishing names the revision the owner saw; another one is
    /// refused as stale. Rounds stored before edits existed are revision 0.
    /// </summary>
    public int Revision { get; init; }

    public IReadOnlyList<RoundPin> Pins { get; init; } = [];

    public IReadOnlyList<RoundRemoval> Removed { get; init; } = [];

    public UserId? EditedBy { get; init; }

    public DateTimeOffset? EditedAt { get; init; }

    /// <summary>The score of the round as shown: every pair's, pinned ones included.</summary>
    public double TotalScore => Math.Round(Pairs.Sum(p => p.Score), 4);

    /// <summary>When the pairs were last worked out: the preview or the latest edit.</summary>
    public DateTimeOffset SolvedAt => EditedAt ?? PreparedAt;

    /// <summary>What the preview and the dashboard count: unmatched learners by reason, from the solver's output.</summary>
    public RoundCounts Counts => new(
        Pairs.Count,
        Unmatched.Count,
        Unmatched.Count(u => u.Reason == UnmatchedReason.MentorsTaken),
        Unmatched.Count(u => u.Reason == UnmatchedReason.NoEligibleMentor),
        Unmatched.Count(u => u.Reason is UnmatchedReason.LearnerNotFound or UnmatchedReason.DuplicateRequest),
        UnusedMentors.Count);

    public RequestId RequestIdFor(RoundPair pair)
    {
        var key = string.Join('\n', Id.Value, pair.Learner.AadObjectId, pair.Skill.Value);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return RequestId.New(new Guid(hash.AsSpan(0, 16)));
    }
}

/// <param name="AllHelpersTaken">Learners whose every eligible colleague is full (or already pairs with them) after the round.</param>
/// <param name="NobodyEligible">Learners nobody in the round can help (skill gap, reporting line, places, availability…).</param>
/// <param name="Other">Duplicate requests and learners without a profile.</param>
public sealed record RoundCounts(int Pairs, int Unmatched, int AllHelpersTaken, int NobodyEligible, int Other, int UnusedMentors);
