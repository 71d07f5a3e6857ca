using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <param name="Weeks">Current cadence: 1, 2 or 4.</param>
/// <param name="Minutes">Current length: 30, 45 or 60.</param>
public sealed record CadenceView(string PairingId, string OtherName, int Weeks, int Minutes);

public static class CadenceCard
{
    public static AdaptiveCard Build(CadenceView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("Cadence.Title", view.OtherName);

        return AdaptiveCard.Create(
            [
                Heading(title),
                Text(t.Format("Cadence.Intro", view.OtherName)),
                new ChoiceSetInput(
                [
                    new(t["Cadence.Every1"], "1"),
                    new(t["Cadence.Every2"], "2"),
                    new(t["Cadence.Every4"], "4"),
                ])
                {
                    Id = ChangeCadenceData.WeeksInput,
                    Label = t["Cadence.WeeksLabel"],
                    Style = ChoiceInputStyle.Expanded,
                    Value = view.Weeks.ToString(CultureInfo.InvariantCulture),
                    IsRequired = true,
                    ErrorMessage = t["Cadence.Error"],
                },
                new ChoiceSetInput(
                [
                    new(t.Format("Cadence.Minutes", 30), "30"),
                    new(t.Format("Cadence.Minutes", 45), "45"),
                    new(t.Format("Cadence.Minutes", 60), "60"),
                ])
                {
                    Id = ChangeCadenceData.MinutesInput,
                    Label = t["Cadence.MinutesLabel"],
                    Style = ChoiceInputStyle.Expanded,
                    Value = view.Minutes.ToString(CultureInfo.InvariantCulture),
                    IsRequired = true,
                    ErrorMessage = t["Cadence.Error"],
                },
            ],
            [
                Execute(t["Cadence.Save"], new ChangeCadenceData(view.PairingId)),
                ExecuteAlone(t["Common.Cancel"], new CancelFlowData("cadence")),
            ],
            fallbackText: title);
    }
}
