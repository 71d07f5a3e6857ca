using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Import;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core;

namespace MentorBot.Benchmarks;

/// <summary>An owner's biggest allowed upload (10,000 people) and a dashboard over a year of a large program.</summary>
[MemoryDiagnoser]
public class ProgramsBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 12, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Skills = ["power-bi", "tiktok", "excel", "genai", "stakeholder-management"];

    private byte[] _csv = [];
    private ProgramActivity _activity = null!;
    private ParticipantCsvImport _import = null!;

    [GlobalSetup]
    public void Setup()
    {
        var csv = new StringBuilder(ParticipantCsvImport.TemplateHeader).Append('\n');
        for (var i = 1; i <= 10_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"Person {i},p{i}@contoso.com,{new Guid(i, 0, 0, new byte[8]):D},\"Sales, EMEA\",,{1 + (i % 12)},W. Europe Standard Time,\"{Skills[i % 5]}:4; {Skills[(i + 1) % 5]}:3\",{Skills[(i + 2) % 5]}:1>3,both,2,\"en; de\"\n");
        }

        _csv = Encoding.UTF8.GetBytes(csv.ToString());
        _import = new ParticipantCsvImport(new SlugLookup());

        // Measure the path owners hope for: a clean file. A rejected one would stop early and look fast.
        if (DryRunTenThousandPeople() is not ImportOutcome.Ready { Participants.Count: 10_000 })
        {
            throw new InvalidOperationException("The benchmark file must import cleanly.");
        }

        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var pairings = Enumerable.Range(0, 5_000).Select(i => new PairingRow(
            new MentorshipId($"m-{i}"), new UserId($"s-{i}"), $"Senior {i}", new UserId($"j-{i}"), $"Junior {i}",
            new SkillId(Skills[i % 5]), start.AddHours(i), (PairingState)(i % 3))).ToList();
        var checkIns = pairings.SelectMany(p => Enumerable.Range(1, 24).Select(n => new CheckInRow(p.Id, p.StartedAt.AddDays(14 * n), n % 4 != 0))).ToList();
        var feedback = pairings.SelectMany(p => Enumerable.Range(1, 6).Select(n => new FeedbackRow(p.Id, n % 2 == 0 ? p.Senior : p.Junior, p.Skill, 1 + (n % 5), p.StartedAt.AddDays(30 * n)))).ToList();
        var requests = Enumerable.Range(0, 8_000).Select(i => new RequestRow(new RequestId($"r-{i}"), new UserId($"s-{i % 6_000}"), new SkillId(Skills[i % 5]), (RequestStatus)(i % 5), start.AddHours(i))).ToList();
        var participants = pairings.SelectMany(p => new[]
        {
            new ParticipantRow(p.Senior, false, [], [p.Skill]),
            new ParticipantRow(p.Junior, true, [p.Skill], []),
        }).ToList();
        _activity = new ProgramActivity(new ProgramId("p-big"), pairings, checkIns, feedback, requests, participants);
    }

    [Benchmark]
    public ImportOutcome DryRunTenThousandPeople() => _import.DryRun(_csv, new ProgramId("p-big"), KnownPeople.None, Now);

    [Benchmark]
    public DashboardMetrics DashboardFiveThousandPairs() => ProgramDashboard.Compute(_activity, Now);

    private sealed class SlugLookup : ISkillLookup
    {
        public bool TryResolve(string text, out SkillId id)
        {
            id = new SkillId(text.Trim().ToLowerInvariant());
            return Skills.Contains(id.Value);
        }
    }
}
