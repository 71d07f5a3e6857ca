namespace MentorBot.Core.Skills;

/// <summary>Which way a skill usually flows in reverse mentoring.</summary>
public enum SkillDirection
{
    /// <summary>Juniors usually teach it to seniors (AI tools, social media, Gen Z customers…).</summary>
    Reverse,

    /// <summary>Seniors usually teach it back (stakeholder management, business acumen…).</summary>
    TeachBack,

    /// <summary>Either side may be the stronger one.</summary>
    Either,
}

/// <summary>
/// A canonical skill in the catalog. Aliases are what people type ("TikTok" for short-form video). <see cref="Localized"/>
/// holds the skill's name and aliases in other languages, keyed by language (<c>sv</c>): the id stays the matching key
/// whatever the language, every language's names and aliases are recognised for everyone, and a card shows the name
/// in the reader's language (<see cref="NameIn"/>).
/// </summary>
public sealed record SkillDefinition(
    SkillId Id,
    string Name,
    string Category,
    SkillDirection Direction,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<string, LocalizedSkill>? Localized = null)
{
    /// <summary>
    /// The name in <paramref name="culture"/>'s language (sv-SE → sv), else in its parent cultures', else <see cref="Name"/>
    /// (English, the catalog's neutral language).
    /// </summary>
    public string NameIn(System.Globalization.CultureInfo culture)
    {
        if (Localized is { Count: > 0 })
        {
            for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
            {
                if (Localized.TryGetValue(c.Name, out var local) && !string.IsNullOrWhiteSpace(local.Name))
                {
                    return local.Name;
                }
            }
        }

        return Name;
    }
}

/// <summary>A skill's display name and extra aliases in one language.</summary>
public sealed record LocalizedSkill(string? Name, IReadOnlyList<string> Aliases);
