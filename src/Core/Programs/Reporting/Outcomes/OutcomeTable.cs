using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace MentorBot.Core.Programs.Reporting.Outcomes;

/// <summary>One number of the outcomes, as every view shows it: the same rows feed the page, the JSON, the CSVs and the report.</summary>
/// <param name="Section">Which outcome (also the CSV's name): thanks, checkins-per-pair, first-meeting, retention, satisfaction, skill-progress, declines, learned-and-taught.</param>
/// <param name="Key">Stable id of the number within its section (<c>sent</c>, <c>week-4.share</c>, <c>power-bi.mean-rating</c>).</param>
/// <param name="Label">English label for the row.</param>
/// <param name="Value">Null when suppressed: the number was never kept (decision 0102).</param>
/// <param name="Unit">count, share (0–1), days, rating (1–5) or levels.</param>
public sealed record OutcomeCell(string Section, string Key, string Label, double? Value, string Unit)
{
    public bool Suppressed => Value is null;

    /// <summary>The value as text (invariant culture) or <see cref="Metric.SuppressedMarker"/>.</summary>
    public string Text => Value is { } v ? v.ToString(Unit == "count" ? "0" : "0.####", CultureInfo.InvariantCulture) : Metric.SuppressedMarker;
}

/// <summary>Shared notes of one skill as shown, or suppressed (null) when fewer than five people wrote on it.</summary>
public sealed record OutcomeNotes(string Skill, IReadOnlyList<string>? Notes);

/// <summary>The outcomes flattened into rows (decision 0461): every renderer reads these, so none can show more than another.</summary>
public static class OutcomeTable
{
    public static readonly string[] Sections = ["thanks", "checkins-per-pair", "first-meeting", "retention", "satisfaction", "skill-progress", "declines"];

    public static IReadOnlyList<OutcomeCell> Cells(ProgramOutcomes outcomes, Func<Skills.SkillId, string> skillName)
    {
        var cells = new List<OutcomeCell>();
        void Add<T>(string section, string key, string label, Metric<T> metric, string unit)
            where T : struct, IConvertible =>
            cells.Add(new OutcomeCell(section, key, label, metric.TryGetValue(out var v) ? v.ToDouble(CultureInfo.InvariantCulture) : null, unit));

        var t = outcomes.Thanks;
        Add("thanks", "sent", "Thank-yous sent (and received)", t.Sent, "count");
        Add("thanks", "senders", "People who sent a thank-you", t.Senders, "count");
        Add("thanks", "receivers", "People who received a thank-you", t.Receivers, "count");
        Add("thanks", "share-thanked", "Share of mentors who met and were thanked", t.ShareOfMentorsThanked, "share");

        Add("checkins-per-pair", "mean", "Check-ins held per pair (mean)", outcomes.CheckInsPerPair.MeanHeldPerPair, "count-mean");
        foreach (var bucket in outcomes.CheckInsPerPair.Buckets)
        {
            Add("checkins-per-pair", "held-" + bucket.Label.Replace("+", "-or-more", StringComparison.Ordinal), $"Pairs with {bucket.Label} held", bucket.Pairs, "count");
        }

        var f = outcomes.FirstMeeting;
        Add("first-meeting", "median-days", "Days from start to first meeting (median)", f.MedianDays, "days");
        Add("first-meeting", "pairs-met", "Pairs that have met", f.PairsMet, "count");
        Add("first-meeting", "pairs-not-met", "Pairs that have not met yet", f.PairsNotMetYet, "count");

        foreach (var r in outcomes.Retention)
        {
            Add("retention", $"week-{r.Weeks}.eligible", $"Pairs started {r.Weeks}+ weeks ago", r.Eligible, "count");
            Add("retention", $"week-{r.Weeks}.still-meeting", $"Still meeting after {r.Weeks} weeks", r.StillMeeting, "count");
            Add("retention", $"week-{r.Weeks}.share", $"Share still meeting after {r.Weeks} weeks", r.Share, "share");
        }

        foreach (var s in outcomes.Satisfaction)
        {
            Add("satisfaction", $"{s.Skill.Value}.ratings", $"{skillName(s.Skill)}: ratings", s.Ratings, "count");
            Add("satisfaction", $"{s.Skill.Value}.mean-rating", $"{skillName(s.Skill)}: mean rating (1–5)", s.MeanRating, "rating");
        }

        foreach (var p in outcomes.SkillProgress)
        {
            Add("skill-progress", $"{p.Skill.Value}.learners", $"{skillName(p.Skill)}: learners who answered", p.Learners, "count");
            Add("skill-progress", $"{p.Skill.Value}.levels-gained", $"{skillName(p.Skill)}: levels gained (mean)", p.MeanLevelsGained, "levels");
            Add("skill-progress", $"{p.Skill.Value}.reached-target", $"{skillName(p.Skill)}: share at their target level", p.ShareReachedTarget, "share");
        }

        var d = outcomes.Declines;
        Add("declines", "offers", "Offers made", d.Offers, "count");
        Add("declines", "accepted", "Accepted", d.Accepted, "count");
        Add("declines", "declined-with-note", "Declined with a note", d.DeclinedWithNote, "count");
        Add("declines", "declined-without-note", "Declined without a note", d.DeclinedWithoutNote, "count");
        Add("declines", "no-answer", "No answer in time", d.NoAnswer, "count");
        return cells;
    }

    public static IReadOnlyList<OutcomeNotes> Notes(ProgramOutcomes outcomes, Func<Skills.SkillId, string> skillName) =>
        [.. outcomes.LearnedAndTaught.Select(l => new OutcomeNotes(skillName(l.Skill), l.Notes.TryGetValue(out var notes) ? notes : null))];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        NewLine = "\r\n",
    };

    /// <summary>One section as CSV (<c>key,label,value,unit</c>); <c>learned-and-taught</c> lists notes (<c>skill,note</c>).</summary>
    public static void WriteCsv(TextWriter writer, string section, IReadOnlyList<OutcomeCell> cells, IReadOnlyList<OutcomeNotes> notes)
    {
        using var csv = new CsvWriter(writer, Configuration, leaveOpen: true);
        if (section == "learned-and-taught")
        {
            Row(csv, "skill", "note");
            foreach (var group in notes)
            {
                foreach (var note in group.Notes ?? [Metric.SuppressedMarker])
                {
                    Row(csv, group.Skill, note);
                }
            }

            return;
        }

        Row(csv, "key", "label", "value", "unit");
        foreach (var cell in cells.Where(c => c.Section == section))
        {
            Row(csv, cell.Key, cell.Label, cell.Text, cell.Unit);
        }
    }

    private static void Row(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
    }
}
