using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <param name="Typed">What the person wrote, echoed back so they see what was not understood.</param>
/// <param name="Suggestions">Best first; only the first <see cref="SkillChoiceCard.MaxSuggestions"/> are shown.</param>
public sealed record SkillChoiceView(string Typed, IReadOnlyList<ChoiceOption> Suggestions);

public static class SkillChoiceCard
{
    public const int MaxSuggestions = 4;

    public static AdaptiveCard Build(SkillChoiceView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var actions = view.Suggestions
            .Take(MaxSuggestions)
            .Select(s => (AdaptiveAction)Execute(s.Title, new PickSkillData(s.Value, view.Typed)))
            .Append(Execute(t["SkillChoice.None"], new NoSkillMatchData(view.Typed)))
            .ToArray();

        return AdaptiveCard.Create(
            [
                Heading(t["SkillChoice.Title"]),
                Text(t.Format("SkillChoice.Intro", view.Typed)),
                Buttons(actions),
            ],
            fallbackText: t["SkillChoice.Title"]);
    }
}
