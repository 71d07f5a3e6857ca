using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Programs.Reporting.Outcomes;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Programs.Reporting;

/// <summary>
/// A hand-worked program for the outcome numbers (issue 18). Day 0 is Tue 1 Sep 2026 09:00 UTC; now is day 98
/// (8 Dec 2026, 14 weeks later). Eight pairs, senior Si learns from junior Ji:
/// <code>
///  pair skill     start  held check-ins (day)          not held
///  P1   power-bi   0     5, 19, 33, 61, 89              —
///  P2   power-bi   0     10, 24                         38
///  P3   power-bi   7     14, 42, 70, 84                 —
///  P4   power-bi  14     26                             54
///  P5   gen-ai    42     44, 58, 86                     —
///  P6   gen-ai    84     —                              90
///  P7   power-bi   0     3, 17, 31, 45, 59, 73, 87      —
///  P8   power-bi   0     7, 21, 35, 49                  63
/// </code>
/// P1 also has a check-in held on day 103, after now: never counted.
/// </summary>
internal static class OutcomeSeed
{
    public static readonly DateTimeOffset Day0 = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = Day0.AddDays(98);
    public static readonly SkillId PowerBi = new("power-bi");
    public static readonly SkillId GenAi = new("generative-ai");
    public const string SecretNote = "Only we two wrote this on gen-ai";

    public static UserId S(int i) => new($"senior-{i}");

    public static UserId J(int i) => new($"junior-{i}");

    public static UserId K(int i) => new($"colleague-{i}");

    public static MentorshipId P(int i) => new($"pair-{i}");

    private static DateTimeOffset D(double day) => Day0.AddDays(day);

    public static OutcomeFacts Build()
    {
        (int Pair, SkillId Skill, int Start, int[] Held, int[] Missed)[] plan =
        [
            (1, PowerBi, 0, [5, 19, 33, 61, 89, 103], []),
            (2, PowerBi, 0, [10, 24], [38]),
            (3, PowerBi, 7, [14, 42, 70, 84], []),
            (4, PowerBi, 14, [26], [54]),
            (5, GenAi, 42, [44, 58, 86], []),
            (6, GenAi, 84, [], [90]),
            (7, PowerBi, 0, [3, 17, 31, 45, 59, 73, 87], []),
            (8, PowerBi, 0, [7, 21, 35, 49], [63]),
        ];
        var pairings = plan.Select(p => new PairingRow(P(p.Pair), S(p.Pair), $"Senior {p.Pair}", J(p.Pair), $"Junior {p.Pair}", p.Skill, D(p.Start), PairingState.Active)).ToList();
        var checkIns = plan.SelectMany(p => p.Held.Select(d => new CheckInRow(P(p.Pair), D(d), true)).Concat(p.Missed.Select(d => new CheckInRow(P(p.Pair), D(d), false)))).ToList();

        // Ratings after check-ins: power-bi by S1, J1, S2, J3, S4, S7, J8 (7 raters); gen-ai by S5 twice and J5 (2 raters).
        // S6's gen-ai rating on day 100 is after now.
        List<FeedbackRow> feedback =
        [
            new(P(1), S(1), PowerBi, 5, D(6)), new(P(1), J(1), PowerBi, 4, D(6)), new(P(2), S(2), PowerBi, 3, D(11)),
            new(P(3), J(3), PowerBi, 4, D(15)), new(P(4), S(4), PowerBi, 2, D(27)), new(P(7), S(7), PowerBi, 5, D(4)),
            new(P(8), J(8), PowerBi, 4, D(8)),
            new(P(5), S(5), GenAi, 3, D(45)), new(P(5), S(5), GenAi, 4, D(59)), new(P(5), J(5), GenAi, 4, D(45)),
            new(P(6), S(6), GenAi, 5, D(100)),
        ];
        var activity = new ProgramActivity(new ProgramId("pilot"), pairings, checkIns, feedback, [], []);

        // Thank-yous: S1→J1 three times, S3→J3, S5→J5, S7→J7 twice, S8→J8; S2's on day 99 is after now.
        List<ThanksRow> thanks =
        [
            new(P(1), S(1), J(1), D(6)), new(P(1), S(1), J(1), D(20)), new(P(1), S(1), J(1), D(34)),
            new(P(3), S(3), J(3), D(15)), new(P(5), S(5), J(5), D(45)), new(P(7), S(7), J(7), D(4)),
            new(P(7), S(7), J(7), D(18)), new(P(8), S(8), J(8), D(8)), new(P(2), S(2), J(2), D(99)),
        ];

        // End-of-term answers (started, target, now). S1 answered twice: the later one counts. J1's answer is not a
        // learner's. S5 is the only gen-ai learner who answered.
        List<TermReviewRow> reviews =
        [
            new(P(1), S(1), PowerBi, 5, SkillLevel.Aware, SkillLevel.Practitioner, SkillLevel.Working, D(40)),
            new(P(1), S(1), PowerBi, 5, SkillLevel.Aware, SkillLevel.Practitioner, SkillLevel.Practitioner, D(90)),
            new(P(1), J(1), PowerBi, 4, SkillLevel.Aware, SkillLevel.Working, SkillLevel.Expert, D(90)),
            new(P(2), S(2), PowerBi, 3, SkillLevel.Aware, SkillLevel.Practitioner, SkillLevel.Practitioner, D(90)),
            new(P(3), S(3), PowerBi, 4, SkillLevel.None, SkillLevel.Working, SkillLevel.Working, D(91)),
            new(P(4), S(4), PowerBi, 2, SkillLevel.Aware, SkillLevel.Working, SkillLevel.Aware, D(91)),
            new(P(7), S(7), PowerBi, 5, SkillLevel.Working, SkillLevel.Expert, SkillLevel.Expert, D(92)),
            new(P(8), S(8), PowerBi, 4, SkillLevel.Aware, SkillLevel.Working, SkillLevel.Practitioner, D(92)),
            new(P(5), S(5), GenAi, 4, SkillLevel.Aware, SkillLevel.Working, SkillLevel.Working, D(92)),
        ];

        // Offers: J1–J8 accepted; K1–K5 declined with a note; K6, K7 declined without; K1, K8, K9 never answered.
        var offers = Enumerable.Range(1, 8).Select(i => new OfferRow(S(i), J(i), OfferStatus.Accepted, false, D(0)))
            .Concat(Enumerable.Range(1, 5).Select(i => new OfferRow(S(1), K(i), OfferStatus.Declined, true, D(0))))
            .Concat([new OfferRow(S(2), K(6), OfferStatus.Declined, false, D(0)), new OfferRow(S(2), K(7), OfferStatus.Declined, false, D(0))])
            .Concat(new[] { 1, 8, 9 }.Select(i => new OfferRow(S(3), K(i), OfferStatus.Expired, false, D(0))))
            .ToList();

        // Shared notes: power-bi from P1, P3, P7 (6 people); gen-ai from P5 only (2 people).
        List<SharedNoteRow> notes =
        [
            new(P(1), PowerBi, "We built a first dashboard together", D(5)),
            new(P(3), PowerBi, "Learned how the budget cycle works", D(14)),
            new(P(7), PowerBi, "Taught pivot tables; learned stakeholder mapping", D(3)),
            new(P(5), GenAi, SecretNote, D(44)),
        ];
        return new OutcomeFacts(activity, thanks, reviews, offers, notes);
    }
}
