using System.Collections.Concurrent;
using MentorBot.Core.Persistence;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Skills;

/// <summary>How fast a catalog change on one bot instance reaches the others (decision 0450).</summary>
public sealed class SkillCatalogOptions
{
    public const string SectionName = "Skills";

    /// <summary>
    /// How often an instance reads a tenant's catalog marker (one small point read) to learn of another instance's
    /// change: a change is used everywhere at most this long after it was saved (default 10 s, 1 s to 1 h). The
    /// instance that saved it uses it at once.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether the profile and ask cards' skill pickers carry Teams' type-ahead query (<c>choices.data</c>, answered by
    /// the <c>application/search</c> invoke). On by default, as Teams supports it. The Microsoft 365 Agents Playground
    /// does not ("Typeahead Search is not supported yet", its log says) and then offers no choice at all, so
    /// <c>scripts/run</c> and the end-to-end harness turn it off and the pickers carry their static choices only.
    /// </summary>
    public bool TypeAheadSearch { get; set; } = true;
}

internal sealed class SkillCatalogOptionsValidator : IValidateOptions<SkillCatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, SkillCatalogOptions options) =>
        options.RefreshInterval < TimeSpan.FromSeconds(1) || options.RefreshInterval > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail($"{SkillCatalogOptions.SectionName}:RefreshInterval must be between 00:00:01 and 01:00:00.")
            : ValidateOptionsResult.Success;
}

/// <summary>
/// Each tenant's catalog, kept with the process like the live matching index (decision 0185): read once, then kept
/// current by this instance's own saves at once and, for other instances' saves, by the tenant's catalog marker,
/// read at most every <see cref="SkillCatalogOptions.RefreshInterval"/>. Between checks an answer costs no I/O, so
/// the type-ahead and the free-text resolver stay in memory.
/// </summary>
public sealed partial class TenantSkillCatalogs(
    SkillCatalog builtIn, ISkillCatalogStore store, IOptions<SkillCatalogOptions> options, TimeProvider time, ILogger<TenantSkillCatalogs> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _tenants = new(StringComparer.Ordinal);

    /// <summary>The built-in catalog alone (the base layer).</summary>
    public SkillCatalog BuiltIn => builtIn;

    /// <summary>The tenant's catalog now (within the refresh interval for other instances' changes).</summary>
    public async ValueTask<TenantSkillCatalog> ForAsync(TenantId? tenant, CancellationToken cancellationToken)
    {
        var entry = _tenants.GetOrAdd(Key(tenant), _ => new Entry());
        var current = entry.Current;
        if (current is not null && Fresh(entry))
        {
            return current;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            current = entry.Current;
            if (current is not null && Fresh(entry))
            {
                return current;
            }

            var now = time.GetUtcNow().UtcTicks;

            try
            {
                var marker = await store.ReadMarkerAsync(tenant, cancellationToken);
                if (current is null || marker != current.Marker)
                {
                    var stored = marker is null ? null : await store.GetAsync(tenant, cancellationToken);
                    current = stored is null ? TenantSkillCatalog.BaseOnly(builtIn) : TenantSkillCatalog.Build(builtIn, stored.Layer, stored.Marker);
                    if (entry.Current is not null)
                    {
                        Log.Refreshed(logger, current.Offered.Count);
                    }

                    entry.Current = current;
                }
            }
            catch (StorageUnavailableException) when (current is not null)
            {
                // The catalog read last keeps answering; the next call after the interval tries again.
                Log.RefreshFailed(logger);
            }

            Interlocked.Exchange(ref entry.CheckedAt, now);
            return current;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>What this instance just saved: used from the next call on, without waiting for the interval.</summary>
    public TenantSkillCatalog Saved(TenantId? tenant, StoredSkillCatalog stored)
    {
        var built = TenantSkillCatalog.Build(builtIn, stored.Layer, stored.Marker);
        var entry = _tenants.GetOrAdd(Key(tenant), _ => new Entry());
        entry.Current = built;
        Interlocked.Exchange(ref entry.CheckedAt, time.GetUtcNow().UtcTicks);
        return built;
    }

    /// <summary>
    /// What is in memory for the tenant, without I/O (the built-in catalog when it was never read): for synchronous
    /// callers such as profile validation, which only run after the turn read the catalog.
    /// </summary>
    public TenantSkillCatalog Peek(TenantId? tenant) =>
        _tenants.TryGetValue(Key(tenant), out var entry) && entry.Current is { } current ? current : BaseOnly;

    /// <summary>
    /// A display name for views without a tenant at hand: the built-in name, else the name a loaded tenant's catalog
    /// gives the id (an owner's skill id exists in a person's records only when their tenant's catalog has it).
    /// </summary>
    public string NameOfAnyTenant(SkillId id)
    {
        if (builtIn.Find(id) is { } known && Peek(null).MergedInto(id) is null)
        {
            return known.Name;
        }

        foreach (var entry in _tenants.Values)
        {
            if (entry.Current is { } catalog && catalog.Knows(id))
            {
                return catalog.NameOf(id);
            }
        }

        return builtIn.NameOf(id);
    }

    private TenantSkillCatalog BaseOnly => field ??= TenantSkillCatalog.BaseOnly(builtIn);

    private static string Key(TenantId? tenant) => tenant?.Value ?? string.Empty;

    // The host's clock (a test's manual clock moves it); a clock set back counts as "time to check".
    private bool Fresh(Entry entry)
    {
        var elapsed = time.GetUtcNow().UtcTicks - Interlocked.Read(ref entry.CheckedAt);
        return elapsed >= 0 && elapsed < options.Value.RefreshInterval.Ticks;
    }

    private sealed class Entry
    {
        public long CheckedAt;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile TenantSkillCatalog? Current;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Skill catalog read again after another instance changed it: {Offered} skills offered")]
        public static partial void Refreshed(ILogger logger, int offered);

        [LoggerMessage(2, LogLevel.Warning, "Skill catalog could not be read again; the catalog read last keeps answering")]
        public static partial void RefreshFailed(ILogger logger);
    }
}
