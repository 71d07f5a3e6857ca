using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Mentorships;

public enum MentorshipStatus
{
    Active,
    Paused,
    Ended,
}

/// <summary>Why a mentorship is paused. Only the program owner ever sees <see cref="Concern"/>.</summary>
public enum PauseReason
{
    RequestedByParticipant,
    Concern,
    ParticipantUnavailable,
    ProgramOwner,
}

public enum EndReason
{
    Completed,
    ClosedByParticipant,
    ClosedByProgramOwner,
    ParticipantLeft,
}

public enum MentorshipError
{
    NotActive,
    NotPaused,
    AlreadyEnded,
    EndNotAfterStart,
    InvalidCadence,
    SamePerson,
}

/// <summary>
/// State of a mentorship. Build it with <see cref="Active"/>, <see cref="Paused"/> or <see cref="Ended"/> so the
/// reason matches the status; the constructor is public for storage round-trips.
/// </summary>
public sealed record MentorshipState(
    MentorshipStatus Status, DateTimeOffset Since, PauseReason? PauseReason = null, EndReason? EndReason = null)
{
    public static MentorshipState Active(DateTimeOffset since) => new(MentorshipStatus.Active, since);

    public static MentorshipState Paused(DateTimeOffset since, PauseReason reason) => new(MentorshipStatus.Paused, since, reason);

    public static MentorshipState Ended(DateTimeOffset since, EndReason reason) => new(MentorshipStatus.Ended, since, null, reason);
}

/// <summary>
/// A senior and a junior learning from each other on one skill (and whatever they teach back). Immutable:
/// transitions return a new record or a typed error.
/// </summary>
public sealed record Mentorship(
    MentorshipId Id,
    UserId Senior,
    UserId Junior,
    SkillId Skill,
    ProgramId? Program,
    DateTimeOffset StartedAt,
    DateTimeOffset PlannedEnd,
    Cadence Cadence,
    MentorshipState State)
{
    /// <summary>The pair's tenant, the senior's (null: the default tenant); both people are always of the same one.</summary>
    public TenantId? Tenant { get; init; }

    public bool IsActive => State.Status == MentorshipStatus.Active;

    public bool Involves(UserId user) => user == Senior || user == Junior;

    /// <summary>The other person of the pair; only meaningful for a participant.</summary>
    public UserId OtherThan(UserId user) => user == Senior ? Junior : Senior;

    public static Result<Mentorship, MentorshipError> Start(
        MentorshipId id,
        UserId senior,
        UserId junior,
        SkillId skill,
        ProgramId? program,
        DateTimeOffset startedAt,
        DateTimeOffset plannedEnd,
        Cadence cadence)
    {
        if (senior == junior)
        {
            return MentorshipError.SamePerson;
        }

        if (plannedEnd <= startedAt)
        {
            return MentorshipError.EndNotAfterStart;
        }

        if (!cadence.IsValid)
        {
            return MentorshipError.InvalidCadence;
        }

        return new Mentorship(id, senior, junior, skill, program, startedAt, plannedEnd, cadence, MentorshipState.Active(startedAt));
    }

    public Result<Mentorship, MentorshipError> Pause(PauseReason reason, DateTimeOffset at) => State.Status switch
    {
        MentorshipStatus.Active => this with { State = MentorshipState.Paused(at, reason) },
        MentorshipStatus.Paused => MentorshipError.NotActive,
        _ => MentorshipError.AlreadyEnded,
    };

    public Result<Mentorship, MentorshipError> Resume(DateTimeOffset at) => State.Status switch
    {
        MentorshipStatus.Paused => this with { State = MentorshipState.Active(at) },
        MentorshipStatus.Active => MentorshipError.NotPaused,
        _ => MentorshipError.AlreadyEnded,
    };

    public Result<Mentorship, MentorshipError> End(EndReason reason, DateTimeOffset at) => State.Status switch
    {
        MentorshipStatus.Ended => MentorshipError.AlreadyEnded,
        _ => this with { State = MentorshipState.Ended(at, reason) },
    };

    /// <summary>"Continue" at the end of the period: a new planned end, which also earns a new end-of-period survey.</summary>
    public Result<Mentorship, MentorshipError> Extend(DateTimeOffset newPlannedEnd)
    {
        if (State.Status == MentorshipStatus.Ended)
        {
            return MentorshipError.AlreadyEnded;
        }

        return newPlannedEnd <= StartedAt ? MentorshipError.EndNotAfterStart : this with { PlannedEnd = newPlannedEnd };
    }

    /// <summary>The pair's own rhythm, overriding the program default.</summary>
    public Result<Mentorship, MentorshipError> ChangeCadence(Cadence cadence)
    {
        if (State.Status == MentorshipStatus.Ended)
        {
            return MentorshipError.AlreadyEnded;
        }

        return cadence.IsValid ? this with { Cadence = cadence } : MentorshipError.InvalidCadence;
    }
}
