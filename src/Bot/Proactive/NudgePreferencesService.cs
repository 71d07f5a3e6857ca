using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;

namespace MentorBot.Bot.Proactive;

/// <summary>Where each person's own say over nudges is kept (the storage adapter implements it).</summary>
public interface INudgePreferencesStore
{
    Task<NudgePreferences?> GetAsync(UserId user, CancellationToken cancellationToken);

    Task SaveAsync(NudgePreferences preferences, CancellationToken cancellationToken);

    /// <summary>Forget me: the person's reminder settings go with the rest of their data.</summary>
    Task DeleteAsync(UserId user, CancellationToken cancellationToken);
}

/// <summary>
/// Snooze and mute for the "nudge settings" dialog. Changes apply to nudges already queued: the dispatcher re-checks
/// preferences just before sending (muted kinds are dropped, snoozed ones put back until the snooze ends).
/// Every change is saved under the tenant the person's turn was served as (decision 0235); settings saved under
/// another tenant are not shown to this one, and a change here replaces them.
/// </summary>
public sealed class NudgePreferencesService(INudgePreferencesStore store, TimeProvider timeProvider)
{
    public static readonly TimeSpan LongestSnooze = TimeSpan.FromDays(90);

    public Task<NudgePreferences> GetAsync(UserId user, TenantId? tenant, CancellationToken cancellationToken) =>
        LoadAsync(user, tenant, cancellationToken);

    public Task<NudgePreferences> MuteAsync(UserId user, TenantId? tenant, NudgeKind kind, CancellationToken cancellationToken) =>
        ChangeAsync(user, tenant, p => p.Mute(kind), cancellationToken);

    public Task<NudgePreferences> UnmuteAsync(UserId user, TenantId? tenant, NudgeKind kind, CancellationToken cancellationToken) =>
        ChangeAsync(user, tenant, p => p.Unmute(kind), cancellationToken);

    /// <summary>Nothing for <paramref name="duration"/> (at most <see cref="LongestSnooze"/>; a break, not an exit).</summary>
    public Task<NudgePreferences> SnoozeAsync(UserId user, TenantId? tenant, TimeSpan duration, CancellationToken cancellationToken)
    {
        var until = timeProvider.GetUtcNow() + (duration > LongestSnooze ? LongestSnooze : duration);
        return ChangeAsync(user, tenant, p => p.SnoozeUntil(until), cancellationToken);
    }

    public Task<NudgePreferences> EndSnoozeAsync(UserId user, TenantId? tenant, CancellationToken cancellationToken) =>
        ChangeAsync(user, tenant, p => p with { SnoozedUntil = null }, cancellationToken);

    private async Task<NudgePreferences> LoadAsync(UserId user, TenantId? tenant, CancellationToken cancellationToken) =>
        await store.GetAsync(user, cancellationToken) is { } stored && stored.Tenant == tenant
            ? stored
            : NudgePreferences.None(user) with { Tenant = tenant };

    private async Task<NudgePreferences> ChangeAsync(UserId user, TenantId? tenant, Func<NudgePreferences, NudgePreferences> change, CancellationToken cancellationToken)
    {
        var changed = change(await LoadAsync(user, tenant, cancellationToken)) with { Tenant = tenant };
        await store.SaveAsync(changed, cancellationToken);
        return changed;
    }
}
