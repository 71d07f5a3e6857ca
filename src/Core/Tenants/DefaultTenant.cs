namespace MentorBot.Core.Tenants;

/// <summary>
/// The deployment's default tenant (decision 0231): <c>Bot:DefaultTenantId</c>, else <c>MicrosoftAppTenantId</c>, else
/// the one allowed tenant, else (local development) <see cref="TenantId.LocalDevelopment"/>; <see cref="Id"/> is null
/// when none of those is configured. Rows written before MentorBot knew about tenants belong to it.
/// <para>
/// Inside Core the default tenant is written as <c>null</c>, so data from before tenants and in-memory records need no
/// migration and every comparison is plain equality. Stores translate at the edge: <see cref="Stored"/> on the way
/// in (every row they write names its tenant, so old rows migrate as they are written), <see cref="InCore"/> on the
/// way out (a row without a tenant, or with the default one, is null).
/// </para>
/// </summary>
public sealed record DefaultTenant(TenantId? Id)
{
    /// <summary>The tenant to store for a Core value: the default one for null.</summary>
    public TenantId? Stored(TenantId? inCore) => inCore ?? Id;

    /// <summary>The Core value for a stored tenant: null for none (a row from before tenants) or the default one.</summary>
    public TenantId? InCore(TenantId? stored) => stored == Id ? null : stored;

    /// <summary>The same for a raw stored property (missing or blank is "from before tenants").</summary>
    public TenantId? InCore(string? stored) => InCore(TenantId.From(stored));
}
