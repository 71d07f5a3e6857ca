using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using NodaTime;

namespace MentorBot.Core.Tests.Matching;

/// <summary>Small random worlds with every awkward case mixed in: cycles, pauses, full mentors, repeats.</summary>
internal static class RandomInstances
{
    public static readonly SkillId[] Skills = [new("power-bi"), new("short-form-video"), new("negotiation"), new("generative-ai")];

    private static readonly string[] Zones = ["Europe/Stockholm", "America/New_York", "Asia/Kolkata", "Asia/Tokyo"];
    private static readonly string[] Departments = ["Sales", "Finance", "Marketing"];

    public static (MatchingSnapshot Snapshot, CohortRound Round) Create(int seed, int maxPeople = 14, int maxRequests = 6)
    {
        var random = new Random(seed);
        var now = new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);
        var count = random.Next(3, maxPeople + 1);
        var ids = Enumerable.Range(1, count).Select(ProfileBuilder.Id).ToArray();
        var people = new List<Profile>();
        for (var i = 0; i < count; i++)
        {
            var offers = Skills.Where(_ => random.NextDouble() < 0.5)
                .Select(s => new OfferedSkill(s, (SkillLevel)random.Next(1, 5)))
                .ToList();
            var wants = Skills.Where(s => offers.All(o => o.Skill != s) && random.NextDouble() < 0.4)
                .Select(s => new WantedSkill(s, (SkillLevel)random.Next(0, 3), SkillLevel.Expert))
                .ToList();
            var participation = random.Next(10) switch
            {
                0 => Participation.OptedOut,
                1 => Participation.PausedUntilDate(now.AddDays(random.Next(-5, 5))),
                _ => Participation.Active,
            };
            var manager = random.NextDouble() < 0.6 ? ids[random.Next(count)] : (UserId?)null;
            var start = random.Next(6, 12);
            people.Add(new Profile(
                ids[i],
                $"Person {i + 1}",
                null,
                Departments[random.Next(Departments.Length)],
                manager == ids[i] ? null : manager,
                new CareerLevel(random.Next(1, 10)),
                Zones[random.Next(Zones.Length)],
                WorkingHours.Default with { Start = new LocalTime(start, 0), End = new LocalTime(start + 8, 0) },
                random.NextDouble() < 0.5 ? ["en"] : ["en", "sv"],
                random.Next(0, 3),
                participation,
                (ProgramRole)random.Next(3),
                offers,
                wants));
        }

        UserId Anyone() => ids[random.Next(count)];
        SkillId AnySkill() => Skills[random.Next(Skills.Length)];

        var snapshot = new MatchingSnapshot(now, people)
        {
            ActiveMentorships = [.. Enumerable.Range(0, random.Next(4)).Select(_ => new ActiveMentorship(Anyone(), Anyone(), AnySkill()))],
            OpenOffers = [.. Enumerable.Range(0, random.Next(4)).Select(_ => new OpenOffer(Anyone(), Anyone(), AnySkill()))],
            EndedPairings = [.. Enumerable.Range(0, random.Next(4)).Select(_ => new EndedPairing(Anyone(), Anyone(), AnySkill(), now.AddDays(-random.Next(1, 400))))],
            RecentOfferCounts = ids.Where(_ => random.NextDouble() < 0.3).ToDictionary(id => id, _ => random.Next(1, 6)),
        };

        var requests = Enumerable.Range(0, random.Next(1, maxRequests + 1))
            .Select(_ => new CohortRequest(Anyone(), AnySkill(), AllowRepeat: random.NextDouble() < 0.2))
            .DistinctBy(r => (r.Learner, r.Skill))
            .ToArray();
        return (snapshot, new CohortRound(requests));
    }

    /// <summary>The hard constraints, written again from the issue text without the index: the oracle.</summary>
    public static string? Violation(MatchingSnapshot snapshot, MatchingOptions options, UserId learnerId, UserId mentorId, SkillId skill, bool allowRepeat)
    {
        var learner = snapshot.Profiles.Single(p => p.Id == learnerId);
        var mentor = snapshot.Profiles.Single(p => p.Id == mentorId);
        var mentorLevel = mentor.Offers.FirstOrDefault(o => o.Skill == skill)?.Level ?? SkillLevel.None;
        if (mentorId == learnerId)
        {
            return "self";
        }

        if (mentorLevel == SkillLevel.None)
        {
            return "does not offer the skill";
        }

        if (mentor.Role == ProgramRole.Learn)
        {
            return "not teaching";
        }

        if (!mentor.Participation.IsActiveAt(snapshot.AsOf))
        {
            return "inactive";
        }

        var active = snapshot.ActiveMentorships.Count(m => m.Mentor == mentorId);
        if (active >= mentor.Capacity)
        {
            return "at capacity";
        }

        if (IsAbove(snapshot, mentorId, learnerId) || IsAbove(snapshot, learnerId, mentorId))
        {
            return "reporting line";
        }

        if (snapshot.OpenOffers.Any(o => o.Learner == learnerId && o.Candidate == mentorId))
        {
            return "open offer";
        }

        if (snapshot.ActiveMentorships.Any(m => m.Mentor == mentorId && m.Learner == learnerId && m.Skill == skill))
        {
            return "already mentoring";
        }

        if ((int)mentorLevel - (int)learner.LevelIn(skill) < options.MinimumSkillGap)
        {
            return "skill gap";
        }

        if (!allowRepeat && snapshot.EndedPairings.Any(e =>
                ((e.Mentor == mentorId && e.Learner == learnerId) || (e.Mentor == learnerId && e.Learner == mentorId))
                && e.EndedAt >= snapshot.AsOf - options.RepeatCooldown))
        {
            return "recently paired";
        }

        return null;
    }

    private static bool IsAbove(MatchingSnapshot snapshot, UserId manager, UserId report)
    {
        var byId = snapshot.Profiles.ToDictionary(p => p.Id);
        var seen = new HashSet<UserId>();
        var current = byId[report].ManagerId;
        while (current is { } id && seen.Add(id) && byId.TryGetValue(id, out var next))
        {
            if (id == manager)
            {
                return true;
            }

            current = next.ManagerId;
        }

        return false;
    }
}
