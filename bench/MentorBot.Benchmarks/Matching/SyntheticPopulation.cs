using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using NodaTime;

namespace MentorBot.Benchmarks.Matching;

/// <summary>
/// A seeded, realistic company: a management tree a few levels deep, departments that mostly follow the tree,
/// offices on five continents (teams mostly share a region), juniors who offer reverse-mentoring skills with a
/// long-tail popularity (everyone knows generative AI, few know accessibility), seniors who want them and offer
/// business skills back, some load, pauses, opt-outs and history.
/// </summary>
internal sealed class SyntheticPopulation
{
    private static readonly string[] Departments =
        ["Sales", "Marketing", "Finance", "HR", "Legal", "Engineering", "Product", "Operations", "Customer Service", "IT", "Supply Chain", "Communications"];

    private static readonly (string Zone, string Language)[][] Regions =
    [
        [("Europe/Stockholm", "sv"), ("Europe/London", "en"), ("Europe/Berlin", "de"), ("Europe/Madrid", "es"), ("Europe/Warsaw", "pl")],
        [("America/New_York", "en"), ("America/Chicago", "en"), ("America/Los_Angeles", "en"), ("America/Sao_Paulo", "pt"), ("America/Toronto", "fr")],
        [("Asia/Kolkata", "hi"), ("Asia/Singapore", "en"), ("Asia/Tokyo", "ja"), ("Australia/Sydney", "en"), ("Asia/Shanghai", "zh")],
        [("Africa/Johannesburg", "en"), ("Africa/Lagos", "en")],
    ];

    private static readonly double[] RegionWeights = [0.40, 0.30, 0.25, 0.05];

    public static readonly DateTimeOffset AsOf = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);

    private SyntheticPopulation(MatchingSnapshot snapshot, IReadOnlyList<MatchRequest> requests)
    {
        Snapshot = snapshot;
        Requests = requests;
    }

    public MatchingSnapshot Snapshot { get; }

    /// <summary>One request per senior who wants something (their first wanted skill), in id order.</summary>
    public IReadOnlyList<MatchRequest> Requests { get; }

    /// <summary>A program round: <paramref name="size"/> seniors' requests × <paramref name="size"/> mentors (juniors first).</summary>
    public CohortRound Round(int size) =>
        new([.. Requests.Take(size).Select(r => new CohortRequest(r.Learner, r.Skill))])
        {
            Mentors = Snapshot.Profiles
                .Where(p => p.CanTeach && p.Capacity > 0)
                .OrderBy(p => p.Level.Value)
                .ThenBy(p => p.Id.AadObjectId, StringComparer.Ordinal)
                .Take(size)
                .Select(p => p.Id)
                .ToHashSet(),
        };

    /// <summary>
    /// <paramref name="learners"/> seniors (each with their first wanted skill, or every wanted skill) ×
    /// <paramref name="mentors"/> mentors (juniors first).
    /// </summary>
    public CohortRound Round(int learners, int mentors, bool allWants) =>
        new([.. Snapshot.Profiles
            .Where(p => p.CanLearn && p.Wants.Count > 0 && p.Level.Value >= 7)
            .OrderBy(p => p.Id.AadObjectId, StringComparer.Ordinal)
            .Take(learners)
            .SelectMany(p => (allWants ? p.Wants : p.Wants.Take(1)).Select(w => new CohortRequest(p.Id, w.Skill)))])
        {
            Mentors = Snapshot.Profiles
                .Where(p => p.CanTeach && p.Capacity > 0)
                .OrderBy(p => p.Level.Value)
                .ThenBy(p => p.Id.AadObjectId, StringComparer.Ordinal)
                .Take(mentors)
                .Select(p => p.Id)
                .ToHashSet(),
        };

    public static SyntheticPopulation Create(int people, int seed)
    {
        var random = new Random(seed);
        var catalog = SkillCatalog.Default;
        var reverse = catalog.Skills.Where(s => s.Direction != SkillDirection.TeachBack).Select(s => s.Id).ToArray();
        var teachBack = catalog.Skills.Where(s => s.Direction != SkillDirection.Reverse).Select(s => s.Id).ToArray();

        // Career levels: half juniors (1–3), a fifth in the middle, the rest senior (7–12); sorted so that
        // everyone's manager comes before them and is at least as senior.
        var levels = Enumerable.Range(0, people)
            .Select(_ => random.NextDouble() switch
            {
                < 0.5 => random.Next(1, 4),
                < 0.7 => random.Next(4, 7),
                _ => random.Next(7, 13),
            })
            .OrderByDescending(l => l)
            .ToArray();
        var ids = Enumerable.Range(0, people).Select(i => new UserId(GuidFor(seed, i))).ToArray();
        var department = new int[people];
        var region = new int[people];
        var profiles = new Profile[people];
        for (var i = 0; i < people; i++)
        {
            var manager = i == 0 ? -1 : random.Next(i / 8, Math.Max(i / 8 + 1, i / 3));
            department[i] = manager < 0 || random.NextDouble() < 0.15 ? random.Next(Departments.Length) : department[manager];
            region[i] = manager < 0 || random.NextDouble() < 0.2 ? Pick(random, RegionWeights) : region[manager];
            var (zone, language) = Regions[region[i]][random.Next(Regions[region[i]].Length)];
            var junior = levels[i] <= 3;
            var senior = levels[i] >= 7;
            var role = junior ? (random.NextDouble() < 0.7 ? ProgramRole.Teach : ProgramRole.Both)
                : senior ? (random.NextDouble() < 0.6 ? ProgramRole.Learn : ProgramRole.Both)
                : ProgramRole.Both;

            var offered = junior || !senior && random.NextDouble() < 0.5
                ? Zipf(random, reverse, random.Next(2, 5)).Select(s => new OfferedSkill(s, (SkillLevel)random.Next(2, 5)))
                : Zipf(random, teachBack, random.Next(2, 4)).Select(s => new OfferedSkill(s, (SkillLevel)random.Next(3, 5)));
            var offers = offered.ToList();
            var wanted = senior
                ? Zipf(random, reverse, random.Next(1, 4))
                : Zipf(random, teachBack, random.Next(1, 3));
            var wants = wanted.Where(s => offers.All(o => o.Skill != s))
                .Select(s => new WantedSkill(s, (SkillLevel)random.Next(0, 3), SkillLevel.Practitioner))
                .ToList();
            var participation = random.NextDouble() switch
            {
                < 0.04 => Participation.OptedOut,
                < 0.08 => Participation.PausedUntilDate(AsOf.AddDays(random.Next(-20, 40))),
                _ => Participation.Active,
            };
            var start = random.Next(7, 11);
            profiles[i] = new Profile(
                ids[i],
                $"Person {i}",
                $"person{i}@contoso.com",
                Departments[department[i]],
                manager < 0 ? null : ids[manager],
                new CareerLevel(levels[i]),
                zone,
                WorkingHours.Default with { Start = new LocalTime(start, 0), End = new LocalTime(start + 8, 0) },
                language == "en" ? ["en"] : [language, "en"],
                role == ProgramRole.Learn ? 0 : random.Next(1, 4),
                participation,
                role,
                offers,
                wants);
        }

        var teachers = profiles.Where(p => p.CanTeach && p.Capacity > 0).ToArray();
        var active = new List<ActiveMentorship>();
        var ended = new List<EndedPairing>();
        var offersOpen = new List<OpenOffer>();
        foreach (var teacher in teachers)
        {
            if (random.NextDouble() < 0.15)
            {
                active.Add(new ActiveMentorship(teacher.Id, ids[random.Next(people)], teacher.Offers[0].Skill));
            }

            if (random.NextDouble() < 0.10)
            {
                ended.Add(new EndedPairing(teacher.Id, ids[random.Next(people)], teacher.Offers[0].Skill, AsOf.AddDays(-random.Next(1, 365))));
            }

            if (random.NextDouble() < 0.05)
            {
                offersOpen.Add(new OpenOffer(ids[random.Next(people)], teacher.Id, teacher.Offers[0].Skill));
            }
        }

        var snapshot = new MatchingSnapshot(AsOf, profiles)
        {
            ActiveMentorships = active,
            EndedPairings = ended,
            OpenOffers = offersOpen,
            RecentOfferCounts = teachers.Where(_ => random.NextDouble() < 0.2).ToDictionary(t => t.Id, _ => random.Next(1, 6)),
        };
        var requests = profiles
            .Where(p => p.CanLearn && p.Wants.Count > 0 && p.Level.Value >= 7)
            .OrderBy(p => p.Id.AadObjectId, StringComparer.Ordinal)
            .Select(p => new MatchRequest(p.Id, p.Wants[0].Skill))
            .ToArray();
        return new SyntheticPopulation(snapshot, requests);
    }

    private static string GuidFor(int seed, int i) => new Guid((uint)seed, (ushort)(i >> 16), (ushort)i, 0, 0, 0, 0, 0, 0, 0, 0).ToString();

    private static int Pick(Random random, double[] weights)
    {
        var roll = random.NextDouble();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    // Zipf-like: skill k is chosen with weight 1/(k+1), so popularity has a long tail.
    private static List<SkillId> Zipf(Random random, SkillId[] skills, int count)
    {
        var chosen = new HashSet<SkillId>();
        var total = 0.0;
        for (var k = 0; k < skills.Length; k++)
        {
            total += 1.0 / (k + 1);
        }

        while (chosen.Count < Math.Min(count, skills.Length))
        {
            var roll = random.NextDouble() * total;
            for (var k = 0; k < skills.Length; k++)
            {
                roll -= 1.0 / (k + 1);
                if (roll <= 0)
                {
                    chosen.Add(skills[k]);
                    break;
                }
            }
        }

        return [.. chosen];
    }
}
