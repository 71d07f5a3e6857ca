using System.Globalization;
using System.Resources;
using MentorBot.Bot.Cards.CheckIns;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using NodaTime;
using MentorBot.Core;

namespace MentorBot.Bot.Proactive;

/// <summary>A built nudge: the card and the short text Teams shows in the notification.</summary>
public sealed record NudgeMessage(AdaptiveCard Card, string Summary);

/// <summary>
/// Maps a due nudge and its pair to the card the recipient gets, with times in the recipient's own zone and words in
/// their Teams locale. Null when the occasion is no longer in the context (treated as obsolete by the caller).
/// </summary>
public sealed class NudgeCardFactory
{
    private static readonly ResourceManager Texts = new("MentorBot.Bot.Proactive.NudgeTexts", typeof(NudgeCardFactory).Assembly);

    public NudgeMessage? Build(NudgeOutboxItem item, NudgeSource source, CultureInfo culture, DateTimeOffset now)
    {
        var pair = source.Pair;
        var mentorship = pair.Mentorship;
        var (recipient, other) = item.Recipient == mentorship.Senior ? (pair.Senior, pair.Junior) : (pair.Junior, pair.Senior);
        var zone = TimeZones.Find(recipient.TimeZoneId) ?? DateTimeZone.Utc;
        var pairingId = mentorship.Id.Value;
        var checkIn = item.Payload.CheckInId is { } id ? pair.CheckIns.FirstOrDefault(c => c.Id == id) : null;

        var card = item.Kind switch
        {
            NudgeKind.AgendaPrep when checkIn?.Meeting is { } meeting => AgendaCard.Build(
                new AgendaView(
                    checkIn.Id.Value,
                    other.DisplayName,
                    Slot(meeting.Slot, zone, culture),
                    [.. checkIn.Agenda.Select(t => new AgendaTopicView(t.Text, FirstName(t.AddedBy == pair.Senior.Id ? pair.Senior : pair.Junior)))],
                    Previous(pair, checkIn)?.Notes,
                    Previous(pair, checkIn)?.OneThingToTry,
                    Previous(pair, checkIn)?.OneThingToTry is null ? null : FirstName(pair.Senior),
                    DayOf(meeting.Slot.Start, zone, now, culture).Day,
                    DayOf(meeting.Slot.Start, zone, now, culture).Name),
                culture),
            NudgeKind.StartingSoon when checkIn?.Meeting is { } meeting => StartingSoonCard.Build(
                new StartingSoonView(
                    checkIn.Id.Value,
                    checkIn.Sequence,
                    other.DisplayName,
                    StartsAt(meeting.Slot.Start, zone, culture, now),
                    Uri.TryCreate(meeting.JoinUrl, UriKind.Absolute, out var join) && join.Scheme == Uri.UriSchemeHttps ? join : null,
                    checkIn.Agenda.Count > 0 ? checkIn.Agenda[0].Text : null),
                culture),
            NudgeKind.PostMeeting when checkIn is not null => FeedbackCard.Build(
                new FeedbackView(checkIn.Id.Value, pairingId, other.DisplayName, source.SkillNameIn(culture), ForSenior: item.Recipient == mentorship.Senior, source.ConcernReaders), culture),
            NudgeKind.ThankYouPrompt => ThankYouPromptCard.Build(
                new ThankYouPromptView(pairingId, pair.Junior.DisplayName, source.SkillNameIn(culture), source.ManagerCcAllowed), culture),
            NudgeKind.Inactivity => InactivityNudgeCard.Build(
                new InactivityNudgeView(pairingId, other.DisplayName, source.SkillNameIn(culture), SinceLastMeeting(pair, now, culture)), culture),
            NudgeKind.EndOfPeriod => EndOfPeriodCard.Build(
                new EndOfPeriodView(pairingId, other.DisplayName, source.SkillNameIn(culture), Period(mentorship, culture)) { AskLevel = item.Recipient == mentorship.Senior }, culture),
            _ => null,
        };

        return card is null ? null : new NudgeMessage(card, card.FallbackText ?? string.Empty);
    }

    internal static string Slot(TimeSlot slot, DateTimeZone zone, CultureInfo culture)
    {
        var start = TimeZones.ToLocal(slot.Start, zone).ToDateTimeUnspecified();
        var end = TimeZones.ToLocal(slot.End, zone).ToDateTimeUnspecified();
        var monthDay = culture.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal);
        return Text(
            culture,
            "Slot",
            start.ToString("ddd", culture),
            start.ToString(monthDay, culture),
            start.ToString("t", culture),
            end.ToString("t", culture));
    }

    /// <summary>The meeting's day as the reader sees it when the card arrives: today, tomorrow, or which day (never "Tomorrow" on a Friday for a Monday).</summary>
    internal static (AgendaDay Day, string? Name) DayOf(DateTimeOffset start, DateTimeZone zone, DateTimeOffset now, CultureInfo culture)
    {
        var meeting = TimeZones.ToLocal(start, zone).Date;
        var days = NodaTime.Period.Between(TimeZones.ToLocal(now, zone).Date, meeting, PeriodUnits.Days).Days;
        return days switch
        {
            <= 0 => (AgendaDay.Today, null),
            1 => (AgendaDay.Tomorrow, null),
            < 7 => (AgendaDay.Later, meeting.ToDateTimeUnspecified().ToString("dddd", culture)),
            _ => (AgendaDay.Later, meeting.ToDateTimeUnspecified().ToString("ddd d MMM", culture)),
        };
    }

    internal static string StartsAt(DateTimeOffset start, DateTimeZone zone, CultureInfo culture, DateTimeOffset now)
    {
        var local = TimeZones.ToLocal(start, zone).ToDateTimeUnspecified().ToString("t", culture);
        var minutes = (int)Math.Round((start - now).TotalMinutes);
        return minutes <= 0 ? Text(culture, "StartsNow", local) : Text(culture, "StartsIn", local, Duration(minutes, "Minute", culture));
    }

    private static string? SinceLastMeeting(NudgeContext pair, DateTimeOffset now, CultureInfo culture)
    {
        var held = pair.CheckIns
            .Where(c => c.MentorshipId == pair.Mentorship.Id && c.Status == CheckInStatus.Held && c.Meeting is not null)
            .Select(c => c.Meeting!.Slot.End)
            .DefaultIfEmpty()
            .Max();
        if (held == default)
        {
            return null;
        }

        var days = Math.Max(1, (int)Math.Round((now - held).TotalDays));
        return days >= 14 ? Duration((int)Math.Round(days / 7.0), "Week", culture) : Duration(days, "Day", culture);
    }

    private static string Period(Mentorship mentorship, CultureInfo culture)
    {
        var start = mentorship.StartedAt.UtcDateTime;
        var end = mentorship.PlannedEnd.UtcDateTime;
        var months = ((end.Year - start.Year) * 12) + end.Month - start.Month - (end.Day < start.Day ? 1 : 0);
        return months >= 1 ? Duration(months, "Month", culture) : Duration(Math.Max(1, (int)(end - start).TotalDays / 7), "Week", culture);
    }

    // The last held check-in before this one: its notes and the senior's "one thing to try" open the next agenda.
    private static CheckIn? Previous(NudgeContext pair, CheckIn current) =>
        pair.CheckIns
            .Where(c => c.MentorshipId == current.MentorshipId && c.Number < current.Number && c.Status == CheckInStatus.Held)
            .MaxBy(c => c.Number);

    private static string FirstName(Profile profile) =>
        profile.DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var first, ..] ? first : profile.DisplayName;

    private static string Duration(int count, string unit, CultureInfo culture) =>
        count == 1 ? Text(culture, $"Duration.{unit}") : Text(culture, $"Duration.{unit}s", count);

    private static string Text(CultureInfo culture, string key, params object[] args)
    {
        var format = Texts.GetString(key, culture) ?? throw new KeyNotFoundException($"Nudge text '{key}' is missing from NudgeTexts.resx.");
        return args.Length == 0 ? format : string.Format(culture, format, args);
    }
}
