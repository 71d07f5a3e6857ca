using System.Globalization;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs;

/// <summary>
/// What an owner's save changed, field by field, for the program's audit trail (decision 0440): who, when, which field,
/// from what to what. Long values (a purpose) are shortened; the trail keeps the newest <see cref="MentoringProgram.MaxHistory"/>.
/// </summary>
public static class ProgramEdits
{
    public const int MaxValueLength = 120;

    /// <summary>The field a new program's first entry names.</summary>
    public const string Created = "created";

    /// <summary>The setting names the audit trail, the JSON API and the page's form use alike.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "name", "purpose", "start", "end", "everyWeeks", "meetingMinutes", "termMonths", "targetSkills", "owners",
        "safeguardContacts", "managersMayBeCopied", "juniorsMayAsk", "answerWindowHours", "state",
    ];

    /// <summary>Each setting's value as the audit shows it.</summary>
    public static IReadOnlyDictionary<string, string> Values(MentoringProgram program) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = program.Name,
        ["purpose"] = program.Goals.Purpose,
        ["start"] = program.Cohort.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["end"] = program.Cohort.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["everyWeeks"] = program.Meetings.EveryWeeks.ToString(CultureInfo.InvariantCulture),
        ["meetingMinutes"] = ((int)program.Meetings.Length.TotalMinutes).ToString(CultureInfo.InvariantCulture),
        ["termMonths"] = program.TermMonths.ToString(CultureInfo.InvariantCulture),
        ["targetSkills"] = string.Join(", ", program.Goals.TargetSkills.Select(s => s.Value)),
        ["owners"] = string.Join(", ", program.Owners.Select(o => o.AadObjectId)),
        ["safeguardContacts"] = string.Join(", ", program.Safeguarding.Select(o => o.AadObjectId)),
        ["managersMayBeCopied"] = program.ManagersMayBeCopied ? "yes" : "no",
        ["juniorsMayAsk"] = program.JuniorsMayAsk ? "yes" : "no",
        ["answerWindowHours"] = ((int)program.ReOfferWindow.TotalHours).ToString(CultureInfo.InvariantCulture),
        ["state"] = program.State.ToString(),
    };

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>; one "created" entry for a new program.</summary>
    public static IReadOnlyList<ProgramChange> Diff(MentoringProgram? before, MentoringProgram after, UserId by, DateTimeOffset at)
    {
        if (before is null)
        {
            return [new ProgramChange(at, by, Created, null, Short(after.Name))];
        }

        var was = Values(before);
        var now = Values(after);
        return [.. Fields.Where(f => !string.Equals(was[f], now[f], StringComparison.Ordinal)).Select(f => new ProgramChange(at, by, f, Short(was[f]), Short(now[f])))];
    }

    /// <summary><paramref name="after"/> with the changes since <paramref name="before"/> appended to its trail (the newest kept).</summary>
    public static MentoringProgram Recorded(MentoringProgram? before, MentoringProgram after, UserId by, DateTimeOffset at)
    {
        var history = (before?.History ?? []).Concat(Diff(before, after, by, at)).ToList();
        return after with { History = [.. history.Skip(Math.Max(0, history.Count - MentoringProgram.MaxHistory))] };
    }

    private static string Short(string value) => value.Length <= MaxValueLength ? value : string.Concat(value.AsSpan(0, MaxValueLength - 1), "…");
}
