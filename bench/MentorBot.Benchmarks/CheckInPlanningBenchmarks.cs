using BenchmarkDotNet.Attributes;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using Microsoft.Extensions.Options;
using NodaTime;
using MentorBot.Core;

namespace MentorBot.Benchmarks;

/// <summary>The two hot paths of check-ins: the planner runs for every pair every minute; the slot finder per booking.</summary>
[MemoryDiagnoser]
public class CheckInPlanningBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 2, 18, 10, 0, 0, TimeSpan.Zero);
    private readonly NudgePlanner _planner = new(Options.Create(new CheckInOptions()));
    private NudgeContext _context = null!;
    private SlotSearch _search = null!;

    [GlobalSetup]
    public void Setup()
    {
        var senior = Person("sven", "Europe/Stockholm");
        var junior = Person("nia", "America/New_York");
        var pair = Mentorship.Start(new MentorshipId("m-1"), senior.Id, junior.Id, new SkillId("ai"), null, Start, Start.AddMonths(3), Cadence.Default).Unwrap();
        var checkIns = Enumerable.Range(1, 6).Select(n =>
        {
            var slot = new TimeSlot(Start.AddDays(14 * n), Start.AddDays(14 * n).AddMinutes(30));
            return CheckIn.Propose(new CheckInId($"ci-{n}"), pair, n, [slot], Start).Unwrap().Schedule(slot, "https://teams.microsoft.com/l/x").Unwrap();
        }).ToArray();
        _context = new NudgeContext(pair, checkIns, senior, junior);
        _search = new SlotSearch(senior, junior, Start, TimeSpan.FromMinutes(30), 3, 21, TimeSpan.FromMinutes(30), [new DateOnly(2026, 2, 19)]);
    }

    [Benchmark]
    public int PlanDue() => _planner.PlanDue(_context, Start.AddDays(14).AddHours(-24)).Count;

    [Benchmark]
    public int FindSlots() => SlotFinder.Find(_search).Slots.Count;

    private static Profile Person(string id, string zone) =>
        new(new UserId(id), id, $"{id}@contoso.com", null, null, new CareerLevel(3), zone, WorkingHours.Default, ["en"], 2,
            Participation.Active, ProgramRole.Both, [], []);
}
