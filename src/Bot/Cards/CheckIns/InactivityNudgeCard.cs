using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <param name="SinceLastMeeting">"3 weeks", or null when the pair has not met yet.</param>
public sealed record InactivityNudgeView(string PairingId, string OtherName, string SkillName, string? SinceLastMeeting);

public static class InactivityNudgeCard
{
    public static AdaptiveCard Build(InactivityNudgeView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = view.SinceLastMeeting is { Length: > 0 } since
            ? t.Format("Nudge.Title", since, view.OtherName)
            : t.Format("Nudge.TitleNotMet", view.OtherName);

        return AdaptiveCard.Create(
            [Heading(title), Text(t.Format("Nudge.Text", view.SkillName))],
            [
                Execute(t["Common.ScheduleCheckIn"], new ScheduleCheckInData(view.PairingId)),
                Execute(t["Nudge.Cadence"], new EditCadenceData(view.PairingId)),
                Execute(t["Nudge.WrapUp"], new EndPairingData(view.PairingId)),
            ],
            fallbackText: title);
    }
}
