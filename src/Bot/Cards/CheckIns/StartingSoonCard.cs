using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <param name="StartsAt">"10:00 (in 15 minutes)", formatted for the recipient.</param>
/// <param name="FirstTopic">The first agenda topic, to ease into the conversation; null when there is none.</param>
public sealed record StartingSoonView(string CheckInId, int Version, string OtherName, string StartsAt, Uri? JoinUrl, string? FirstTopic);

public static class StartingSoonCard
{
    public static AdaptiveCard Build(StartingSoonView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("Soon.Title", view.OtherName);
        var body = new List<AdaptiveElement> { Heading(title), Text(view.StartsAt) };
        if (view.FirstTopic is { Length: > 0 } topic)
        {
            body.Add(Text(t.Format("Soon.FirstTopic", topic)));
        }

        body.Add(Subtle(t["Soon.Reminder"]));
        var actions = new List<AdaptiveAction>();
        if (view.JoinUrl is { } join)
        {
            actions.Add(new OpenUrlAction(t["Common.Join"], join));
        }

        actions.Add(Execute(t["Soon.CantMakeIt"], new RescheduleCheckInData(view.CheckInId, view.Version)));
        return AdaptiveCard.Create(body, actions, fallbackText: title);
    }
}
