using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <summary>Sent to both before a check-in (a day before, or earlier when that falls in quiet hours or a weekend).</summary>
/// <param name="Day">When the meeting is, seen from the day the card is sent: the title says "Today", "Tomorrow" or the day.</param>
/// <param name="DayName">The meeting's day for <see cref="AgendaDay.Later"/> ("Monday", or "Mon 30 Nov" beyond a week).</param>
/// <param name="LastNotes">Shared notes from the previous session, or null for the first one.</param>
/// <param name="OneThingToTry">What the senior said they'd try since last time, with <paramref name="OneThingToTryBy"/> its author.</param>
public sealed record AgendaView(
    string CheckInId,
    string OtherName,
    string WhenYours,
    IReadOnlyList<AgendaTopicView> Topics,
    string? LastNotes,
    string? OneThingToTry,
    string? OneThingToTryBy,
    AgendaDay Day = AgendaDay.Tomorrow,
    string? DayName = null);

public enum AgendaDay
{
    Today,
    Tomorrow,
    Later,
}

public sealed record AgendaTopicView(string Topic, string AddedBy);

public static class AgendaCard
{
    public const int TopicMaxLength = 200;

    public static AdaptiveCard Build(AgendaView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = view.Day switch
        {
            AgendaDay.Today => t.Format("Agenda.TitleToday", view.OtherName),
            AgendaDay.Later when view.DayName is { Length: > 0 } day => t.Format("Agenda.TitleOn", view.OtherName, day),
            _ => t.Format("Agenda.Title", view.OtherName),
        };
        var body = new List<AdaptiveElement> { Heading(title), Text(view.WhenYours), SubHeading(t["Agenda.Topics"]) };
        if (view.Topics.Count == 0)
        {
            body.Add(Subtle(t["Agenda.NoTopics"]));
        }
        else
        {
            body.AddRange(view.Topics.Select(topic => PlainBullet(topic.Topic, t.Format("Agenda.TopicFrom", topic.AddedBy))));
        }

        if (view.OneThingToTry is { Length: > 0 } thing)
        {
            body.Add(SubHeading(t["Agenda.OneThing"]));
            body.Add(Emphasis(Plain(thing)));
            if (view.OneThingToTryBy is { Length: > 0 } by)
            {
                body.Add(Subtle(t.Format("Agenda.OneThingBy", by)));
            }
        }

        if (view.LastNotes is { Length: > 0 } notes)
        {
            body.Add(SubHeading(t["Agenda.LastNotes"]));
            body.Add(Plain(notes));
        }

        body.Add(new TextInput
        {
            Id = AddAgendaTopicData.TopicInput,
            Label = t["Agenda.AddLabel"],
            Placeholder = t["Agenda.AddPlaceholder"],
            MaxLength = TopicMaxLength,
            IsRequired = true,
            ErrorMessage = t["Agenda.AddError"],
            Spacing = Spacing.Medium,
        });
        body.Add(Buttons(Execute(t["Agenda.Add"], new AddAgendaTopicData(view.CheckInId))));

        return AdaptiveCard.Create(body, fallbackText: title);
    }
}
