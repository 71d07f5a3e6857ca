using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Programs;

/// <summary>
/// A small program whose numbers were worked out by hand (see <see cref="ProgramDashboardTests"/>). ISO weeks of
/// 2026: Mon 2 March starts W10, 9 March W11, 16 March W12, 23 March W13, 30 March W14.
/// </summary>
internal static class SeededActivity
{
    public static readonly DateTimeOffset Now = At(4, 15, 12);

    public static readonly SkillId PowerBi = new("power-bi");
    public static readonly SkillId TikTok = new("tiktok");
    public static readonly SkillId Excel = new("excel");
    public static readonly SkillId GenAi = new("genai");
    public static readonly SkillId Storytelling = new("storytelling");

    public static UserId S(int n) => new($"senior-{n}");

    public static UserId J(int n) => new($"junior-{n}");

    public static MentorshipId P(int n) => new($"m-{n}");

    public static DateTimeOffset At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    public static ProgramActivity Build() => new(
        new ProgramId("p-1"),
        [
            Pairing(1, PowerBi, At(3, 2, 9), PairingState.Active),
            Pairing(2, PowerBi, At(3, 2, 9), PairingState.Active),
            Pairing(3, TikTok, At(3, 3, 9), PairingState.Active),
            Pairing(4, TikTok, At(3, 4, 9), PairingState.Paused),
            Pairing(5, Excel, At(3, 5, 9), PairingState.Ended),
            Pairing(6, Excel, At(4, 20, 9), PairingState.Active), // starts after "now": not counted yet
        ],
        [
            new(P(1), At(3, 5, 10), Held: true),
            new(P(1), At(3, 19, 10), Held: true),
            new(P(1), At(4, 2, 10), Held: false),
            new(P(1), At(4, 16, 10), Held: false), // after now
            new(P(2), At(3, 9, 10), Held: true),
            new(P(2), At(3, 23, 10), Held: false),
            new(P(3), At(3, 10, 10), Held: false),
            new(P(3), At(3, 12, 10), Held: true),
            new(P(4), At(3, 6, 10), Held: true),
            new(P(5), At(3, 11, 10), Held: true),
        ],
        [
            Rating(S(1), PowerBi, 5, At(3, 20, 9)),
            Rating(J(1), PowerBi, 4, At(3, 20, 9)),
            Rating(S(2), PowerBi, 3, At(3, 21, 9)),
            Rating(J(2), PowerBi, 4, At(3, 22, 9)),
            Rating(S(3), TikTok, 2, At(3, 23, 9)),
            Rating(S(1), PowerBi, 5, At(4, 3, 9)),
            Rating(S(1), PowerBi, 3, At(4, 10, 9)),
            Rating(J(3), TikTok, 4, At(4, 4, 9)),
            Rating(S(4), TikTok, 2, At(4, 5, 9)),
            Rating(J(4), TikTok, 4, At(4, 6, 9)),
            Rating(J(5), Excel, 1, At(4, 20, 9)), // after now
        ],
        [
            Request(1, S(1), PowerBi, RequestStatus.Matched),
            Request(2, S(2), PowerBi, RequestStatus.Matched),
            Request(3, S(3), TikTok, RequestStatus.Matched),
            Request(4, S(4), TikTok, RequestStatus.Matched),
            Request(5, S(5), Excel, RequestStatus.Matched),
            Request(6, S(6), GenAi, RequestStatus.Searching),
            Request(7, S(7), GenAi, RequestStatus.NoCandidates),
            Request(8, S(8), PowerBi, RequestStatus.Withdrawn),
            Request(9, S(9), GenAi, RequestStatus.Offered),
            Request(10, S(10), GenAi, RequestStatus.Searching),
            Request(11, S(11), GenAi, RequestStatus.Searching),
        ],
        [
            Participant(S(1), wants: [PowerBi]),
            Participant(S(2)),
            Participant(S(3)),
            Participant(S(4)),
            Participant(S(5)),
            Participant(S(6), wants: [GenAi]),
            Participant(S(7)),
            Participant(S(9)),
            Participant(S(10)),
            Participant(S(11)),
            Participant(S(12), wants: [Storytelling]),
            Participant(J(1), offers: [PowerBi], available: false),
            Participant(J(2), offers: [PowerBi]),
            Participant(J(3), offers: [TikTok]),
            Participant(J(4), offers: [TikTok]),
            Participant(J(5)),
            Participant(J(6), offers: [Excel]),
        ]);

    public static PairingRow Pairing(int n, SkillId skill, DateTimeOffset started, PairingState state) =>
        new(P(n), S(n), $"Senior {n}", J(n), $"Junior {n}", skill, started, state);

    public static FeedbackRow Rating(UserId from, SkillId skill, int rating, DateTimeOffset at) =>
        new(P(0), from, skill, rating, at);

    private static RequestRow Request(int n, UserId senior, SkillId skill, RequestStatus status) =>
        new(new RequestId($"r-{n}"), senior, skill, status, At(3, 1, 9).AddHours(n));

    public static ParticipantRow Participant(UserId person, SkillId[]? offers = null, SkillId[]? wants = null, bool available = true) =>
        new(person, available, offers ?? [], wants ?? []);
}
