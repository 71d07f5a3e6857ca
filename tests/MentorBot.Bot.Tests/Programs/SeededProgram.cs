using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using NodaTime;
using MentorBot.Core;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// One program seeded through the real store ports, with numbers worked out by hand (now = Mon 23 Nov 2026 09:00 UTC,
/// ISO week 2026-W48; W45 starts 2 Nov, W46 9 Nov, W47 16 Nov):
/// <list type="bullet">
/// <item>Six active pairs S1–J1 … S6–J6 (12 people), all started Mon 2 Nov 09:00; S1–S5 learn power-bi, S6 short-form-video.</item>
/// <item>Check-ins: pairs 1–3 held W46 (9 Nov 10:00) and W47 (16 Nov 10:00); pairs 4–6 missed W46 and held W47;
///   pair 1 also has one scheduled for 30 Nov (not counted yet). W46 = 3 held of 6, W47 = 6 of 6. First meetings:
///   7 d 1 h for pairs 1–3, 14 d 1 h for 4–6, median (3rd + 4th) / 2 = 10.5 days.</item>
/// <item>Ratings after the W46 meetings of pairs 1–3 from all six people: 5, 4, 4, 5, 3, 3 → November mean 4.00.</item>
/// <item>Requests: six matched (S1–S6), and two searching ones for negotiation by U1 and U2, consented seniors without a
///   pair. Matched 6; Searching hidden (2 seniors); top skills power-bi 5, then hidden negotiation and short-form-video.</item>
/// <item>Nobody offers negotiation: J1–J5 want it in their profiles, U1 and U2 ask for it → 7 people. U1 also wants
///   storytelling → 1 person, hidden. People without a pair: U1, U2 → hidden.</item>
/// </list>
/// </summary>
public static class SeededProgram
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    public static readonly ProgramId Id = new("p-leadership");
    public static readonly UserId Owner = Person(900);
    public static readonly UserId Stranger = Person(901);
    public static readonly SkillId PowerBi = new("power-bi");
    public static readonly SkillId Video = new("short-form-video");
    public static readonly SkillId Stakeholders = new("stakeholder-management");
    public static readonly SkillId Negotiation = new("negotiation");
    public static readonly SkillId Storytelling = new("storytelling");

    private static readonly CancellationToken None = CancellationToken.None;

    public static UserId Person(int n) => new($"0b7e5f4a-0000-4000-8000-{n:D12}");

    public static UserId S(int n) => Person(100 + n);

    public static UserId J(int n) => Person(200 + n);

    public static UserId U(int n) => Person(300 + n);

    public static MentoringProgram Program(ProgramId id, string name, params UserId[] owners) => new(
        id,
        name,
        new ProgramGoals("The leadership team learns data and short video from younger colleagues.", [PowerBi, Video]),
        new CohortDates(new LocalDate(2026, 9, 1), new LocalDate(2027, 6, 30)),
        new MeetingDefaults(1, TimeSpan.FromMinutes(45)),
        MentoringProgram.DefaultReOfferWindow,
        owners);

    /// <param name="now">A Monday 09:00 UTC; everything is placed relative to it (the numbers above are for <see cref="Now"/>,
    /// and only the week and month labels change with another Monday).</param>
    public static async Task SeedAsync(
        IProgramStore programs, IEnrolmentStore enrolments, IProfileStore profiles, IRequestStore requests, ICheckInStore checkIns,
        DateTimeOffset? now = null)
    {
        var today = now ?? Now;
        var started = today.AddDays(-21);
        var week46 = started.AddDays(7).AddHours(1);
        var week47 = started.AddDays(14).AddHours(1);
        await programs.InsertAsync(Program(Id, "Leadership learns data and video", Owner), None);

        for (var n = 1; n <= 6; n++)
        {
            await JoinAsync(enrolments, profiles, started, Senior(S(n), $"Senior {n}", [Stakeholders], [n <= 5 ? PowerBi : Video], capacity: 1));
            await JoinAsync(enrolments, profiles, started, Junior(J(n), $"Junior {n}", n <= 5 ? [Stakeholders, Negotiation] : [Stakeholders]));
        }

        await JoinAsync(enrolments, profiles, started, Senior(U(1), "Una Unpaired", [Stakeholders], [Negotiation, Storytelling], capacity: 1));
        await JoinAsync(enrolments, profiles, started, Senior(U(2), "Ulf Unpaired", [Stakeholders], [Negotiation], capacity: 1));

        var ratings = new[] { (5, 4), (4, 5), (3, 3) };
        for (var n = 1; n <= 6; n++)
        {
            var pair = await PairAsync(requests, n, n <= 5 ? PowerBi : Video, started);
            if (n <= 3)
            {
                var held = await InsertAsync(checkIns, pair, 1, week46, CheckInStatus.Held);
                var etag = await checkIns.RecordFeedbackAsync(held.Value, held.ETag, Rating(pair, held.Value, pair.Senior, ratings[n - 1].Item1), None);
                await checkIns.RecordFeedbackAsync(held.Value, etag, Rating(pair, held.Value, pair.Junior, ratings[n - 1].Item2), None);
            }
            else
            {
                await InsertAsync(checkIns, pair, 1, week46, CheckInStatus.Missed);
            }

            await InsertAsync(checkIns, pair, 2, week47, CheckInStatus.Held);
            if (n == 1)
            {
                await InsertAsync(checkIns, pair, 3, week47.AddDays(14), CheckInStatus.Scheduled);
            }
        }

        foreach (var (senior, i) in new[] { (U(1), 1), (U(2), 2) })
        {
            await requests.InsertAsync(MentoringRequest.Create(new RequestId($"r-open-{i}"), senior, Negotiation, null, default, default, today.AddDays(-3)), None);
        }
    }

    public static Profile Senior(UserId id, string name, IReadOnlyList<SkillId> offers, IReadOnlyList<SkillId> wants, int capacity) => new(
        id, name, $"{id.AadObjectId[^3..]}@contoso.example", "Leadership", null, new CareerLevel(14), "Europe/London", WorkingHours.Default, ["en"],
        capacity, Participation.Active, ProgramRole.Both,
        [.. offers.Select(s => new OfferedSkill(s, SkillLevel.Expert))],
        [.. wants.Select(s => new WantedSkill(s, SkillLevel.None, SkillLevel.Working))]);

    public static Profile Junior(UserId id, string name, IReadOnlyList<SkillId> wants) => new(
        id, name, $"{id.AadObjectId[^3..]}@contoso.example", "Digital", null, new CareerLevel(2), "Europe/Berlin", WorkingHours.Default, ["en"],
        2, Participation.Active, ProgramRole.Both,
        [new OfferedSkill(PowerBi, SkillLevel.Expert), new OfferedSkill(Video, SkillLevel.Expert)],
        [.. wants.Select(s => new WantedSkill(s, SkillLevel.None, SkillLevel.Working))]);

    public static async Task JoinAsync(IEnrolmentStore enrolments, IProfileStore profiles, DateTimeOffset started, Profile profile)
    {
        await profiles.InsertAsync(profile, None);
        await enrolments.InsertAsync(Enrolment.SelfEnrol(Id, profile.Id, started.AddDays(-20)), None);
    }

    private static async Task<Mentorship> PairAsync(IRequestStore requests, int n, SkillId skill, DateTimeOffset started)
    {
        var request = MentoringRequest.Create(new RequestId($"r-{n}"), S(n), skill, null, default, default, started.AddDays(-1));
        var etag = await requests.InsertAsync(request, None);
        var mentorship = Mentorship.Start(
            new MentorshipId($"m-{n}"), S(n), J(n), skill, Id, started, started.AddMonths(6),
            new Cadence(TimeSpan.FromDays(7), TimeSpan.FromMinutes(45))).Unwrap();
        await requests.ReplaceAndStartMentorshipAsync(request with { Status = RequestStatus.Matched, MatchedWith = J(n), ClosedAt = started }, etag, mentorship, None);
        return mentorship;
    }

    private static async Task<Versioned<CheckIn>> InsertAsync(ICheckInStore store, Mentorship pair, int number, DateTimeOffset at, CheckInStatus status)
    {
        var slot = new TimeSlot(at, at.AddMinutes(45));
        var checkIn = new CheckIn(
            new CheckInId($"{pair.Id.Value}-c{number}"), pair.Id, number, status, [slot], new ScheduledMeeting(slot), 0, [], [], null, null, null,
            at.AddDays(-5), status is CheckInStatus.Held or CheckInStatus.Missed ? at.AddHours(1) : null);
        var etag = await store.InsertAsync(checkIn, None);
        return new Versioned<CheckIn>(checkIn, etag);
    }

    private static CheckInFeedback Rating(Mentorship pair, CheckIn checkIn, UserId from, int rating) =>
        new(pair.Id, checkIn.Id, from, true, rating, null, null, null, checkIn.Meeting!.Slot.End.AddHours(2));
}
