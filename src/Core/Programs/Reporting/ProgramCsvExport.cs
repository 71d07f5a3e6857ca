using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace MentorBot.Core.Programs.Reporting;

/// <summary>
/// CSV files an owner downloads: the pairs, check-ins held against planned per pair, and feedback per skill. Pair and
/// check-in rows are facts owners manage the program by; feedback is opinion and is only ever exported as an
/// aggregate over at least <see cref="Metric.MinimumPeople"/> people (decision 0102).
/// </summary>
public static class ProgramCsvExport
{
    public const string AllSkills = "(all skills)";

    /// <summary>The key of the "(all skills)" row's label in a headers map.</summary>
    public const string AllSkillsKey = "all_skills";

    /// <summary>Every column name the exports use; a headers map words them (the Bot's, in the viewer's language).</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["pairing", "senior", "senior_id", "junior", "junior_id", "skill", "started", "state", "planned", "held", "program", "ratings", "average_rating"];

    // Owners open these in Excel: a name like "=HYPERLINK(…)" typed into a profile must stay text, not a formula.
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        NewLine = "\r\n",
    };

    /// <param name="headers">Column name → the header a reader reads (<see cref="Columns"/>); the names themselves when not given.</param>
    public static void WritePairings(TextWriter writer, IEnumerable<PairingRow> pairings, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var csv = new CsvWriter(writer, Configuration, leaveOpen: true);
        WriteRow(csv, Headers(headers, "pairing", "senior", "senior_id", "junior", "junior_id", "skill", "started", "state"));
        foreach (var p in pairings.OrderBy(p => p.StartedAt).ThenBy(p => p.Id.Value, StringComparer.Ordinal))
        {
            WriteRow(csv, p.Id.Value, p.SeniorName, p.Senior.AadObjectId, p.JuniorName, p.Junior.AadObjectId, p.Skill.Value,
                Timestamp(p.StartedAt), p.State.ToString().ToLowerInvariant());
        }
    }

    /// <summary>Check-ins planned up to <paramref name="now"/> per pair, and how many of those were held.</summary>
    public static void WriteCheckIns(TextWriter writer, ProgramActivity activity, DateTimeOffset now, IReadOnlyDictionary<string, string>? headers = null)
    {
        var byPairing = activity.CheckIns.Where(c => c.PlannedFor <= now).ToLookup(c => c.Pairing);
        using var csv = new CsvWriter(writer, Configuration, leaveOpen: true);
        WriteRow(csv, Headers(headers, "pairing", "senior", "junior", "skill", "planned", "held"));
        foreach (var p in activity.Pairings.OrderBy(p => p.StartedAt).ThenBy(p => p.Id.Value, StringComparer.Ordinal))
        {
            var planned = byPairing[p.Id].ToList();
            WriteRow(csv, p.Id.Value, p.SeniorName, p.JuniorName, p.Skill.Value,
                Number(planned.Count), Number(planned.Count(c => c.Held)));
        }
    }

    /// <summary>
    /// Mean rating per skill and for the program as a whole. A row about fewer than <see cref="Metric.MinimumPeople"/>
    /// distinct raters shows <see cref="Metric.SuppressedMarker"/> for both the count and the mean.
    /// </summary>
    public static void WriteFeedback(TextWriter writer, ProgramActivity activity, DateTimeOffset now, IReadOnlyDictionary<string, string>? headers = null)
    {
        var feedback = activity.Feedback.Where(f => f.GivenAt <= now).ToList();
        using var csv = new CsvWriter(writer, Configuration, leaveOpen: true);
        WriteRow(csv, Headers(headers, "program", "skill", "ratings", "average_rating"));
        foreach (var skill in feedback.GroupBy(f => f.Skill).OrderBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            WriteAggregate(csv, activity.Program, skill.Key.Value, skill.ToList());
        }

        if (feedback.Count > 0)
        {
            WriteAggregate(csv, activity.Program, headers?.GetValueOrDefault(AllSkillsKey) ?? AllSkills, feedback);
        }
    }

    private static void WriteAggregate(CsvWriter csv, ProgramId program, string skill, List<FeedbackRow> rows)
    {
        var people = rows.Select(f => f.From).Distinct().Count();
        var count = Metric.Of(rows.Count, people);
        var mean = Metric.Of(rows.Average(f => f.Rating), people);
        WriteRow(csv, program.Value, skill, count.Format(Number), mean.Format(m => m.ToString("0.00", CultureInfo.InvariantCulture)));
    }

    private static string[] Headers(IReadOnlyDictionary<string, string>? headers, params string[] columns) =>
        [.. columns.Select(c => headers?.GetValueOrDefault(c) ?? c)];

    private static void WriteRow(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
    }

    private static string Timestamp(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
