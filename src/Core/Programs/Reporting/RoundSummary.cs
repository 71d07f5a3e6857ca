using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Programs.Rounds;

namespace MentorBot.Core.Programs.Reporting;

/// <summary>
/// One cohort round as the dashboard shows it: how many pairs it made and how many learners it left unmatched, by
/// reason (decision 0264's true counts). Every count is about people, so each is suppressed below
/// <see cref="Metric.MinimumPeople"/> distinct people (decision 0102).
/// </summary>
public sealed record RoundSummary(
    RoundId Id,
    RoundState State,
    DateTimeOffset PreparedAt,
    DateTimeOffset? PublishedAt,
    Metric<int> Pairs,
    Metric<int> Unmatched,
    Metric<int> AllHelpersTaken,
    Metric<int> NobodyEligible,
    Metric<int> Other,
    Metric<int> UnusedMentors)
{
    /// <summary>How many rounds the dashboard lists.</summary>
    public const int Shown = 5;

    public static RoundSummary Of(ProgramRound round)
    {
        var counts = round.Counts;
        return new RoundSummary(
            round.Id,
            round.State,
            round.PreparedAt,
            round.PublishedAt,
            Metric.Of(counts.Pairs, round.Pairs.SelectMany(p => new[] { p.Learner, p.Mentor }).Distinct().Count()),
            Metric.Of(counts.Unmatched, Learners(round.Unmatched)),
            Metric.Of(counts.AllHelpersTaken, Learners(round.Unmatched.Where(u => u.Reason == UnmatchedReason.MentorsTaken))),
            Metric.Of(counts.NobodyEligible, Learners(round.Unmatched.Where(u => u.Reason == UnmatchedReason.NoEligibleMentor))),
            Metric.Of(counts.Other, Learners(round.Unmatched.Where(u => u.Reason is UnmatchedReason.LearnerNotFound or UnmatchedReason.DuplicateRequest))),
            Metric.Of(counts.UnusedMentors, round.UnusedMentors.Select(u => u.Mentor).Distinct().Count()));
    }

    /// <summary>The newest <see cref="Shown"/> rounds prepared by <paramref name="now"/>, newest first.</summary>
    public static IReadOnlyList<RoundSummary> Latest(IEnumerable<ProgramRound> rounds, DateTimeOffset now) =>
        [.. rounds
            .Where(r => r.PreparedAt <= now)
            .OrderByDescending(r => r.PreparedAt)
            .ThenByDescending(r => r.Id.Value, StringComparer.Ordinal)
            .Take(Shown)
            .Select(Of)];

    private static int Learners(IEnumerable<RoundUnmatched> unmatched) => unmatched.Select(u => u.Learner).Distinct().Count();
}
