using MentorBot.Core.Skills;

namespace MentorBot.Core.Programs.Import;

/// <summary>
/// The skill catalog's resolver, strict enough for a spreadsheet. In chat a typo match is fine because the person
/// sees the card and can correct it; in an import of hundreds of rows nobody would notice, so a typo only becomes a
/// "did you mean" and the owner fixes the cell. One cell names one skill.
/// </summary>
public sealed class CatalogSkillLookup(SkillResolver resolver) : ISkillLookup
{
    public bool TryResolve(string text, out SkillId id)
    {
        if (resolver.Resolve(text).Matches is [{ Kind: SkillMatchKind.Exact or SkillMatchKind.Compact } only])
        {
            id = only.Skill.Id;
            return true;
        }

        id = default;
        return false;
    }

    public string? SuggestionFor(string text)
    {
        var resolution = resolver.Resolve(text);
        var candidates = resolution.Matches.Count > 0
            ? resolution.Matches.Select(m => m.Skill)
            : resolution.Suggestions.Take(1).Select(s => s.Skill);

        var named = candidates.Select(s => $"{s.Id.Value} ({s.Name})").ToList();
        return named.Count == 0 ? null : string.Join(" or ", named);
    }
}
