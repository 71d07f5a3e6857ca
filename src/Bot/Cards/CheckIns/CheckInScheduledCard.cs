using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <param name="WhenYours">"Tue 24 Nov, 10:00–10:30 (Stockholm)".</param>
/// <param name="WhenTheirs">The same time in the other person's zone, or null when both share one.</param>
/// <param name="CalendarFileUrl">Download link for the .ics file.</param>
/// <param name="JoinUrl">The Teams meeting link, when an online meeting was created.</param>
public sealed record CheckInScheduledView(
    string CheckInId,
    int Version,
    string OtherName,
    string WhenYours,
    string? WhenTheirs,
    Uri CalendarFileUrl,
    Uri? JoinUrl);

public static class CheckInScheduledCard
{
    public static AdaptiveCard Build(CheckInScheduledView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("Scheduled.Title", view.OtherName);
        var actions = new List<AdaptiveAction>();
        if (view.JoinUrl is { } join)
        {
            actions.Add(new OpenUrlAction(t["Common.Join"], join));
        }

        actions.Add(new OpenUrlAction(t["Scheduled.AddToCalendar"], view.CalendarFileUrl));
        actions.Add(Execute(t["Common.Reschedule"], new RescheduleCheckInData(view.CheckInId, view.Version)));
        actions.Add(Execute(t["Scheduled.Skip"], new SkipCheckInData(view.CheckInId, view.Version)));

        return AdaptiveCard.Create(
            [
                Heading(title),
                Facts(
                    (t["Scheduled.YourTime"], view.WhenYours),
                    (t.Format("Scheduled.TheirTime", view.OtherName), view.WhenTheirs)),
                Subtle(t["Scheduled.Hint"]),
            ],
            actions,
            fallbackText: title);
    }
}
