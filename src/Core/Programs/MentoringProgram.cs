using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using NodaTime;

namespace MentorBot.Core.Programs;

/// <summary>Why the program exists, known to both sides of every pair.</summary>
/// <param name="Purpose">Free text, e.g. "Leadership team learns how our customers use short video".</param>
/// <param name="TargetSkills">Skills the program wants to grow; requests for them are what owners watch.</param>
public sealed record ProgramGoals(string Purpose, IReadOnlyList<SkillId> TargetSkills);

/// <summary>The cohort's calendar dates, inclusive. Dates, not instants: a cohort spans time zones.</summary>
public sealed record CohortDates(LocalDate Start, LocalDate End)
{
    public bool Contains(LocalDate date) => date >= Start && date <= End;
}

/// <summary>What new pairs start with; each pair may change their own cadence afterwards.</summary>
public sealed record MeetingDefaults(int EveryWeeks, TimeSpan Length)
{
    public Cadence ToCadence() => new(TimeSpan.FromDays(7 * EveryWeeks), Length);
}

/// <summary>
/// A reverse-mentoring program: goals, cohort dates, meeting defaults and the owners who run it. A tenant may run
/// several at once (one per business unit, a leadership cohort…).
/// </summary>
/// <param name="ReOfferWindow">How long a colleague has to answer an offer before it goes to the next one.</param>
/// <param name="ManagersMayBeCopied">Whether a participant may cc their manager on a thank-you; off by default
/// because some people would rather keep the program away from their line.</param>
/// <param name="SafeguardContacts">Who reads a concern when every owner is one of the two people it is about (an
/// HR partner, say); null or empty = the tenant's <c>Concerns:DefaultOwners</c> (decision 0240).</param>
public sealed record MentoringProgram(
    ProgramId Id,
    string Name,
    ProgramGoals Goals,
    CohortDates Cohort,
    MeetingDefaults Meetings,
    TimeSpan ReOfferWindow,
    IReadOnlyList<UserId> Owners,
    bool ManagersMayBeCopied = false,
    IReadOnlyList<UserId>? SafeguardContacts = null)
{
    public const int MaxSafeguardContacts = 20;

    public const int MaxNameLength = 100;
    public const int MaxPurposeLength = 2000;
    public const int MaxTargetSkills = 20;
    public const int MaxOwners = 20;
    public const int MaxEveryWeeks = 12;

    /// <summary>The tenant that runs the program (null: the default tenant); its members, rounds and reports never reach beyond it.</summary>
    public TenantId? Tenant { get; init; }

    /// <summary>Running, paused (no joins, no new matches; pairs keep meeting) or closed (for good). Decision 0440.</summary>
    public ProgramState State { get; init; } = ProgramState.Running;

    /// <summary>
    /// Whether colleagues who take part only to teach (role "teach") may also ask for help in the program: two-way
    /// learning. On by default, so programs saved before the setting existed behave as they did (decision 0445).
    /// </summary>
    public bool JuniorsMayAsk { get; init; } = true;

    /// <summary>How long a new pair's term runs, in calendar months; the end-of-term survey follows it.</summary>
    public int TermMonths { get; init; } = DefaultTermMonths;

    /// <summary>Who changed which setting, when, newest last; at most <see cref="MaxHistory"/> entries (decision 0440).</summary>
    public IReadOnlyList<ProgramChange> History { get; init; } = [];

    /// <summary>
    /// The Teams channel (its conversation id) an owner chose for announcing the program's group sessions, or null
    /// (decision 0475). The channel's conversation reference is kept by the bot under <see cref="SessionsChannelRecipient"/>.
    /// </summary>
    public string? SessionsChannel { get; init; }

    /// <summary>The outbox recipient that stands for the program's announcement channel (never a person's id: it has a prefix).</summary>
    public static Profiles.UserId SessionsChannelRecipient(ProgramId id) => new($"channel-{id.Value}");

    public const int DefaultTermMonths = 3;
    public const int MaxTermMonths = 24;
    public const int MaxHistory = 100;

    /// <summary>Whether people may join and new pairs may form: only while the program runs.</summary>
    public bool TakesNewPairs => State == ProgramState.Running;

    public static TimeSpan DefaultReOfferWindow { get; } = TimeSpan.FromHours(48);

    public static TimeSpan MinMeetingLength { get; } = TimeSpan.FromMinutes(15);

    public static TimeSpan MaxMeetingLength { get; } = TimeSpan.FromHours(4);

    public static TimeSpan MinReOfferWindow { get; } = TimeSpan.FromHours(4);

    public static TimeSpan MaxReOfferWindow { get; } = TimeSpan.FromDays(14);

    /// <summary>Longest cohort we accept; anything longer is almost certainly a typo in the year.</summary>
    public static Period MaxCohortLength { get; } = Period.FromYears(3);

    public bool IsOwnedBy(UserId user) => Owners.Contains(user);

    /// <summary>The program's safeguarding contacts; empty when it names none.</summary>
    public IReadOnlyList<UserId> Safeguarding => SafeguardContacts ?? [];

    /// <summary>Every problem with this program, empty when it may be saved. Errors are values: a form shows them all.</summary>
    public IReadOnlyList<ProgramError> Validate()
    {
        var errors = new List<ProgramError>();

        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(ProgramError.NameMissing);
        }
        else if (Name.Trim().Length > MaxNameLength)
        {
            errors.Add(ProgramError.NameTooLong);
        }

        // Programs run "because it's a trend" fail; a program must say what it is for.
        if (string.IsNullOrWhiteSpace(Goals.Purpose))
        {
            errors.Add(ProgramError.PurposeMissing);
        }
        else if (Goals.Purpose.Trim().Length > MaxPurposeLength)
        {
            errors.Add(ProgramError.PurposeTooLong);
        }

        if (Goals.TargetSkills.Count > MaxTargetSkills)
        {
            errors.Add(ProgramError.TooManyTargetSkills);
        }

        if (Goals.TargetSkills.Any(s => string.IsNullOrWhiteSpace(s.Value)))
        {
            errors.Add(ProgramError.BlankTargetSkill);
        }

        if (Goals.TargetSkills.Distinct().Count() != Goals.TargetSkills.Count)
        {
            errors.Add(ProgramError.DuplicateTargetSkill);
        }

        if (Cohort.End < Cohort.Start)
        {
            errors.Add(ProgramError.CohortEndsBeforeStart);
        }
        else if (Cohort.End > Cohort.Start.Plus(MaxCohortLength))
        {
            errors.Add(ProgramError.CohortTooLong);
        }

        if (Meetings.EveryWeeks is < 1 or > MaxEveryWeeks)
        {
            errors.Add(ProgramError.CadenceOutOfRange);
        }

        if (Meetings.Length < MinMeetingLength || Meetings.Length > MaxMeetingLength)
        {
            errors.Add(ProgramError.MeetingLengthOutOfRange);
        }

        if (TermMonths is < 1 or > MaxTermMonths)
        {
            errors.Add(ProgramError.TermOutOfRange);
        }

        if (ReOfferWindow < MinReOfferWindow || ReOfferWindow > MaxReOfferWindow)
        {
            errors.Add(ProgramError.ReOfferWindowOutOfRange);
        }

        // Concerns go to the owners; a program nobody owns would swallow them.
        if (Owners.Count == 0)
        {
            errors.Add(ProgramError.NoOwners);
        }
        else if (Owners.Count > MaxOwners)
        {
            errors.Add(ProgramError.TooManyOwners);
        }

        if (Owners.Any(o => string.IsNullOrWhiteSpace(o.AadObjectId)))
        {
            errors.Add(ProgramError.BlankOwner);
        }

        if (Owners.Distinct().Count() != Owners.Count)
        {
            errors.Add(ProgramError.DuplicateOwner);
        }

        if (Safeguarding.Count > MaxSafeguardContacts || Safeguarding.Any(c => string.IsNullOrWhiteSpace(c.AadObjectId)))
        {
            errors.Add(ProgramError.BadSafeguardContacts);
        }

        return errors;
    }
}

public enum ProgramError
{
    NameMissing,
    NameTooLong,
    PurposeMissing,
    PurposeTooLong,
    TooManyTargetSkills,
    BlankTargetSkill,
    DuplicateTargetSkill,
    CohortEndsBeforeStart,
    CohortTooLong,
    CadenceOutOfRange,
    MeetingLengthOutOfRange,
    ReOfferWindowOutOfRange,
    NoOwners,
    TooManyOwners,
    BlankOwner,
    DuplicateOwner,
    BadSafeguardContacts,
    TermOutOfRange,
}

/// <summary>Whether a program takes new members and new pairs.</summary>
public enum ProgramState
{
    Running,
    Paused,
    Closed,
}

/// <summary>One audited change of a program setting: who, when, which field, from what to what (short forms).</summary>
public sealed record ProgramChange(DateTimeOffset At, UserId By, string Field, string? From, string? To);
