using System.Globalization;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using Microsoft.Extensions.Options;
using NodaTime;

namespace MentorBot.Core.Nudges;

/// <summary>Everything the planner needs about one pair; preferences are optional (none = defaults).</summary>
public sealed record NudgeContext(
    Mentorship Mentorship,
    IReadOnlyList<CheckIn> CheckIns,
    Profile Senior,
    Profile Junior,
    NudgePreferences? SeniorPreferences = null,
    NudgePreferences? JuniorPreferences = null);

/// <summary>Whether a leased nudge should still go out when the dispatcher is about to send it.</summary>
public enum NudgeRelevance
{
    Send,

    /// <summary>The occasion is gone: meeting moved or cancelled, question answered, pair paused or ended.</summary>
    Obsolete,

    /// <summary>Too late to be useful (the meeting already started, the feedback window closed).</summary>
    Expired,

    /// <summary>The recipient muted this kind or stepped out of the program since it was planned.</summary>
    Muted,
}

/// <summary>
/// Decides which nudges are due for a pair at a given instant. Pure: same input, same output, so it can run every
/// minute on every instance; duplicates are stopped by the outbox's key, not by remembering what was planned.
/// Only due nudges are returned, so moving or cancelling a meeting never leaves stale items to clean up.
/// </summary>
public sealed class NudgePlanner(IOptions<CheckInOptions> options)
{
    private readonly NudgeTimingOptions _timing = options.Value.Nudges;
    private readonly HashSet<LocalDate> _holidays = [.. options.Value.Holidays.Select(LocalDate.FromDateOnly)];

    public IReadOnlyList<NudgeOutboxItem> PlanDue(NudgeContext context, DateTimeOffset now)
    {
        var due = new List<NudgeOutboxItem>();
        foreach (var candidate in Candidates(context, now))
        {
            // Deferral only ever moves a nudge later, so most candidates are settled without any zone arithmetic.
            if (candidate.Nominal > now || now >= candidate.Expires || Blocked(candidate, context, now))
            {
                continue;
            }

            if (EffectiveDue(candidate, context) is { } at && at <= now && now < candidate.Expires)
            {
                due.Add(new NudgeOutboxItem(candidate.Key, candidate.Recipient, candidate.Kind, at, candidate.Payload));
            }
        }

        return due;
    }

    /// <summary>Re-checks a planned nudge just before sending; quiet hours are not re-applied (it was due when planned).</summary>
    public NudgeRelevance Recheck(NudgeOutboxItem item, NudgeContext context, DateTimeOffset now)
    {
        var candidate = Candidates(context, now).FirstOrDefault(c => c.Key == item.Key);
        if (candidate is null)
        {
            return NudgeRelevance.Obsolete;
        }

        if (Blocked(candidate, context, now))
        {
            return NudgeRelevance.Muted;
        }

        return now < candidate.Expires ? NudgeRelevance.Send : NudgeRelevance.Expired;
    }

    private IEnumerable<Candidate> Candidates(NudgeContext context, DateTimeOffset now)
    {
        var mentorship = context.Mentorship;
        if (!mentorship.IsActive)
        {
            yield break;
        }

        UserId[] both = [mentorship.Senior, mentorship.Junior];
        foreach (var checkIn in context.CheckIns)
        {
            if (checkIn.MentorshipId != mentorship.Id || checkIn.Meeting is not { } meeting)
            {
                continue;
            }

            var slot = meeting.Slot;
            var occasion = $"{mentorship.Id}:{checkIn.Id}#{checkIn.Sequence}";
            var payload = new NudgePayload(mentorship.Id, checkIn.Id, checkIn.Sequence, slot.Start, meeting.JoinUrl);
            if (checkIn.Status == CheckInStatus.Scheduled)
            {
                foreach (var user in both)
                {
                    yield return new Candidate(
                        Key(occasion, "agenda-prep", user), user, NudgeKind.AgendaPrep, slot.Start - _timing.AgendaPrepLead,
                        slot.Start - _timing.StartingSoonLead, payload);

                    // A few minutes late is still worth it for the join link; after that the meeting has moved on.
                    var grace = TimeSpan.FromMinutes(Math.Min(5, slot.Length.TotalMinutes));
                    yield return new Candidate(
                        Key(occasion, "starting-soon", user), user, NudgeKind.StartingSoon, slot.Start - _timing.StartingSoonLead,
                        slot.Start + grace, payload);
                }
            }

            if (checkIn.Status is CheckInStatus.Scheduled or CheckInStatus.Held or CheckInStatus.Missed)
            {
                foreach (var user in both.Where(u => !checkIn.HasAnswered(u)))
                {
                    yield return new Candidate(
                        Key(occasion, "post-meeting", user), user, NudgeKind.PostMeeting, slot.End + _timing.PostMeetingDelay,
                        slot.End + _timing.ResponseWindow, payload);
                }
            }

            if (checkIn.Status == CheckInStatus.Held && checkIn.ThankedAt is null
                && checkIn.Attendance.Where(a => a.Met).Select(a => a.At).DefaultIfEmpty().Min() is var heldAt && heldAt != default)
            {
                yield return new Candidate(
                    Key($"{mentorship.Id}:{checkIn.Id}", "thank-you", mentorship.Senior), mentorship.Senior, NudgeKind.ThankYouPrompt,
                    heldAt, heldAt + _timing.ResponseWindow, payload);

                // "Maybe later" on the prompt: one more, at the time the senior asked for.
                if (checkIn.ThanksRemindAt is { } remindAt)
                {
                    yield return new Candidate(
                        Key($"{mentorship.Id}:{checkIn.Id}", "thank-you-later", mentorship.Senior), mentorship.Senior, NudgeKind.ThankYouPrompt,
                        remindAt, remindAt + _timing.ResponseWindow, payload);
                }
            }
        }

        foreach (var candidate in Inactivity(context, now, both))
        {
            yield return candidate;
        }

        var endPayload = new NudgePayload(mentorship.Id);
        var term = mentorship.PlannedEnd.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        foreach (var user in both)
        {
            yield return new Candidate(
                Key($"{mentorship.Id}:end-of-period:{term}", null, user), user, NudgeKind.EndOfPeriod, mentorship.PlannedEnd,
                mentorship.PlannedEnd + _timing.ResponseWindow, endPayload);
        }
    }

    // "No check-in held or scheduled for N intervals": counted from the end of the last held meeting (or the start).
    // A scheduled meeting nobody answered about for a whole response window no longer counts as activity.
    private IEnumerable<Candidate> Inactivity(NudgeContext context, DateTimeOffset now, UserId[] both)
    {
        var mentorship = context.Mentorship;
        var checkIns = context.CheckIns.Where(c => c.MentorshipId == mentorship.Id).ToArray();
        if (checkIns.Any(c => c.Status == CheckInStatus.Scheduled && c.Meeting!.Slot.End + _timing.ResponseWindow > now))
        {
            yield break;
        }

        var anchor = checkIns.Where(c => c.Status == CheckInStatus.Held).Select(c => c.Meeting!.Slot.End)
            .DefaultIfEmpty(mentorship.StartedAt).Max();
        var window = mentorship.Cadence.Interval * _timing.InactivityIntervals;
        var anchorText = anchor.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
        for (var round = 1; round <= _timing.MaxInactivityNudges; round++)
        {
            var at = anchor + (window * round);
            if (at > now || at >= mentorship.PlannedEnd)
            {
                yield break;
            }

            var payload = new NudgePayload(mentorship.Id);
            foreach (var user in both)
            {
                yield return new Candidate(
                    Key($"{mentorship.Id}:inactivity:{anchorText}", round.ToString(CultureInfo.InvariantCulture), user), user,
                    NudgeKind.Inactivity, at, at + window, payload);
            }
        }
    }

    private static bool Blocked(Candidate candidate, NudgeContext context, DateTimeOffset now)
    {
        var (profile, preferences) = Recipient(candidate, context);
        return preferences?.Mutes(candidate.Kind) == true || !profile.Participation.IsActiveAt(now);
    }

    // Snooze, quiet hours and days off move a nudge later in the recipient's own zone. "Starting soon" is dropped
    // instead: at 08:00 a reminder for a 07:45 meeting is noise (decision 0074).
    private DateTimeOffset? EffectiveDue(Candidate candidate, NudgeContext context)
    {
        var (profile, preferences) = Recipient(candidate, context);
        return DueFor(candidate.Kind, candidate.Nominal, profile, preferences);
    }

    /// <summary>
    /// When a nudge of <paramref name="kind"/> nominally due at <paramref name="nominal"/> may reach
    /// <paramref name="profile"/>: later for snooze, quiet hours and days off in their own zone; null when it should
    /// not go at all ("starting soon" in quiet hours or a snooze). Group sessions use the same rule (decision 0470).
    /// </summary>
    public DateTimeOffset? DueFor(NudgeKind kind, DateTimeOffset nominal, Profile profile, NudgePreferences? preferences)
    {
        var deferrable = kind != NudgeKind.StartingSoon;
        var at = nominal;
        if (preferences?.SnoozedUntil is { } snoozed && snoozed > at)
        {
            if (!deferrable)
            {
                return null;
            }

            at = snoozed;
        }

        var zone = TimeZones.Find(profile.TimeZoneId) ?? DateTimeZone.Utc;
        var quiet = preferences?.QuietHours
            ?? new QuietHours(LocalTime.FromTimeOnly(_timing.QuietHoursStart), LocalTime.FromTimeOnly(_timing.QuietHoursEnd));
        var local = Instant.FromDateTimeOffset(at).InZone(zone).LocalDateTime;
        if (!deferrable)
        {
            return quiet.Contains(local.TimeOfDay) ? null : at;
        }

        var allowed = quiet.NextAllowed(local);
        var morning = quiet.IsEmpty ? LocalTime.Midnight : quiet.End;
        for (var day = 0; day < 14 && IsDayOff(allowed.Date, profile); day++)
        {
            allowed = allowed.Date.PlusDays(1) + morning;
        }

        return allowed == local ? at : allowed.InZoneLeniently(zone).ToInstant().ToDateTimeOffset();
    }

    // Weekends and company holidays are not for mentoring prompts; with no working days at all there is nothing to wait for.
    private bool IsDayOff(LocalDate date, Profile profile) =>
        profile.WorkingHours.Days.Count > 0 && (!profile.WorkingHours.Days.Contains(date.DayOfWeek) || _holidays.Contains(date));

    private static (Profile Profile, NudgePreferences? Preferences) Recipient(Candidate candidate, NudgeContext context) =>
        candidate.Recipient == context.Mentorship.Senior
            ? (context.Senior, context.SeniorPreferences)
            : (context.Junior, context.JuniorPreferences);

    private static NudgeKey Key(string occasion, string? kind, UserId recipient) =>
        new(kind is null ? $"{occasion}:{recipient}" : $"{occasion}:{kind}:{recipient}");

    private sealed record Candidate(
        NudgeKey Key, UserId Recipient, NudgeKind Kind, DateTimeOffset Nominal, DateTimeOffset Expires, NudgePayload Payload);
}
