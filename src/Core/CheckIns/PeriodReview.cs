using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.CheckIns;

/// <summary>
/// One person's answer to the end-of-period survey: how it went (1–5), one highlight, and whether they chose to go on.
/// Private like all feedback: owners see it only in aggregates.
/// </summary>
public sealed record PeriodReview(MentorshipId MentorshipId, UserId From, int? Rating, string? Highlight, bool Continued, DateTimeOffset At)
{
    /// <summary>
    /// The learner's answer to "where are you now with this skill?" (decision 0461); null for the other person, for
    /// anyone who skipped it and for reviews from before the question.
    /// </summary>
    public Skills.SkillLevel? LevelNow { get; init; }

    /// <summary>Where the learner said they started, from their profile when they answered.</summary>
    public Skills.SkillLevel? LevelBefore { get; init; }

    /// <summary>The level the learner aimed for, from their profile when they answered.</summary>
    public Skills.SkillLevel? LevelTarget { get; init; }

    public static int MaxHighlightLength => TextLimits.MaxLength(FreeTextField.PeriodHighlight);
}
