using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using NodaTime;

namespace MentorBot.Core.Tests.Programs;

internal static class ProgramBuilder
{
    public static readonly UserId Owner = new("0wner000-0000-0000-0000-000000000001");

    public static MentoringProgram Valid() => new(
        new ProgramId("p-leadership-2026"),
        "Leadership learns short video",
        new ProgramGoals("The leadership team learns how our younger customers use TikTok.", [new SkillId("tiktok"), new SkillId("genai")]),
        new CohortDates(new LocalDate(2026, 3, 1), new LocalDate(2026, 8, 31)),
        new MeetingDefaults(EveryWeeks: 2, Length: TimeSpan.FromMinutes(45)),
        MentoringProgram.DefaultReOfferWindow,
        [Owner]);
}
