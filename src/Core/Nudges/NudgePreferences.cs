using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;
using NodaTime;

namespace MentorBot.Core.Nudges;

/// <summary>Local times during which nobody is pinged. Start after End means the window spans midnight.</summary>
public sealed record QuietHours(LocalTime Start, LocalTime End)
{
    public bool IsEmpty => Start == End;

    public bool Contains(LocalTime time) =>
        !IsEmpty && (Start < End ? time >= Start && time < End : time >= Start || time < End);

    /// <summary>The first allowed local moment at or after <paramref name="local"/>.</summary>
    public LocalDateTime NextAllowed(LocalDateTime local)
    {
        if (!Contains(local.TimeOfDay))
        {
            return local;
        }

        var endsTomorrow = Start > End && local.TimeOfDay >= Start;
        return (endsTomorrow ? local.Date.PlusDays(1) : local.Date) + End;
    }
}

/// <summary>A person's own say over nudges: kinds they muted, a snooze, and optionally their own quiet hours.</summary>
public sealed record NudgePreferences(
    UserId User,
    IReadOnlyList<NudgeKind> MutedKinds,
    DateTimeOffset? SnoozedUntil = null,
    QuietHours? QuietHours = null)
{
    /// <summary>
    /// The tenant the person was served as when they last changed these settings (null: the default tenant, decisions
    /// 0230, 0231, 0235); stored as a row property, never taken from a card.
    /// </summary>
    public TenantId? Tenant { get; init; }

    public static NudgePreferences None(UserId user) => new(user, []);

    public bool Mutes(NudgeKind kind) => MutedKinds.Contains(kind);

    public NudgePreferences Mute(NudgeKind kind) => Mutes(kind) ? this : this with { MutedKinds = [.. MutedKinds, kind] };

    public NudgePreferences Unmute(NudgeKind kind) => this with { MutedKinds = [.. MutedKinds.Where(k => k != kind)] };

    public NudgePreferences SnoozeUntil(DateTimeOffset until) => this with { SnoozedUntil = until };
}
