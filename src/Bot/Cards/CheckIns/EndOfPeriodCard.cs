using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <param name="Period">"3 months".</param>
public sealed record EndOfPeriodView(string PairingId, string OtherName, string SkillName, string Period)
{
    /// <summary>For the learner: "where are you now with this skill?" (decision 0461).</summary>
    public bool AskLevel { get; init; }
}

public static class EndOfPeriodCard
{
    public static AdaptiveCard Build(EndOfPeriodView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("Period.Title", view.OtherName, view.Period);

        return AdaptiveCard.Create(
            [
                Heading(title),
                Text(t.Format("Period.Intro", view.SkillName)),
                new ChoiceSetInput(FeedbackCard.RatingChoices(t))
                {
                    Id = ContinuePairingData.RatingInput,
                    Label = t["Period.RatingLabel"],
                        Placeholder = t["Feedback.RatingPlaceholder"],
                },
                new TextInput
                {
                    Id = ContinuePairingData.HighlightInput,
                    Label = t["Period.HighlightLabel"],
                    IsMultiline = true,
                    MaxLength = 500,
                },
                .. LevelQuestion(view, culture, t),
                Subtle(t["Period.BothFine"]),
            ],
            [
                Execute(t["Period.Continue"], new ContinuePairingData(view.PairingId)),
                Execute(t["Period.Close"], new ClosePairingData(view.PairingId)),
            ],
            fallbackText: title);
    }

    private static AdaptiveElement[] LevelQuestion(EndOfPeriodView view, CultureInfo culture, CardTexts t)
    {
        if (!view.AskLevel)
        {
            return [];
        }

        var o = new OutcomeTexts(culture);
        return
        [
            new ChoiceSetInput(
                [
                    new Choice(t["Level.Aware"], "1"),
                    new Choice(t["Level.Working"], "2"),
                    new Choice(t["Level.Practitioner"], "3"),
                    new Choice(t["Level.Expert"], "4"),
                ])
            {
                Id = ContinuePairingData.LevelInput,
                Label = o.Format("Period.LevelLabel", view.SkillName),
                Placeholder = o["Period.LevelPlaceholder"],
            },
            Subtle(o["Period.LevelNote"]),
        ];
    }
}
