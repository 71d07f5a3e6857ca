using System.Text.Json;
using System.Text.RegularExpressions;

namespace MentorBot.Core.Skills;

/// <summary>
/// The canonical skills MentorBot knows. <see cref="Default"/> ships with the product (skills.json); admins extend it
/// with their own JSON file via <see cref="Load(Stream)"/> and <see cref="Merge"/>.
/// </summary>
public sealed partial class SkillCatalog
{
    private static readonly Lazy<SkillCatalog> DefaultCatalog = new(LoadEmbedded);

    private readonly Dictionary<SkillId, SkillDefinition> _byId;

    private SkillCatalog(IReadOnlyList<SkillDefinition> skills)
    {
        Skills = skills;
        _byId = skills.ToDictionary(s => s.Id);
    }

    public static SkillCatalog Default => DefaultCatalog.Value;

    public static SkillCatalog Empty { get; } = new([]);

    /// <summary>Skills in catalog order (the order of the files they came from).</summary>
    public IReadOnlyList<SkillDefinition> Skills { get; }

    public int Count => Skills.Count;

    public SkillDefinition? Find(SkillId id) => _byId.GetValueOrDefault(id);

    public bool Contains(SkillId id) => _byId.ContainsKey(id);

    /// <summary>The display name, or the id itself for a skill the catalog does not know (yet).</summary>
    public string NameOf(SkillId id) => _byId.TryGetValue(id, out var skill) ? skill.Name : id.Value;

    /// <summary>The display name in the reader's language (<see cref="SkillDefinition.NameIn"/>), or the id itself.</summary>
    public string NameIn(SkillId id, System.Globalization.CultureInfo culture) =>
        _byId.TryGetValue(id, out var skill) ? skill.NameIn(culture) : id.Value;

    /// <summary>Builds a catalog from definitions, checking ids, names and alias clashes.</summary>
    public static CatalogResult Create(IEnumerable<SkillDefinition> skills) => Validate([.. skills]);

    public static CatalogResult Load(Stream json)
    {
        SkillCatalogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, SkillCatalogJsonContext.Default.SkillCatalogDocument);
        }
        catch (JsonException exception)
        {
            return CatalogResult.Failed(new CatalogError(CatalogErrorCode.InvalidJson, null, $"Not valid catalog JSON: {exception.Message}"));
        }

        if (document?.Skills is null)
        {
            return CatalogResult.Failed(new CatalogError(CatalogErrorCode.InvalidJson, null, "The file has no \"skills\" array."));
        }

        var errors = new List<CatalogError>();
        var skills = new List<SkillDefinition>();
        for (var i = 0; i < document.Skills.Count; i++)
        {
            var entry = document.Skills[i];
            var where = entry.Id ?? $"skills[{i}]";
            if (entry.Id is null || !SlugPattern().IsMatch(entry.Id))
            {
                errors.Add(new CatalogError(CatalogErrorCode.InvalidId, where, "Skill ids are lower-case slugs like \"power-bi\"."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                errors.Add(new CatalogError(CatalogErrorCode.MissingName, where, "Every skill needs a display name."));
                continue;
            }

            if (!TryParseDirection(entry.Direction, out var direction))
            {
                errors.Add(new CatalogError(CatalogErrorCode.InvalidDirection, where, "Direction must be \"reverse\", \"teach-back\" or \"either\"."));
                continue;
            }

            skills.Add(new SkillDefinition(
                new SkillId(entry.Id),
                entry.Name.Trim(),
                string.IsNullOrWhiteSpace(entry.Category) ? "Other" : entry.Category.Trim(),
                direction,
                Clean(entry.Aliases),
                LocalizedOf(entry.Localized)));
        }

        return errors.Count > 0 ? CatalogResult.Failed([.. errors]) : Validate(skills);
    }

    public static CatalogResult Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Load(stream);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return CatalogResult.Failed(new CatalogError(CatalogErrorCode.Unreadable, path, exception.Message));
        }
    }

    /// <summary>
    /// Adds an admin's skills to this catalog. A skill with a known id updates name, category and direction and
    /// adds its aliases; new ids are appended. Aliases that would point at two skills are errors.
    /// </summary>
    public CatalogResult Merge(SkillCatalog extra)
    {
        var merged = Skills.ToList();
        var positions = merged.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        foreach (var skill in extra.Skills)
        {
            if (positions.TryGetValue(skill.Id, out var index))
            {
                var existing = merged[index];
                merged[index] = skill with
                {
                    Aliases = [.. existing.Aliases.Concat(skill.Aliases).Distinct(StringComparer.OrdinalIgnoreCase)],
                    Localized = MergeLocalized(existing.Localized, skill.Localized),
                };
            }
            else
            {
                positions[skill.Id] = merged.Count;
                merged.Add(skill);
            }
        }

        return Validate(merged);
    }

    private static CatalogResult Validate(List<SkillDefinition> skills)
    {
        var errors = new List<CatalogError>();
        var ids = new HashSet<SkillId>();
        var phrases = new Dictionary<string, SkillId>(StringComparer.Ordinal);
        foreach (var skill in skills)
        {
            if (!SlugPattern().IsMatch(skill.Id.Value))
            {
                errors.Add(new CatalogError(CatalogErrorCode.InvalidId, skill.Id.Value, "Skill ids are lower-case slugs like \"power-bi\"."));
            }

            if (!ids.Add(skill.Id))
            {
                errors.Add(new CatalogError(CatalogErrorCode.DuplicateId, skill.Id.Value, "The id appears twice."));
            }

            foreach (var phrase in PhrasesOf(skill))
            {
                var key = SkillText.Key(SkillText.Tokenize(phrase).Select(t => t.Text));
                if (key.Length == 0)
                {
                    errors.Add(new CatalogError(CatalogErrorCode.EmptyAlias, skill.Id.Value, $"\"{phrase}\" has no letters or digits."));
                }
                else if (phrases.TryGetValue(key, out var owner) && owner != skill.Id)
                {
                    errors.Add(new CatalogError(CatalogErrorCode.AmbiguousAlias, skill.Id.Value, $"\"{phrase}\" already means {owner}."));
                }
                else
                {
                    phrases[key] = skill.Id;
                }
            }
        }

        return errors.Count > 0 ? CatalogResult.Failed([.. errors]) : CatalogResult.Succeeded(new SkillCatalog(skills));
    }

    internal static IEnumerable<string> PhrasesOf(SkillDefinition skill) =>
        [
            skill.Name, skill.Id.Value.Replace('-', ' '), .. skill.Aliases,
            .. (skill.Localized ?? new Dictionary<string, LocalizedSkill>()).Values
                .SelectMany(l => l.Name is null ? l.Aliases : [l.Name, .. l.Aliases]),
        ];

    private static string[] Clean(IReadOnlyList<string>? phrases) =>
        [.. (phrases ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim())];

    private static Dictionary<string, LocalizedSkill>? LocalizedOf(Dictionary<string, LocalizedSkillDocument>? localized) =>
        localized is null or { Count: 0 }
            ? null
            : localized.ToDictionary(
                l => l.Key.Trim(),
                l => new LocalizedSkill(string.IsNullOrWhiteSpace(l.Value.Name) ? null : l.Value.Name.Trim(), Clean(l.Value.Aliases)),
                StringComparer.OrdinalIgnoreCase);

    /// <summary>An admin's file adds languages and aliases; its name for a language wins.</summary>
    private static Dictionary<string, LocalizedSkill>? MergeLocalized(
        IReadOnlyDictionary<string, LocalizedSkill>? existing, IReadOnlyDictionary<string, LocalizedSkill>? extra)
    {
        if (existing is null && extra is null)
        {
            return null;
        }

        var merged = new Dictionary<string, LocalizedSkill>(existing ?? new Dictionary<string, LocalizedSkill>(), StringComparer.OrdinalIgnoreCase);
        foreach (var (language, local) in extra ?? new Dictionary<string, LocalizedSkill>())
        {
            merged[language] = merged.TryGetValue(language, out var before)
                ? new LocalizedSkill(local.Name ?? before.Name, [.. before.Aliases.Concat(local.Aliases).Distinct(StringComparer.OrdinalIgnoreCase)])
                : local;
        }

        return merged;
    }

    private static bool TryParseDirection(string? text, out SkillDirection direction)
    {
        direction = SkillDirection.Either;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "either" or "both":
                return true;
            case "reverse" or "junior-teaches":
                direction = SkillDirection.Reverse;
                return true;
            case "teach-back" or "teachback" or "senior-teaches":
                direction = SkillDirection.TeachBack;
                return true;
            default:
                return false;
        }
    }

    private static SkillCatalog LoadEmbedded()
    {
        using var stream = typeof(SkillCatalog).Assembly.GetManifestResourceStream("MentorBot.Core.Skills.skills.json")
            ?? throw new InvalidOperationException("The default skill catalog is not embedded in MentorBot.Core.");
        var result = Load(stream);
        return result.Catalog ?? throw new InvalidOperationException(
            "The embedded skill catalog is invalid: " + string.Join("; ", result.Errors.Select(e => e.ToString())));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}

public enum CatalogErrorCode
{
    InvalidJson,
    Unreadable,
    InvalidId,
    DuplicateId,
    MissingName,
    InvalidDirection,
    EmptyAlias,
    AmbiguousAlias,
}

public sealed record CatalogError(CatalogErrorCode Code, string? Skill, string Message)
{
    public override string ToString() => Skill is null ? $"{Code}: {Message}" : $"{Code} ({Skill}): {Message}";
}

/// <summary>A catalog, or the reasons the input could not become one. Nothing half-loaded.</summary>
public sealed record CatalogResult(SkillCatalog? Catalog, IReadOnlyList<CatalogError> Errors)
{
    public bool IsSuccess => Catalog is not null;

    public static CatalogResult Succeeded(SkillCatalog catalog) => new(catalog, []);

    public static CatalogResult Failed(params CatalogError[] errors) => new(null, errors);
}
