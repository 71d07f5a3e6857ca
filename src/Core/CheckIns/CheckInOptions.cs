using MentorBot.Core.Mentorships;
using MentorBot.Core.Programs;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.CheckIns;

/// <summary>Cadence defaults for a program (or the whole tenant).</summary>
public sealed class CadenceOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(14);

    public TimeSpan MeetingLength { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Length of a pairing in calendar months, after which both get the end-of-period survey.</summary>
    public int TermMonths { get; set; } = 3;

    public Cadence ToCadence() => new(Interval, MeetingLength);
}

/// <summary>When nudges are due relative to the meeting, and how long they stay worth sending.</summary>
public sealed class NudgeTimingOptions
{
    public TimeSpan AgendaPrepLead { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan StartingSoonLead { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Asking "did you meet?" the second a meeting ends interrupts people who are still talking.</summary>
    public TimeSpan PostMeetingDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>After this, a post-meeting or thank-you prompt is stale and is not sent at all.</summary>
    public TimeSpan ResponseWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Inactivity nudge after this many cadence intervals without a held or scheduled check-in.</summary>
    public int InactivityIntervals { get; set; } = 2;

    /// <summary>Gentle means bounded: after this many inactivity nudges the program owner, not the bot, follows up.</summary>
    public int MaxInactivityNudges { get; set; } = 2;

    public TimeOnly QuietHoursStart { get; set; } = new(20, 0);

    public TimeOnly QuietHoursEnd { get; set; } = new(8, 0);
}

/// <summary>Check-in scheduling and nudging, bound from the <c>CheckIns</c> section.</summary>
public sealed class CheckInOptions
{
    public const string SectionName = "CheckIns";

    public CadenceOptions Default { get; set; } = new();

    /// <summary>Per-program cadence defaults, keyed by program id; a pair can still override its own cadence.</summary>
    public Dictionary<string, CadenceOptions> Programs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Days nobody is offered a check-in (company-wide holidays), as local dates in each person's zone.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Proposed start times sit on this grid in the senior's local time (:00/:30 by default).</summary>
    public TimeSpan SlotGrid { get; set; } = TimeSpan.FromMinutes(30);

    public int SlotsToPropose { get; set; } = 3;

    /// <summary>How many days past the target date the slot finder looks before it gives up.</summary>
    public int SearchDays { get; set; } = 21;

    /// <summary>A slot this close to "now" is not offered: people need time to accept it.</summary>
    public TimeSpan MinimumNotice { get; set; } = TimeSpan.FromHours(4);

    public TimeSpan FirstCheckInAfter { get; set; } = TimeSpan.FromDays(2);

    public NudgeTimingOptions Nudges { get; set; } = new();

    /// <summary>
    /// For pairs outside any program: whether a senior may copy the junior's manager on a thank-you (the junior's
    /// effort recognised). Off unless the organisation opts in; programs carry their own switch.
    /// </summary>
    public bool ManagersMayBeCopied { get; set; }

    /// <summary>How long "Maybe later" on the thank-you prompt waits before asking once more.</summary>
    public TimeSpan ThanksLaterDelay { get; set; } = TimeSpan.FromDays(1);

    public CadenceOptions CadenceFor(ProgramId? program) =>
        program is { } id && Programs.TryGetValue(id.Value, out var options) ? options : Default;
}

public sealed class CheckInOptionsValidator : IValidateOptions<CheckInOptions>
{
    public ValidateOptionsResult Validate(string? name, CheckInOptions options)
    {
        var failures = new List<string>();
        Check(options.Default, "Default", failures);
        foreach (var (program, cadence) in options.Programs)
        {
            Check(cadence, $"Programs:{program}", failures);
        }

        if (options.SlotGrid < TimeSpan.FromMinutes(5) || TimeSpan.FromDays(1).Ticks % options.SlotGrid.Ticks != 0)
        {
            failures.Add("SlotGrid must divide a day and be at least 5 minutes.");
        }

        if (options.SlotsToPropose is < 1 or > 10)
        {
            failures.Add("SlotsToPropose must be between 1 and 10.");
        }

        if (options.SearchDays is < 1 or > 90)
        {
            failures.Add("SearchDays must be between 1 and 90.");
        }

        if (options.MinimumNotice < TimeSpan.Zero || options.FirstCheckInAfter < TimeSpan.Zero)
        {
            failures.Add("MinimumNotice and FirstCheckInAfter cannot be negative.");
        }

        if (options.ThanksLaterDelay < TimeSpan.FromHours(1) || options.ThanksLaterDelay > TimeSpan.FromDays(14))
        {
            failures.Add("ThanksLaterDelay must be between 1 hour and 14 days.");
        }

        var nudges = options.Nudges;
        if (nudges.AgendaPrepLead <= nudges.StartingSoonLead || nudges.StartingSoonLead <= TimeSpan.Zero)
        {
            failures.Add("Nudges: AgendaPrepLead must be longer than StartingSoonLead, and both positive.");
        }

        if (nudges.PostMeetingDelay < TimeSpan.Zero || nudges.ResponseWindow <= nudges.PostMeetingDelay)
        {
            failures.Add("Nudges: PostMeetingDelay cannot be negative and ResponseWindow must be longer.");
        }

        if (nudges.InactivityIntervals < 1 || nudges.MaxInactivityNudges < 0)
        {
            failures.Add("Nudges: InactivityIntervals must be at least 1 and MaxInactivityNudges not negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(CadenceOptions cadence, string path, List<string> failures)
    {
        if (!cadence.ToCadence().IsValid)
        {
            failures.Add($"{path}: Interval must be whole days (1–92) and MeetingLength 10 minutes to 4 hours.");
        }

        if (cadence.TermMonths is < 1 or > 24)
        {
            failures.Add($"{path}: TermMonths must be between 1 and 24.");
        }
    }
}
