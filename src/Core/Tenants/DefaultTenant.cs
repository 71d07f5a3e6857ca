namespace MentorBot.Core.Tenants;

/// <summary>
/// The tenant that rows written before MentorBot knew about tenants belong to (decision 0231): <c>Bot:DefaultTenantId</c>,
/// else <c>MicrosoftAppTenantId</c>, else the one allowed tenant, else (local development) <see cref="TenantId.LocalDevelopment"/>.
/// Stores read a row without a tenant as this one's; the next write stores it, so old data migrates as it is used.
/// <see cref="Id"/> is null when none of those is configured: such rows then belong to nobody until one is.
/// </summary>
public sealed record DefaultTenant(TenantId? Id)
{
    /// <summary>A stored tenant, or this default for a row from before tenants.</summary>
    public TenantId? Resolve(TenantId? stored) => stored ?? Id;

    /// <summary>The same for a raw stored value (a missing or blank property is "from before tenants").</summary>
    public TenantId? Resolve(string? stored) => TenantId.From(stored) ?? Id;
}
