using System.Globalization;
using MentorBot.Bot.Calendar;
using MentorBot.Bot.Cards.CheckIns;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Profiles;
using NodaTime;
using MentorBot.Bot.Flows;
using MentorBot.Core;

namespace MentorBot.Bot.Cards;

/// <summary>Check-in cards worded and timed for one of the pair: times in their own zone, the other person's name.</summary>
public sealed class CheckInViews(CheckInInviteLinks links)
{
    /// <param name="suggested">The other person proposed this time themselves (with their note): the card asks to accept or counter.</param>
    public SlotPickerView Picker(CheckInDetails details, UserId viewer, CultureInfo culture, SuggestedTime? suggested = null)
    {
        var (me, other) = Sides(details, viewer);
        return new SlotPickerView(
            details.Mentorship.Id.Value,
            ProposalId(details.CheckIn),
            other.DisplayName,
            new CardTexts(culture).Format("CheckIn.Minutes", (int)details.Mentorship.Cadence.MeetingLength.TotalMinutes),
            ZoneName(me),
            [.. details.CheckIn.ProposedSlots.Select(s => new SlotView(SlotId(s), When(s, me, culture, withZone: false)))],
            suggested is null ? null : new SuggestedTimeView(suggested.Note));
    }

    /// <summary>"Tue 24 Nov, 10:00–10:30 (Stockholm)": one offered time, for the person who suggested it.</summary>
    public static string SlotLabel(TimeSlot slot, CheckInDetails details, UserId viewer, CultureInfo culture) =>
        When(slot, Sides(details, viewer).Me, culture, withZone: true);

    public CheckInScheduledView Scheduled(CheckInDetails details, UserId viewer, CultureInfo culture)
    {
        var (me, other) = Sides(details, viewer);
        var slot = details.CheckIn.Meeting?.Slot ?? throw new InvalidOperationException("A scheduled card for a check-in without a time.");
        var sameZone = string.Equals(me.TimeZoneId, other.TimeZoneId, StringComparison.Ordinal);
        return new CheckInScheduledView(
            details.CheckIn.Id.Value,
            details.CheckIn.Sequence,
            other.DisplayName,
            When(slot, me, culture, withZone: true),
            sameZone ? null : When(slot, other, culture, withZone: true),
            links.Create(details.CheckIn.Id, culture),
            details.CheckIn.Meeting.JoinUrl is { Length: > 0 } join && Uri.TryCreate(join, UriKind.Absolute, out var joinUri) ? joinUri : null);
    }

    /// <summary>
    /// What a picker's buttons name: the check-in, and for new times of a booked one also the booking they move
    /// (<c>c-…|move:2</c>), so a pick after someone else moved it shows the current booking instead.
    /// </summary>
    public static string ProposalId(CheckIn checkIn) => checkIn.Status == CheckInStatus.Proposed
        ? checkIn.Id.Value
        : string.Create(CultureInfo.InvariantCulture, $"{checkIn.Id.Value}|move:{checkIn.Sequence}");

    public static (CheckInId CheckIn, int? MovesSequence) ParseProposalId(string proposalId)
    {
        var parts = proposalId.Split("|move:");
        return parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? (new CheckInId(parts[0]), sequence)
            : (new CheckInId(proposalId), null);
    }

    /// <summary>The slot's start, exactly as <see cref="ParseSlotId"/> reads it back.</summary>
    public static string SlotId(TimeSlot slot) => slot.Start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseSlotId(string? slotId) =>
        DateTimeOffset.TryParseExact(slotId, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start)
            ? start
            : null;

    private static (Profile Me, Profile Other) Sides(CheckInDetails details, UserId viewer) =>
        viewer == details.Senior.Id ? (details.Senior, details.Junior) : (details.Junior, details.Senior);

    /// <summary>"Tue 24 Nov, 10:00–10:30", in the person's zone (UTC when it is unknown), optionally "(London)".</summary>
    private static string When(TimeSlot slot, Profile person, CultureInfo culture, bool withZone)
    {
        var zone = TimeZones.Find(person.TimeZoneId) ?? DateTimeZone.Utc;
        var start = Instant.FromDateTimeOffset(slot.Start).InZone(zone).LocalDateTime;
        var end = Instant.FromDateTimeOffset(slot.End).InZone(zone).LocalDateTime;
        var text = string.Create(culture, $"{start.ToString("ddd d MMM, HH:mm", culture)}–{end.ToString("HH:mm", culture)}");
        return withZone ? $"{text} ({ZoneName(person)})" : text;
    }

    private static string ZoneName(Profile person) =>
        TimeZones.Find(person.TimeZoneId) is null ? "UTC" : person.TimeZoneId[(person.TimeZoneId.LastIndexOf('/') + 1)..].Replace('_', ' ');

    /// <summary>"week" or "2 weeks"; the flow's confirmation and the partner's notification both say it.</summary>
    public static string Every(int weeks, CardTexts t) => weeks == 1 ? t["Cadence.Week"] : t.Format("Cadence.Weeks", weeks);
}
