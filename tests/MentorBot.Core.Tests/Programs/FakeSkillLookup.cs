using MentorBot.Core.Programs.Import;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Programs;

/// <summary>A tiny catalog: slugs, case-insensitive, spaces as dashes; suggests a slug the text matches without dashes.</summary>
internal sealed class FakeSkillLookup : ISkillLookup
{
    private static readonly string[] Slugs = ["power-bi", "tiktok", "excel", "genai", "stakeholder-management"];

    public bool TryResolve(string text, out SkillId id)
    {
        var slug = text.Trim().ToLowerInvariant().Replace(' ', '-');
        id = new SkillId(slug);
        return Slugs.Contains(slug);
    }

    public string? SuggestionFor(string text) =>
        Slugs.FirstOrDefault(s => s.Replace("-", "", StringComparison.Ordinal).Equals(text.Trim(), StringComparison.OrdinalIgnoreCase));
}
