using MentorBot.Core.Skills;

namespace MentorBot.Core.Programs.Import;

/// <summary>Resolves what someone typed in a spreadsheet ("Power BI", "powerbi") to a catalog skill.</summary>
public interface ISkillLookup
{
    bool TryResolve(string text, out SkillId id);

    /// <summary>A hint for an unknown skill ("did you mean power-bi?"), or null when the catalog has none.</summary>
    string? SuggestionFor(string text) => null;
}
