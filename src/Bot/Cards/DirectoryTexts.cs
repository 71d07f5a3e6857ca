using System.Globalization;
using System.Resources;

namespace MentorBot.Bot.Cards;

/// <summary>The wording of what the organisation's directory says, on a person's own profile form (decision 0404).</summary>
public sealed class DirectoryTexts(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("MentorBot.Bot.Cards.DirectoryTexts", typeof(DirectoryTexts).Assembly);

    public string this[string key] =>
        Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Directory text '{key}' is missing from DirectoryTexts.resx.");
}
