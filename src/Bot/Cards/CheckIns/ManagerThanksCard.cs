using System.Globalization;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <summary>The junior's manager, copied on a thank-you by the senior (opt-in per program): recognition, nothing to do.</summary>
public sealed record ManagerThanksView(string SeniorName, string JuniorName, string SkillName, string Note);

public static class ManagerThanksCard
{
    public static AdaptiveCard Build(ManagerThanksView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("ManagerThanks.Title", view.SeniorName, view.JuniorName);
        return AdaptiveCard.Create(
            [
                Heading(title),
                Text(t.Format("ManagerThanks.Intro", view.SeniorName, view.JuniorName, view.SkillName)),
                Emphasis(Plain(view.Note)),
                Subtle(t.Format("ManagerThanks.Why", view.SeniorName, view.JuniorName)),
            ],
            fallbackText: title);
    }
}
