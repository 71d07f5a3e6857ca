using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.CheckIns;

/// <summary>
/// One person's answer to the end-of-period survey: how it went (1–5), one highlight, and whether they chose to go on.
/// Private like all feedback: owners see it only in aggregates.
/// </summary>
public sealed record PeriodReview(MentorshipId MentorshipId, UserId From, int? Rating, string? Highlight, bool Continued, DateTimeOffset At)
{
    public static int MaxHighlightLength => TextLimits.MaxLength(FreeTextField.PeriodHighlight);
}
