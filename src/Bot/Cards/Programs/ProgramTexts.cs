using System.Globalization;
using System.Resources;

namespace MentorBot.Bot.Cards.Programs;

/// <summary>
/// What programs say in chat (<c>ProgramTexts.resx</c>, English; <c>ProgramTexts.sv.resx</c>, Swedish): the program's
/// purpose and rhythm on the introduction, a paused program, the owners' chat commands (decision 0440).
/// </summary>
public sealed class ProgramTexts(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("MentorBot.Bot.Cards.Programs.ProgramTexts", typeof(ProgramTexts).Assembly);

    public string this[string key] =>
        Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Program text '{key}' is missing from ProgramTexts.resx.");

    public string Format(string key, params object?[] args) => string.Format(culture, this[key], args);

    /// <summary>"every 3 weeks" / "var 3:e vecka" for a cadence of whole weeks.</summary>
    public string Every(int weeks) => weeks == 1 ? this["Intro.EveryWeek"] : Format("Intro.EveryWeeks", weeks);
}
