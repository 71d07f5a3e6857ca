using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Programs.Reporting.Outcomes;

// What the program is for (issue 18): learning both ways and recognition of the colleague who teaches. Every number
// below is a Metric: hidden when fewer than five people stand behind it (decisions 0102, 0275, 0461).

/// <summary>A senior's thank-you after a held check-in (the junior receives it).</summary>
public sealed record ThanksRow(MentorshipId Pairing, UserId From, UserId To, DateTimeOffset At);

/// <summary>
/// An end-of-term answer: the rating, and for the learner where they are now with the pair's skill, next to where
/// they started and the level they aimed for (both from their profile when they answered).
/// </summary>
public sealed record TermReviewRow(MentorshipId Pairing, UserId From, SkillId Skill, int? Rating, SkillLevel? Started, SkillLevel? Target, SkillLevel? Now, DateTimeOffset At);

/// <summary>An offer of a program senior's request and its answer. The decline note itself is never read here, only whether there was one.</summary>
public sealed record OfferRow(UserId Senior, UserId Candidate, OfferStatus Status, bool HasNote, DateTimeOffset OfferedAt);

/// <summary>A shared note of a check-in (what both people agreed to write down); never a private feedback answer.</summary>
public sealed record SharedNoteRow(MentorshipId Pairing, SkillId Skill, string Text, DateTimeOffset At);

/// <summary>The facts outcomes are worked out from.</summary>
public sealed record OutcomeFacts(
    ProgramActivity Activity,
    IReadOnlyList<ThanksRow> Thanks,
    IReadOnlyList<TermReviewRow> Reviews,
    IReadOnlyList<OfferRow> Offers,
    IReadOnlyList<SharedNoteRow> Notes);

/// <param name="Sent">Thank-yous sent (each one is also received).</param>
/// <param name="Senders">Distinct people who sent at least one.</param>
/// <param name="Receivers">Distinct people who received at least one.</param>
/// <param name="ShareOfMentorsThanked">Of the people who taught in a pair that met, the share thanked at least once.</param>
public sealed record ThanksOutcome(Metric<int> Sent, Metric<int> Senders, Metric<int> Receivers, Metric<double> ShareOfMentorsThanked);

public sealed record CountBucket(string Label, Metric<int> Pairs);

/// <param name="Buckets">Pairs by check-ins held: 0, 1, 2, 3, 4 or more.</param>
public sealed record CheckInsPerPairOutcome(Metric<double> MeanHeldPerPair, IReadOnlyList<CountBucket> Buckets);

/// <param name="MedianDays">From the pair's start to its first held check-in, over the pairs that met.</param>
public sealed record FirstMeetingOutcome(Metric<double> MedianDays, Metric<int> PairsMet, Metric<int> PairsNotMetYet);

/// <param name="Eligible">Pairs started at least <paramref name="Weeks"/> weeks ago.</param>
/// <param name="StillMeeting">Of those, pairs with a held check-in at or after week <paramref name="Weeks"/>.</param>
public sealed record RetentionPoint(int Weeks, Metric<int> Eligible, Metric<int> StillMeeting, Metric<double> Share);

public sealed record SkillSatisfaction(SkillId Skill, Metric<int> Ratings, Metric<double> MeanRating);

/// <param name="Learners">Learners who said where they are now at the end of a term.</param>
/// <param name="MeanLevelsGained">Levels from where they started to where they are now (Aware → Working is one).</param>
/// <param name="ShareReachedTarget">Of those, the share now at or above the level they aimed for.</param>
public sealed record SkillProgressOutcome(SkillId Skill, Metric<int> Learners, Metric<double> MeanLevelsGained, Metric<double> ShareReachedTarget);

/// <summary>Offers by answer. Decline notes are free text and private: only whether one was given is counted.</summary>
public sealed record DeclineOutcome(Metric<int> Offers, Metric<int> Accepted, Metric<int> DeclinedWithNote, Metric<int> DeclinedWithoutNote, Metric<int> NoAnswer);

/// <summary>Shared notes of one skill, without names, shown only when at least five people wrote on it.</summary>
public sealed record LearnedAndTaught(SkillId Skill, Metric<int> People, Metric<IReadOnlyList<string>> Notes);

public sealed record ProgramOutcomes(
    ThanksOutcome Thanks,
    CheckInsPerPairOutcome CheckInsPerPair,
    FirstMeetingOutcome FirstMeeting,
    IReadOnlyList<RetentionPoint> Retention,
    IReadOnlyList<SkillSatisfaction> Satisfaction,
    IReadOnlyList<SkillProgressOutcome> SkillProgress,
    DeclineOutcome Declines,
    IReadOnlyList<LearnedAndTaught> LearnedAndTaught);

/// <summary>
/// Outcomes as a pure function of the facts and the time (decision 0461). Anything dated after <c>now</c> is not
/// counted. A count is about the distinct people behind it; a share is hidden when the people counted or the whole
/// group is between one and four.
/// </summary>
public static class OutcomeReport
{
    public static readonly int[] RetentionWeeks = [4, 8, 12];

    public static ProgramOutcomes Compute(OutcomeFacts facts, DateTimeOffset now)
    {
        var pairs = facts.Activity.Pairings.Where(p => p.StartedAt <= now).ToList();
        var byId = pairs.ToDictionary(p => p.Id);
        var held = facts.Activity.CheckIns.Where(c => c.Held && c.PlannedFor <= now && byId.ContainsKey(c.Pairing)).ToList();
        var heldBy = held.GroupBy(c => c.Pairing).ToDictionary(g => g.Key, g => g.OrderBy(c => c.PlannedFor).ToList());

        return new ProgramOutcomes(
            Thanks(facts.Thanks.Where(t => t.At <= now && byId.ContainsKey(t.Pairing)).ToList(), pairs, heldBy),
            CheckInsPerPair(pairs, heldBy),
            FirstMeeting(pairs, heldBy),
            [.. RetentionWeeks.Select(w => Retention(w, pairs, heldBy, now))],
            Satisfaction(facts.Activity.Feedback.Where(f => f.GivenAt <= now && byId.ContainsKey(f.Pairing)).ToList()),
            SkillProgress(facts.Reviews.Where(r => r.At <= now && byId.ContainsKey(r.Pairing)).ToList(), byId),
            Declines(facts.Offers.Where(o => o.OfferedAt <= now).ToList()),
            LearnedAndTaught(facts.Notes.Where(n => n.At <= now && byId.ContainsKey(n.Pairing)).ToList(), byId));
    }

    /// <summary>A share, hidden when the people counted or the whole group is between one and four.</summary>
    internal static Metric<double> Share(int part, int whole, int partPeople, int wholePeople)
    {
        var value = whole == 0 ? 0 : Math.Round((double)part / whole, 4);
        var smallest = new[] { partPeople, wholePeople }.Where(p => p > 0).DefaultIfEmpty(0).Min();
        return Metric.Of(value, smallest);
    }

    private static int People(IEnumerable<PairingRow> pairs) => pairs.SelectMany(p => new[] { p.Senior, p.Junior }).Distinct().Count();

    private static ThanksOutcome Thanks(List<ThanksRow> thanks, List<PairingRow> pairs, Dictionary<MentorshipId, List<CheckInRow>> heldBy)
    {
        var senders = thanks.Select(t => t.From).ToHashSet();
        var receivers = thanks.Select(t => t.To).ToHashSet();
        var mentorsWhoMet = pairs.Where(p => heldBy.ContainsKey(p.Id)).Select(p => p.Junior).ToHashSet();
        var thanked = mentorsWhoMet.Count(receivers.Contains);
        return new ThanksOutcome(
            Metric.Of(thanks.Count, senders.Union(receivers).Count()),
            Metric.Of(senders.Count, senders.Count),
            Metric.Of(receivers.Count, receivers.Count),
            Share(thanked, mentorsWhoMet.Count, thanked, mentorsWhoMet.Count));
    }

    private static CheckInsPerPairOutcome CheckInsPerPair(List<PairingRow> pairs, Dictionary<MentorshipId, List<CheckInRow>> heldBy)
    {
        int Held(PairingRow p) => heldBy.TryGetValue(p.Id, out var list) ? list.Count : 0;
        var mean = pairs.Count == 0 ? 0 : Math.Round(pairs.Average(p => (double)Held(p)), 2);
        string[] labels = ["0", "1", "2", "3", "4+"];
        var buckets = labels.Select((label, i) =>
        {
            var inBucket = pairs.Where(p => i == 4 ? Held(p) >= 4 : Held(p) == i).ToList();
            return new CountBucket(label, Metric.Of(inBucket.Count, People(inBucket)));
        }).ToList();
        return new CheckInsPerPairOutcome(Metric.Of(mean, People(pairs)), buckets);
    }

    private static FirstMeetingOutcome FirstMeeting(List<PairingRow> pairs, Dictionary<MentorshipId, List<CheckInRow>> heldBy)
    {
        var met = pairs.Where(p => heldBy.ContainsKey(p.Id)).ToList();
        var notMet = pairs.Where(p => !heldBy.ContainsKey(p.Id)).ToList();
        var days = met.Select(p => (heldBy[p.Id][0].PlannedFor - p.StartedAt).TotalDays).Order().ToList();
        var median = days.Count == 0 ? 0 : Math.Round(days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2, 2);
        return new FirstMeetingOutcome(Metric.Of(median, People(met)), Metric.Of(met.Count, People(met)), Metric.Of(notMet.Count, People(notMet)));
    }

    private static RetentionPoint Retention(int weeks, List<PairingRow> pairs, Dictionary<MentorshipId, List<CheckInRow>> heldBy, DateTimeOffset now)
    {
        var horizon = TimeSpan.FromDays(7 * weeks);
        var eligible = pairs.Where(p => p.StartedAt + horizon <= now).ToList();
        var still = eligible.Where(p => heldBy.TryGetValue(p.Id, out var list) && list.Any(c => c.PlannedFor >= p.StartedAt + horizon)).ToList();
        return new RetentionPoint(
            weeks,
            Metric.Of(eligible.Count, People(eligible)),
            Metric.Of(still.Count, People(still)),
            Share(still.Count, eligible.Count, People(still), People(eligible)));
    }

    private static List<SkillSatisfaction> Satisfaction(List<FeedbackRow> feedback) =>
        [.. feedback.GroupBy(f => f.Skill).OrderBy(g => g.Key.Value, StringComparer.Ordinal).Select(g =>
        {
            var raters = g.Select(f => f.From).Distinct().Count();
            return new SkillSatisfaction(g.Key, Metric.Of(g.Count(), raters), Metric.Of(Math.Round(g.Average(f => f.Rating), 2), raters));
        })];

    private static List<SkillProgressOutcome> SkillProgress(List<TermReviewRow> reviews, Dictionary<MentorshipId, PairingRow> pairs)
    {
        // The learner's latest answer per skill, where they said where they are now.
        var answers = reviews
            .Where(r => r.Now is not null && r.Started is not null && r.Target is not null && pairs[r.Pairing].Senior == r.From)
            .GroupBy(r => (r.From, r.Skill))
            .Select(g => g.OrderBy(r => r.At).Last())
            .ToList();
        return [.. answers.GroupBy(a => a.Skill).OrderBy(g => g.Key.Value, StringComparer.Ordinal).Select(g =>
        {
            var learners = g.Count();
            var reached = g.Count(a => a.Now >= a.Target);
            return new SkillProgressOutcome(
                g.Key,
                Metric.Of(learners, learners),
                Metric.Of(Math.Round(g.Average(a => (double)((int)a.Now!.Value - (int)a.Started!.Value)), 2), learners),
                Share(reached, learners, reached, learners));
        })];
    }

    private static DeclineOutcome Declines(List<OfferRow> offers)
    {
        Metric<int> Count(Func<OfferRow, bool> which)
        {
            var chosen = offers.Where(which).ToList();
            return Metric.Of(chosen.Count, chosen.Select(o => o.Candidate).Distinct().Count());
        }

        return new DeclineOutcome(
            Count(_ => true),
            Count(o => o.Status == OfferStatus.Accepted),
            Count(o => o.Status == OfferStatus.Declined && o.HasNote),
            Count(o => o.Status == OfferStatus.Declined && !o.HasNote),
            Count(o => o.Status == OfferStatus.Expired));
    }

    private static List<LearnedAndTaught> LearnedAndTaught(List<SharedNoteRow> notes, Dictionary<MentorshipId, PairingRow> pairs) =>
        [.. notes.GroupBy(n => n.Skill).OrderBy(g => g.Key.Value, StringComparer.Ordinal).Select(g =>
        {
            var people = People(g.Select(n => pairs[n.Pairing]).DistinctBy(p => p.Id));
            IReadOnlyList<string> texts = [.. g.Select(n => n.Text.Trim()).Where(t => t.Length > 0).Order(StringComparer.Ordinal)];
            return new LearnedAndTaught(g.Key, Metric.Of(people, people), Metric.Of(texts, people));
        })];
}
