using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using NodaTime;

namespace MentorBot.Core.Profiles;

/// <summary>What a person has told MentorBot about themselves. Immutable; services produce changed copies.</summary>
/// <param name="TimeZoneId">IANA time-zone id (Windows ids are converted on the way in).</param>
/// <param name="Capacity">Maximum number of active mentorships this person wants at once.</param>
public sealed record Profile(
    UserId Id,
    string DisplayName,
    string? Email,
    string? Department,
    UserId? ManagerId,
    CareerLevel Level,
    string TimeZoneId,
    WorkingHours WorkingHours,
    IReadOnlyList<string> Languages,
    int Capacity,
    Participation Participation,
    ProgramRole Role,
    IReadOnlyList<OfferedSkill> Offers,
    IReadOnlyList<WantedSkill> Wants,
    TeamsUserId? TeamsId = null)
{
    /// <summary>The directory the person belongs to, null for the default tenant (decisions 0230, 0231); only people of the same tenant ever see each other.</summary>
    public TenantId? Tenant { get; init; }

    /// <summary>What the organisation's directory last said beyond <see cref="Email"/>, and when; null until it was read once (decision 0360).</summary>
    public DirectoryFacts? Directory { get; init; }

    /// <summary>
    /// The managers above <see cref="ManagerId"/>, nearest first, as the organisation's directory lists them (decision
    /// 0400); empty without a directory. Matching links a person to the nearest of these who has a profile, so the
    /// reporting-line rule holds through managers who never use MentorBot. <see cref="ManagerId"/> stays the direct manager.
    /// </summary>
    public IReadOnlyList<UserId> LineAbove { get; init; } = [];

    /// <summary>
    /// The language the person chose for MentorBot's messages (a language tag such as "sv"), or null to follow their
    /// Teams locale. Not <see cref="Languages"/>, which lists what they are happy to meet in.
    /// </summary>
    public string? Language { get; init; }

    public bool CanTeach => Role is ProgramRole.Teach or ProgramRole.Both;

    public bool CanLearn => Role is ProgramRole.Learn or ProgramRole.Both;

    public SkillLevel LevelIn(SkillId skill)
    {
        foreach (var offer in Offers)
        {
            if (offer.Skill == skill)
            {
                return offer.Level;
            }
        }

        foreach (var want in Wants)
        {
            if (want.Skill == skill)
            {
                return want.Current;
            }
        }

        return SkillLevel.None;
    }
}

/// <summary>The directory's sign-in name for the person (UPN) and when the directory was last read for them.</summary>
public sealed record DirectoryFacts(string? UserPrincipalName, DateTimeOffset CheckedAt);

/// <summary>Seniority on the company's career ladder: 1 is entry level; higher is more senior.</summary>
public readonly record struct CareerLevel(int Value);

/// <summary>Whether someone learns, teaches, or both (two-way mentoring).</summary>
public enum ProgramRole
{
    Learn,
    Teach,
    Both,
}

/// <summary>Days and local hours a person is usually available for a check-in, in their own time zone.</summary>
public sealed record WorkingHours(IReadOnlyList<IsoDayOfWeek> Days, LocalTime Start, LocalTime End)
{
    public static WorkingHours Default { get; } = new(
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        new LocalTime(9, 0),
        new LocalTime(17, 0));
}

public enum ParticipationState
{
    Active,
    Paused,
    OptedOut,

    /// <summary>
    /// Put on a list by an owner's import; the person has not said yes themselves. Never offered, ranked, counted or
    /// shown to anyone until they join on the program's consent card or save their own profile in chat (0242).
    /// </summary>
    Invited,
}

/// <summary>Active, paused until a date (then active again by itself), opted out, or invited and not yet consented.</summary>
public sealed record Participation(ParticipationState State, DateTimeOffset? PausedUntil = null)
{
    public static Participation Active { get; } = new(ParticipationState.Active);

    public static Participation Invited { get; } = new(ParticipationState.Invited);

    /// <summary>Whether the person has said yes themselves (chat onboarding or a consent card); only then may they be matched.</summary>
    public bool HasConsented => State != ParticipationState.Invited;

    public static Participation OptedOut { get; } = new(ParticipationState.OptedOut);

    public static Participation PausedUntilDate(DateTimeOffset until) => new(ParticipationState.Paused, until);

    public bool IsActiveAt(DateTimeOffset now) => State switch
    {
        ParticipationState.Active => true,
        ParticipationState.Paused => PausedUntil is { } until && now >= until,
        _ => false,
    };
}
