using System.Globalization;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using NodaTime;

namespace MentorBot.Core.Programs.Reporting;

/// <summary>An ISO 8601 week (Monday start; week 1 holds the year's first Thursday).</summary>
public readonly record struct IsoWeek(int WeekYear, int Week)
{
    /// <summary>The week an instant falls in, in UTC: owners across time zones must see the same buckets.</summary>
    public static IsoWeek Of(DateTimeOffset instant) =>
        new(ISOWeek.GetYear(instant.UtcDateTime), ISOWeek.GetWeekOfYear(instant.UtcDateTime));

    public override string ToString() => $"{WeekYear:D4}-W{Week:D2}";
}

public sealed record HeldVsPlanned(int Held, int Planned);

public sealed record WeeklyCheckIns(IsoWeek Week, Metric<HeldVsPlanned> CheckIns);

public sealed record MonthlySatisfaction(YearMonth Month, Metric<double> MeanRating);

public sealed record SkillCount(SkillId Skill, Metric<int> Count);

/// <summary>What a program owner sees. Every number says whether it is suppressed for being about too few people.</summary>
/// <param name="MedianTimeToFirstMeeting">Null until some pair has met.</param>
/// <param name="SkillsWithoutMentor">Skills people want (in their profile or an open request) that no available
/// participant offers; the count is how many people want each.</param>
/// <param name="UnmatchedPeople">Consented participants in no active or paused pair.</param>
/// <param name="RecentRounds">The newest cohort rounds with their pair and unmatched counts, newest first.</param>
public sealed record DashboardMetrics(
    Metric<int> ActivePairings,
    IReadOnlyDictionary<RequestStatus, Metric<int>> RequestsByState,
    IReadOnlyList<WeeklyCheckIns> CheckInsByWeek,
    Metric<TimeSpan>? MedianTimeToFirstMeeting,
    IReadOnlyList<MonthlySatisfaction> SatisfactionTrend,
    IReadOnlyList<SkillCount> TopRequestedSkills,
    IReadOnlyList<SkillCount> SkillsWithoutMentor,
    Metric<int> UnmatchedPeople,
    IReadOnlyList<RoundSummary> RecentRounds);

/// <summary>
/// Dashboard numbers as a pure function of a program's activity and the current time. Anything dated after
/// <c>now</c> (a check-in planned for next week) is not counted yet. "People behind" a number are the distinct people
/// it is about; below <see cref="Metric.MinimumPeople"/> the number is suppressed.
/// </summary>
public static class ProgramDashboard
{
    public const int TopSkills = 10;

    public static DashboardMetrics Compute(ProgramActivity activity, DateTimeOffset now)
    {
        var pairings = activity.Pairings.Where(p => p.StartedAt <= now).ToList();
        var checkIns = activity.CheckIns.Where(c => c.PlannedFor <= now).ToList();
        var requests = activity.Requests.Where(r => r.CreatedAt <= now).ToList();
        var feedback = activity.Feedback.Where(f => f.GivenAt <= now).ToList();
        var pairingsById = pairings.ToDictionary(p => p.Id);

        return new DashboardMetrics(
            ActivePairings(pairings),
            RequestsByState(requests),
            CheckInsByWeek(checkIns, pairingsById),
            MedianTimeToFirstMeeting(pairings, checkIns),
            SatisfactionTrend(feedback),
            TopRequestedSkills(requests),
            SkillsWithoutMentor(activity.Participants, requests),
            UnmatchedPeople(activity.Participants, pairings),
            RoundSummary.Latest(activity.Rounds ?? [], now));
    }

    private static Metric<int> ActivePairings(List<PairingRow> pairings)
    {
        var active = pairings.Where(p => p.State == PairingState.Active).ToList();
        return Metric.Of(active.Count, PeopleIn(active));
    }

    private static Dictionary<RequestStatus, Metric<int>> RequestsByState(List<RequestRow> requests) =>
        Enum.GetValues<RequestStatus>().ToDictionary(
            status => status,
            status =>
            {
                var inState = requests.Where(r => r.Status == status).ToList();
                return Metric.Of(inState.Count, inState.Select(r => r.Senior).Distinct().Count());
            });

    private static List<WeeklyCheckIns> CheckInsByWeek(List<CheckInRow> checkIns, Dictionary<MentorshipId, PairingRow> pairings) =>
        checkIns
            .GroupBy(c => IsoWeek.Of(c.PlannedFor))
            .OrderBy(g => g.Key.WeekYear)
            .ThenBy(g => g.Key.Week)
            .Select(week =>
            {
                var people = PeopleIn(week.Select(c => pairings.GetValueOrDefault(c.Pairing)).OfType<PairingRow>());
                return new WeeklyCheckIns(week.Key, Metric.Of(new HeldVsPlanned(week.Count(c => c.Held), week.Count()), people));
            })
            .ToList();

    private static Metric<TimeSpan>? MedianTimeToFirstMeeting(List<PairingRow> pairings, List<CheckInRow> checkIns)
    {
        var firstMeetings = checkIns.Where(c => c.Held).GroupBy(c => c.Pairing).ToDictionary(g => g.Key, g => g.Min(c => c.PlannedFor));
        var met = pairings.Where(p => firstMeetings.ContainsKey(p.Id)).ToList();
        if (met.Count == 0)
        {
            return null;
        }

        var waits = met.Select(p => firstMeetings[p.Id] - p.StartedAt).Order().ToList();
        var middle = waits.Count / 2;
        var median = waits.Count % 2 == 1 ? waits[middle] : (waits[middle - 1] + waits[middle]) / 2;
        return Metric.Of(median, PeopleIn(met));
    }

    private static List<MonthlySatisfaction> SatisfactionTrend(List<FeedbackRow> feedback) =>
        feedback
            .GroupBy(f => new YearMonth(f.GivenAt.UtcDateTime.Year, f.GivenAt.UtcDateTime.Month))
            .OrderBy(g => g.Key)
            .Select(month => new MonthlySatisfaction(
                month.Key,
                Metric.Of(month.Average(f => f.Rating), month.Select(f => f.From).Distinct().Count())))
            .ToList();

    private static List<SkillCount> TopRequestedSkills(List<RequestRow> requests) =>
        Ranked(requests
            .GroupBy(r => r.Skill)
            .Select(g => (g.Key, g.Count(), g.Select(r => r.Senior).Distinct().Count())))
        .Take(TopSkills)
        .ToList();

    private static List<SkillCount> SkillsWithoutMentor(IReadOnlyList<ParticipantRow> participants, List<RequestRow> requests)
    {
        var offered = participants.Where(p => p.AvailableToTeach).SelectMany(p => p.Offers).ToHashSet();
        var wanting = participants.SelectMany(p => p.Wants.Select(skill => (Skill: skill, p.Person)))
            .Concat(requests
                .Where(r => r.Status is RequestStatus.Searching or RequestStatus.Offered or RequestStatus.NoCandidates)
                .Select(r => (r.Skill, Person: r.Senior)));

        return Ranked(wanting
                .Where(w => !offered.Contains(w.Skill))
                .GroupBy(w => w.Skill)
                .Select(g =>
                {
                    var people = g.Select(w => w.Person).Distinct().Count();
                    return (g.Key, people, people);
                }))
            .ToList();
    }

    private static Metric<int> UnmatchedPeople(IReadOnlyList<ParticipantRow> participants, List<PairingRow> pairings)
    {
        var paired = pairings.Where(p => p.State != PairingState.Ended).SelectMany(p => new[] { p.Senior, p.Junior }).ToHashSet();
        var unmatched = participants.Select(p => p.Person).Distinct().Count(person => !paired.Contains(person));
        return Metric.Of(unmatched, unmatched);
    }

    /// <summary>
    /// Largest shown counts first; suppressed entries last and in skill order, because ranking them by their hidden
    /// counts would leak the counts.
    /// </summary>
    private static IEnumerable<SkillCount> Ranked(IEnumerable<(SkillId Skill, int Count, int People)> counts) =>
        counts
            .Select(c => (c.Skill, c.Count, Metric: Metric.Of(c.Count, c.People)))
            .OrderBy(c => c.Metric.IsSuppressed)
            .ThenByDescending(c => c.Metric.IsSuppressed ? 0 : c.Count)
            .ThenBy(c => c.Skill.Value, StringComparer.Ordinal)
            .Select(c => new SkillCount(c.Skill, c.Metric));

    private static int PeopleIn(IEnumerable<PairingRow> pairings) =>
        pairings.SelectMany(p => new[] { p.Senior, p.Junior }).Distinct().Count();
}
