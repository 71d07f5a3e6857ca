using System.Text;
using MentorBot.Bot.Cards.Model;

namespace MentorBot.Bot.Cards;

/// <summary>
/// The skill pickers of the profile and ask cards (decision 0450): Teams' type-ahead searches the tenant's whole
/// catalog through the <see cref="Dataset"/> query (answered by the <c>application/search</c> invoke), so no skill is
/// out of reach; the static choices are the fallback for clients without type-ahead: the person's own skills always,
/// then the catalog in order while they fit a byte budget per picker (<see cref="ProfileBudget"/> on the profile card's
/// six pickers, <see cref="AskBudget"/> on the ask card's one), which keeps the cards under Teams' 28 KB even with
/// thousands of skills. The built-in catalog (about 3 KB of choices) fits whole in both.
/// </summary>
public static class SkillPicker
{
    public const string Dataset = "skills";

    /// <summary>Bytes of choice JSON each of the profile card's pickers may carry.</summary>
    public const int ProfileBudget = 3_200;

    /// <summary>Bytes of choice JSON the ask card's one picker may carry.</summary>
    public const int AskBudget = 12_000;

    private const int ChoiceOverhead = 24;

    public static DataQuery Query { get; } = new() { Dataset = Dataset };

    /// <summary>The selected skills first (so the picker can show them), then the catalog while the budget lasts, by name.</summary>
    public static List<Choice> StaticChoices(IReadOnlyList<ChoiceOption> catalog, IEnumerable<string?> selected, int budget)
    {
        var chosen = selected.OfType<string>().Where(s => s.Length > 0).ToHashSet(StringComparer.Ordinal);
        var picked = new List<ChoiceOption>();
        var used = 0;
        foreach (var option in catalog.Where(o => chosen.Contains(o.Value)))
        {
            picked.Add(option);
            used += Size(option);
        }

        foreach (var option in catalog.Where(o => !chosen.Contains(o.Value)))
        {
            var size = Size(option);
            if (used + size > budget)
            {
                break;
            }

            picked.Add(option);
            used += size;
        }

        return Blocks.Choices(picked.OrderBy(o => o.Title, StringComparer.OrdinalIgnoreCase));
    }

    private static int Size(ChoiceOption option) =>
        Encoding.UTF8.GetByteCount(option.Title) + Encoding.UTF8.GetByteCount(option.Value) + ChoiceOverhead;
}
