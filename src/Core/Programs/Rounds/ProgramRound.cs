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
}

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
