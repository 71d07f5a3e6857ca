using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using NodaTime;

namespace MentorBot.Core.CheckIns;

public enum NoNextCheckInReason
{
    MentorshipNotActive,

    /// <summary>A check-in is already proposed or scheduled; the pair deals with that one first.</summary>
    OpenCheckInExists,

    PastPlannedEnd,
    UnknownTimeZone,
}

/// <summary>The next check-in to propose: its number and the earliest instant a slot may start.</summary>
/// <param name="Replaces">A proposal whose times have all passed: offer new times on that check-in
/// (<see cref="CheckIn.Repropose"/>) instead of starting another one.</param>
public sealed record NextCheckIn(int Number, DateTimeOffset NotBefore, CheckInId? Replaces = null);

/// <summary>Turns a pair's cadence into "what to propose next", and a term into a planned end.</summary>
public static class CheckInCadence
{
    /// <summary>Cadence for a new pair: the program's default, else the tenant default.</summary>
    public static Cadence For(ProgramId? program, CheckInOptions options) => options.CadenceFor(program).ToCadence();

    /// <summary>
    /// The end of the term: the same local time, <c>TermMonths</c> calendar months later in the senior's zone
    /// (months, not 90 days, so "three months from 16 Feb" is 16 May as people expect).
    /// </summary>
    public static DateTimeOffset PlannedEnd(DateTimeOffset startedAt, Profile senior, ProgramId? program, CheckInOptions options) =>
        PlannedEnd(startedAt, senior, options.CadenceFor(program).TermMonths);

    /// <summary>The end of a term of <paramref name="termMonths"/> calendar months (a program's own term, decision 0440).</summary>
    public static DateTimeOffset PlannedEnd(DateTimeOffset startedAt, Profile senior, int termMonths)
    {
        var zone = TimeZones.Find(senior.TimeZoneId) ?? DateTimeZone.Utc;
        var local = Instant.FromDateTimeOffset(startedAt).InZone(zone).LocalDateTime;
        return local.PlusMonths(termMonths).InZoneLeniently(zone).ToInstant().ToDateTimeOffset();
    }

    /// <summary>
    /// When the next check-in may start. The first one comes <c>FirstCheckInAfter</c> the start; later ones on the
    /// senior's local date one interval after the previous meeting (a whole day, so the pair sees every option of
    /// that day, whatever DST did to the hour). After a missed meeting the pair is offered times right away.
    /// </summary>
    public static Result<NextCheckIn, NoNextCheckInReason> Next(
        Mentorship mentorship, IReadOnlyList<CheckIn> checkIns, Profile senior, CheckInOptions options, DateTimeOffset now)
    {
        if (!mentorship.IsActive)
        {
            return NoNextCheckInReason.MentorshipNotActive;
        }

        if (TimeZones.Find(senior.TimeZoneId) is not { } zone)
        {
            return NoNextCheckInReason.UnknownTimeZone;
        }

        var earliest = now + options.MinimumNotice;
        var responseWindow = options.Nudges.ResponseWindow;

        // Open check-ins block a new one, unless they went stale: a proposal whose every time has passed gets new
        // times (after an inactivity nudge the pair must be able to book again), and a meeting nobody answered
        // about within the response window no longer holds the cadence up.
        var stale = checkIns.FirstOrDefault(c => c.Status == CheckInStatus.Proposed && c.ProposedSlots.All(s => s.Start <= now));
        if (stale is not null)
        {
            return Fits(mentorship, earliest) ? new NextCheckIn(stale.Number, earliest, stale.Id) : NoNextCheckInReason.PastPlannedEnd;
        }

        if (checkIns.Any(c => c.IsOpen && !(c.Status == CheckInStatus.Scheduled && c.Meeting!.Slot.End + responseWindow <= now)))
        {
            return NoNextCheckInReason.OpenCheckInExists;
        }

        var last = checkIns.OrderBy(c => c.Number).LastOrDefault();
        DateTimeOffset target;
        if (last is null)
        {
            target = mentorship.StartedAt + options.FirstCheckInAfter;
        }
        else if (last.Status == CheckInStatus.Missed)
        {
            target = earliest;
        }
        else
        {
            var anchor = last.Meeting?.Slot.Start ?? last.ResolvedAt ?? last.CreatedAt;
            var day = Instant.FromDateTimeOffset(anchor).InZone(zone).Date.PlusDays(mentorship.Cadence.IntervalDays);
            target = zone.AtStartOfDay(day).ToInstant().ToDateTimeOffset();
        }

        var notBefore = target > earliest ? target : earliest;
        return Fits(mentorship, notBefore) ? new NextCheckIn((last?.Number ?? 0) + 1, notBefore) : NoNextCheckInReason.PastPlannedEnd;
    }

    private static bool Fits(Mentorship mentorship, DateTimeOffset notBefore) =>
        notBefore + mentorship.Cadence.MeetingLength <= mentorship.PlannedEnd;

    /// <summary>The slot search for a next check-in, with the senior as organizer.</summary>
    public static SlotSearch SearchFor(
        NextCheckIn next, Mentorship mentorship, Profile senior, Profile junior, CheckInOptions options, IReadOnlyCollection<TimeSlot>? busy = null) =>
        new(senior, junior, next.NotBefore, mentorship.Cadence.MeetingLength, options.SlotsToPropose, options.SearchDays,
            options.SlotGrid, options.Holidays, busy);
}
