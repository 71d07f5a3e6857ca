using System.Globalization;
using System.Text.RegularExpressions;
using MentorBot.Bot.Cards;
using NodaTime;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Reads "until when" for a break: "15 March", "March 15", "2026-03-15", "3 weeks", "10 days", "2 months",
/// "tomorrow", "next week" — and the same in every language of <c>CommandWords.resx</c> ("till 3 januari",
/// "3 veckor", "i morgon"; decision 0382), month names in the person's culture first, then each supported language's.
/// A date without a year is the next one to come.
/// </summary>
public static partial class PauseDates
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly Regex Lead = new($@"^(?:{CommandWords.Alternation("Date.Lead")}\s+)+", RegexOptions.CultureInvariant, RegexTimeout);

    private static readonly Regex Amount = new(
        $@"^(?<n>\d{{1,3}})\s*(?:(?<day>{CommandWords.Alternation("Date.Days")})|(?<week>{CommandWords.Alternation("Date.Weeks")})|(?<month>{CommandWords.Alternation("Date.Months")}))$",
        RegexOptions.CultureInvariant,
        RegexTimeout);

    private static readonly Regex Ordinal = new($@"(\d{{1,2}}){CommandWords.Alternation("Date.OrdinalSuffixes")}(?!\p{{L}})", RegexOptions.CultureInvariant, RegexTimeout);

    private static readonly IReadOnlyList<string> Tomorrow = CommandWords.All("Date.Tomorrow");
    private static readonly IReadOnlyList<string> NextWeek = CommandWords.All("Date.NextWeek");
    private static readonly IReadOnlyList<string> NextMonth = CommandWords.All("Date.NextMonth");

    private static readonly string[] DatePatterns = ["d MMMM", "MMMM d", "d MMM", "MMM d", "d MMMM yyyy", "MMMM d yyyy", "MMMM d, yyyy", "d MMM yyyy", "MMM d yyyy", "yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy"];

    public static bool TryParse(string? text, LocalDate today, CultureInfo culture, out LocalDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var said = text.Trim().ToLower(CultureInfo.InvariantCulture).Trim(' ', '.', '!');
        // "i morgon" starts like "i 3 veckor": the whole phrase is tried before its lead word is dropped.
        var phrase = Tomorrow.Contains(said) || NextWeek.Contains(said) || NextMonth.Contains(said) ? said : Lead.Replace(said, string.Empty).Trim(' ', '.', '!');
        var parsed = phrase switch
        {
            _ when Tomorrow.Contains(phrase) => today.PlusDays(1),
            _ when NextWeek.Contains(phrase) => today.PlusWeeks(1),
            _ when NextMonth.Contains(phrase) => today.PlusMonths(1),
            _ => Relative(phrase, today) ?? Absolute(phrase, today, culture),
        };
        if (parsed is not { } found || found <= today)
        {
            return false;
        }

        date = found;
        return true;
    }

    /// <summary>"3 weeks", "10 dagar": how many days from today, in any supported language; null for anything else.</summary>
    internal static int? Days(string phrase, LocalDate today) =>
        Relative(phrase, today) is { } date ? Period.Between(today, date, PeriodUnits.Days).Days : null;

    private static LocalDate? Relative(string phrase, LocalDate today)
    {
        var match = Amount.Match(phrase);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 400)
        {
            return null;
        }

        return match.Groups["day"].Success ? today.PlusDays(n)
            : match.Groups["week"].Success ? today.PlusWeeks(n)
            : today.PlusMonths(n);
    }

    private static LocalDate? Absolute(string phrase, LocalDate today, CultureInfo culture)
    {
        var cleaned = Ordinal.Replace(phrase, "$1");
        foreach (var provider in Cultures(culture))
        {
            if (DateTime.TryParseExact(cleaned, DatePatterns, provider, DateTimeStyles.AllowWhiteSpaces, out var value))
            {
                var hasYear = cleaned.Any(char.IsDigit) && YearPresent().IsMatch(cleaned);
                var candidate = new LocalDate(hasYear ? value.Year : today.Year, value.Month, value.Day);
                return !hasYear && candidate <= today ? candidate.PlusYears(1) : candidate;
            }
        }

        return null;
    }

    // The person's culture, then each supported language's own (a Swedish month name in an English client), then invariant.
    private static IEnumerable<CultureInfo> Cultures(CultureInfo culture) =>
        new[] { culture }
            .Concat(Languages.Supported.Select(l => Languages.For(l.TwoLetterISOLanguageName, null)))
            .Append(CultureInfo.InvariantCulture)
            .Distinct();

    [GeneratedRegex(@"\d{4}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex YearPresent();
}
