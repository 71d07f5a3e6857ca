using System.Security.Cryptography;
using System.Text;
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
/// <param name="Reasons">The strongest factors, worded for the owner ("their", not "your").</param>
public sealed record RoundPair(UserId Learner, UserId Mentor, SkillId Skill, double Score, IReadOnlyList<string> Reasons);

/// <summary>A learner the round could not pair, and why (worded for the owner).</summary>
public sealed record RoundUnmatched(UserId Learner, SkillId Skill, UnmatchedReason Reason, string Text);

public sealed record RoundUnusedMentor(UserId Mentor, int FreePlaces, UnusedMentorReason Reason);

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
    DateTimeOffset? PublishedAt = null)
{
    public RequestId RequestIdFor(RoundPair pair)
    {
        var key = string.Join('\n', Id.Value, pair.Learner.AadObjectId, pair.Skill.Value);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return RequestId.New(new Guid(hash.AsSpan(0, 16)));
    }
}
