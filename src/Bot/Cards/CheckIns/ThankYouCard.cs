using System.Globalization;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <param name="Note">The senior's words, shown as written.</param>
public sealed record ThankYouView(string SeniorName, string SkillName, string Note, bool ManagerCopied);

public static class ThankYouCard
{
    public static AdaptiveCard Build(ThankYouView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("Thanks.Title", view.SeniorName);
        var body = new List<AdaptiveElement>
        {
            Heading(title),
            Emphasis(Plain(view.Note)),
            Text(t.Format("Thanks.Difference", view.SkillName)),
        };
        if (view.ManagerCopied)
        {
            body.Add(Subtle(t.Format("Thanks.ManagerCopied", view.SeniorName)));
        }

        return AdaptiveCard.Create(body, fallbackText: title);
    }
}
