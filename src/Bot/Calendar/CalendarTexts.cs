using System.Globalization;
using System.Resources;
using MentorBot.Bot.Cards;
using MentorBot.Core.CheckIns;

namespace MentorBot.Bot.Calendar;

/// <summary>
/// A check-in invite's words in one language, from <c>CalendarTexts.resx</c> (+ <c>.sv.resx</c>). The .ics link on
/// each person's booked card carries their language (<c>lang=</c>), so each attendee's download reads in theirs.
/// </summary>
public static class CalendarTexts
{
    private static readonly ResourceManager Resources = new("MentorBot.Bot.Calendar.CalendarTexts", typeof(CalendarTexts).Assembly);

    /// <summary>The language a link asks for, when MentorBot speaks it; else the one fallback (decision 0380).</summary>
    public static CultureInfo CultureFor(string? lang) => Languages.For(chosen: null, locale: lang);

    public static CalendarInviteWords Words(CultureInfo culture, string? skillName) => new(
        culture,
        Text("Invite.Summary", culture),
        Text("Invite.Intro", culture),
        Text("Invite.Agenda", culture),
        Text("Invite.JoinOnTeams", culture),
        Text("Invite.TeamsMeeting", culture),
        skillName);

    private static string Text(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Calendar text '{key}' is missing from CalendarTexts.resx.");
}
