using System.Globalization;
using System.Resources;
using MentorBot.Core.CheckIns;

namespace MentorBot.Bot.Calendar;

/// <summary>
/// A check-in invite's words in one language, from <c>CalendarTexts.resx</c> (+ <c>.sv.resx</c>). The .ics link on
/// each person's booked card carries their language (<c>lang=</c>), so each attendee's download reads in theirs.
/// </summary>
public static class CalendarTexts
{
    private static readonly ResourceManager Resources = new("MentorBot.Bot.Calendar.CalendarTexts", typeof(CalendarTexts).Assembly);

    private static readonly CultureInfo Fallback = CultureInfo.GetCultureInfo("en-US");

    /// <summary>
    /// The culture a link asks for (the reader's, written by their card) when these texts exist in its language; else
    /// en-US, the one fallback of decision 0380. (Self-contained: Calendar does not depend on Cards.)
    /// </summary>
    public static CultureInfo CultureFor(string? lang)
    {
        if (string.IsNullOrWhiteSpace(lang))
        {
            return Fallback;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(lang.Trim(), predefinedOnly: true);
            var language = CultureInfo.GetCultureInfo(culture.TwoLetterISOLanguageName);
            return language.Name == "en" || Resources.GetResourceSet(language, createIfNotExists: true, tryParents: false) is not null
                ? culture
                : Fallback;
        }
        catch (CultureNotFoundException)
        {
            return Fallback;
        }
    }

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
