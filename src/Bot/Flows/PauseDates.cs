using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace MentorBot.Bot.Flows;

/// <summary>
/// Reads "until when" for a break: "15 March", "March 15", "2026-03-15", "3 weeks", "10 days", "2 months",
/// "tomorrow", "next week", in the person's culture or English. A date without a year is the next one to come.
/// </summary>
public static partial class PauseDates
{
    private static readonly string[] DatePatterns = ["d MMMM", "MMMM d", "d MMM", "MMM d", "d MMMM yyyy", "MMMM d yyyy", "MMMM d, yyyy", "d MMM yyyy", "MMM d yyyy", "yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy"];

    public static bool TryParse(string? text, LocalDate today, CultureInfo culture, out LocalDate date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var phrase = Lead().Replace(text.Trim().ToLower(CultureInfo.InvariantCulture), string.Empty).Trim(' ', '.', '!');
        var parsed = phrase switch
        {
            "tomorrow" => today.PlusDays(1),
            "next week" => today.PlusWeeks(1),
            "next month" => today.PlusMonths(1),
            _ => Relative(phrase, today) ?? Absolute(phrase, today, culture),
        };
        if (parsed is not { } found || found <= today)
        {
            return false;
        }

        date = found;
        return true;
    }

    private static LocalDate? Relative(string phrase, LocalDate today)
    {
        var match = Amount().Match(phrase);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 400)
        {
            return null;
        }

        return match.Groups["unit"].Value switch
        {
            var unit when unit.StartsWith("day", StringComparison.Ordinal) => today.PlusDays(n),
            var unit when unit.StartsWith("week", StringComparison.Ordinal) => today.PlusWeeks(n),
            _ => today.PlusMonths(n),
        };
    }

    private static LocalDate? Absolute(string phrase, LocalDate today, CultureInfo culture)
    {
        var cleaned = Ordinal().Replace(phrase, "$1");
        foreach (var provider in new[] { culture, CultureInfo.InvariantCulture })
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

    [GeneratedRegex(@"^(until|till|til|to|for|on)\s+", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Lead();

    [GeneratedRegex(@"^(?<n>\d{1,3})\s*(?<unit>days?|weeks?|months?)$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Amount();

    [GeneratedRegex(@"(\d{1,2})(st|nd|rd|th)\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\d{4}", RegexOptions.CultureInvariant, 200)]
    private static partial Regex YearPresent();
}
