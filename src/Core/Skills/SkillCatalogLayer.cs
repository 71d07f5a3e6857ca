using MentorBot.Core.Persistence;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Skills;

/// <summary>A skill a tenant's owners added on top of the built-in catalog (decision 0450).</summary>
public sealed record OwnerSkill(SkillId Id, string Name, string Category, SkillDirection Direction, IReadOnlyList<string> Aliases)
{
    public SkillDefinition ToDefinition() => new(Id, Name, Category, Direction, Aliases);
}

/// <summary>One duplicate folded into another: people and requests naming <paramref name="Merged"/> mean <paramref name="Survivor"/>.</summary>
public sealed record SkillMerge(SkillId Merged, SkillId Survivor);

/// <summary>
/// What a tenant's owners changed on top of <c>skills.json</c> (the base layer): skills added, skills retired (still
/// known and shown where people already have them, never offered for a new ask) and duplicates merged.
/// </summary>
public sealed record SkillCatalogLayer(IReadOnlyList<OwnerSkill> Added, IReadOnlyList<SkillId> Retired, IReadOnlyList<SkillMerge> Merges)
{
    public static SkillCatalogLayer Empty { get; } = new([], [], []);
}

public enum SkillCatalogAction
{
    Added,
    Retired,
    Merged,
}

/// <summary>
/// Who changed a tenant's catalog, what and when. <paramref name="Actor"/> is the owner's Entra object id (forget-me
/// rewrites it to "forgotten"); <paramref name="Into"/> is the survivor of a merge.
/// </summary>
public sealed record SkillCatalogAuditEntry(DateTimeOffset At, string Actor, SkillCatalogAction Action, SkillId Skill, SkillId? Into, string SkillName);

/// <summary>A tenant's layer as stored: its version for a conditional write, and the tenant's catalog marker after it.</summary>
public sealed record StoredSkillCatalog(SkillCatalogLayer Layer, ETag ETag, string Marker);

/// <summary>
/// Where each tenant's catalog layer lives (decision 0450). A save writes the layer, moves the tenant's small catalog
/// marker and appends the audit entry in one atomic step; a stale <c>ifMatch</c> is a
/// <see cref="ConcurrencyConflictException"/> and writes nothing.
/// </summary>
public interface ISkillCatalogStore
{
    Task<StoredSkillCatalog?> GetAsync(TenantId? tenant, CancellationToken cancellationToken);

    /// <summary>The tenant's catalog marker (null: never changed): one small point read, how other instances notice a change.</summary>
    Task<string?> ReadMarkerAsync(TenantId? tenant, CancellationToken cancellationToken);

    /// <param name="ifMatch">The version read; null only when nothing was stored yet (insert).</param>
    Task<StoredSkillCatalog> SaveAsync(TenantId? tenant, SkillCatalogLayer layer, ETag? ifMatch, SkillCatalogAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The tenant's audit trail, newest first.</summary>
    Task<IReadOnlyList<SkillCatalogAuditEntry>> ListAuditAsync(TenantId? tenant, int max, CancellationToken cancellationToken);
}

/// <summary>A host without storage (Core tests): the layer lives with the process.</summary>
public sealed class InProcessSkillCatalogStore : ISkillCatalogStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredSkillCatalog> _layers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SkillCatalogAuditEntry>> _audit = new(StringComparer.Ordinal);

    public Task<StoredSkillCatalog?> GetAsync(TenantId? tenant, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_layers.GetValueOrDefault(Key(tenant)));
        }
    }

    public Task<string?> ReadMarkerAsync(TenantId? tenant, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_layers.GetValueOrDefault(Key(tenant))?.Marker);
        }
    }

    public Task<StoredSkillCatalog> SaveAsync(TenantId? tenant, SkillCatalogLayer layer, ETag? ifMatch, SkillCatalogAuditEntry audit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var current = _layers.GetValueOrDefault(Key(tenant));
            if (current?.ETag != ifMatch)
            {
                throw new ConcurrencyConflictException(
                    current is null ? ConcurrencyConflictKind.EntityMissing : ifMatch is null ? ConcurrencyConflictKind.EntityExists : ConcurrencyConflictKind.PreconditionFailed,
                    "The skill catalog changed since it was read.");
            }

            var version = Guid.NewGuid().ToString("N");
            var stored = new StoredSkillCatalog(layer, new ETag(version), version);
            _layers[Key(tenant)] = stored;
            if (!_audit.TryGetValue(Key(tenant), out var trail))
            {
                trail = [];
                _audit[Key(tenant)] = trail;
            }

            trail.Add(audit);
            return Task.FromResult(stored);
        }
    }

    public Task<IReadOnlyList<SkillCatalogAuditEntry>> ListAuditAsync(TenantId? tenant, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<SkillCatalogAuditEntry> trail = _audit.TryGetValue(Key(tenant), out var entries)
                ? [.. entries.AsEnumerable().Reverse().Take(max)]
                : [];
            return Task.FromResult(trail);
        }
    }

    private static string Key(TenantId? tenant) => tenant?.Value ?? string.Empty;
}
