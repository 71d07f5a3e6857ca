using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Matching;

/// <summary>A running mentorship: <paramref name="Mentor"/> helps <paramref name="Learner"/> with <paramref name="Skill"/>.</summary>
public sealed record ActiveMentorship(UserId Mentor, UserId Learner, SkillId Skill);

/// <summary>A request of <paramref name="Learner"/> offered to <paramref name="Candidate"/> and not answered yet.</summary>
public sealed record OpenOffer(UserId Learner, UserId Candidate, SkillId Skill);

/// <summary>A mentorship that has ended; used so the same two people are not paired again right away.</summary>
public sealed record EndedPairing(UserId Mentor, UserId Learner, SkillId Skill, DateTimeOffset EndedAt);

/// <summary>
/// Everything matching needs, as plain data, at one moment (<paramref name="AsOf"/>: pauses end, cooldowns run and
/// the reference week for shared working hours is the ISO week containing it). Services map their aggregates into it.
/// </summary>
public sealed record MatchingSnapshot(DateTimeOffset AsOf, IReadOnlyList<Profile> Profiles)
{
    public IReadOnlyList<ActiveMentorship> ActiveMentorships { get; init; } = [];

    public IReadOnlyList<OpenOffer> OpenOffers { get; init; } = [];

    /// <summary>Pairings that ended; older than <see cref="MatchingOptions.RepeatCooldown"/> they only lower the "new connection" factor.</summary>
    public IReadOnlyList<EndedPairing> EndedPairings { get; init; } = [];

    /// <summary>How many offers each person received recently (the window is the caller's choice, e.g. 30 days).</summary>
    public IReadOnlyDictionary<UserId, int> RecentOfferCounts { get; init; } = new Dictionary<UserId, int>();
}

/// <summary>
/// A learner asks for help with one skill. <paramref name="AllowRepeat"/> is set when they ask for a previous
/// partner again; <paramref name="Goal"/> is their own words, carried through for cards (not scored).
/// </summary>
public sealed record MatchRequest(UserId Learner, SkillId Skill, string? Goal = null, bool AllowRepeat = false);
