using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <param name="FirstName">Null when Teams did not tell us (the Playground sends no name).</param>
public sealed record WelcomeView(string? FirstName);

public static class WelcomeCard
{
    public static AdaptiveCard Build(WelcomeView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = view.FirstName is { Length: > 0 } name ? t.Format("Welcome.TitleNamed", name) : t["Welcome.Title"];

        // "How it works" opens in place: no round trip, and the three lines above stay the whole pitch.
        var howItWorks = ShowCard(
            t["Welcome.HowItWorks"],
            [.. Bullets([t["Welcome.Step1"], t["Welcome.Step2"], t["Welcome.Step3"], t["Welcome.Step4"]])]);

        return AdaptiveCard.Create(
            [
                Heading(title),
                Text(t["Welcome.Line1"]),
                Text(t["Welcome.Line2"]),
                Text(t["Welcome.Line3"]),
            ],
            [Execute(t["Welcome.SetUpProfile"], new SetUpProfileData()), howItWorks],
            fallbackText: title);
    }
}
