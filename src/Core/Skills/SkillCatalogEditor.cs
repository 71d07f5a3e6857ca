using System.Security.Cryptography;
using System.Text;
using MentorBot.Core.Persistence;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Skills;

/// <summary>Why an owner's catalog change was refused; the host words each (problem details, the page).</summary>
public enum SkillEditProblem
{
    NameMissing,
    NameTooLong,
    AliasTooLong,
    TooManyAliases,
    CategoryTooLong,
    NoLetters,
    NameTaken,
    AliasTaken,
    UnknownSkill,
    AlreadyRetired,
    AlreadyMerged,
    SameSkill,
    SurvivorRetired,
    TooManySkills,
}

/// <param name="Text">The name or alias concerned; <paramref name="Other"/> the skill it clashes with.</param>
public sealed record SkillEditError(SkillEditProblem Problem, string Field, string? Text = null, SkillId? Other = null);

/// <summary>What an owner typed to add a skill.</summary>
public sealed record NewSkill(string? Name, IReadOnlyList<string>? Aliases, string? Category = null, SkillDirection Direction = SkillDirection.Either);

/// <summary>An alias a new owner skill took from a built-in skill ("prompting" no longer means Generative AI).</summary>
public sealed record TakenAlias(string Alias, SkillId From);

public abstract record SkillEditOutcome
{
    private SkillEditOutcome()
    {
    }

    public sealed record Done(TenantSkillCatalog Catalog, StoredSkillCatalog Stored, SkillId Skill, IReadOnlyList<TakenAlias> Taken) : SkillEditOutcome;

    public sealed record Invalid(IReadOnlyList<SkillEditError> Errors) : SkillEditOutcome;

    /// <summary>The catalog changed since the owner read it (their If-Match is stale): nothing was written.</summary>
    public sealed record Conflict(TenantSkillCatalog Current) : SkillEditOutcome;
}

/// <summary>
/// Owners' changes to their tenant's catalog (decision 0450): add a skill with aliases, retire one, merge a duplicate
/// into another. Each is validated against the tenant's catalog as stored, written with the version read (a stale
/// version from the owner's page is a <see cref="SkillEditOutcome.Conflict"/>), audited in the same write, and used
/// by this instance at once.
/// </summary>
public sealed class SkillCatalogEditor(TenantSkillCatalogs catalogs, ISkillCatalogStore store, TimeProvider time)
{
    public const int MaxNameLength = 80;
    public const int MaxAliasLength = 80;
    public const int MaxAliases = 30;
    public const int MaxCategoryLength = 60;
    public const int MaxOwnerSkills = 3000;
    private const int MaxSlugLength = 60;
    private const int MaxWriteAttempts = 5;

    public Task<SkillEditOutcome> AddAsync(TenantId? tenant, string actor, NewSkill input, ETag? ifMatch, CancellationToken cancellationToken) =>
        EditAsync(tenant, ifMatch, actor, catalog => PlanAdd(catalog, input), cancellationToken);

    public Task<SkillEditOutcome> RetireAsync(TenantId? tenant, string actor, SkillId skill, ETag? ifMatch, CancellationToken cancellationToken) =>
        EditAsync(tenant, ifMatch, actor, catalog =>
        {
            if (!catalog.Knows(skill))
            {
                return Plan.Fail(new SkillEditError(SkillEditProblem.UnknownSkill, "skill", skill.Value));
            }

            if (catalog.IsRetired(skill))
            {
                return Plan.Fail(new SkillEditError(SkillEditProblem.AlreadyRetired, "skill", skill.Value));
            }

            if (catalog.MergedInto(skill) is { } survivor)
            {
                return Plan.Fail(new SkillEditError(SkillEditProblem.AlreadyMerged, "skill", skill.Value, survivor));
            }

            var layer = catalog.Layer with { Retired = [.. catalog.Layer.Retired, skill] };
            return new Plan(layer, skill, SkillCatalogAction.Retired, null, catalog.NameOf(skill), [], []);
        }, cancellationToken);

    public Task<SkillEditOutcome> MergeAsync(TenantId? tenant, string actor, SkillId merged, SkillId survivor, ETag? ifMatch, CancellationToken cancellationToken) =>
        EditAsync(tenant, ifMatch, actor, catalog =>
        {
            var errors = new List<SkillEditError>();
            if (!catalog.Knows(merged))
            {
                errors.Add(new SkillEditError(SkillEditProblem.UnknownSkill, "skill", merged.Value));
            }

            if (!catalog.Knows(survivor))
            {
                errors.Add(new SkillEditError(SkillEditProblem.UnknownSkill, "into", survivor.Value));
            }

            if (errors.Count > 0)
            {
                return Plan.Fail([.. errors]);
            }

            if (catalog.Canonical(merged) == catalog.Canonical(survivor))
            {
                return Plan.Fail(new SkillEditError(SkillEditProblem.SameSkill, "into", survivor.Value));
            }

            if (catalog.MergedInto(merged) is { } already)
            {
                return Plan.Fail(new SkillEditError(SkillEditProblem.AlreadyMerged, "skill", merged.Value, already));
            }

            var target = catalog.Canonical(survivor);
            if (catalog.IsRetired(target))
            {
                return Plan.Fail(new SkillEditError(SkillEditProblem.SurvivorRetired, "into", target.Value));
            }

            var layer = catalog.Layer with
            {
                Merges = [.. catalog.Layer.Merges, new SkillMerge(merged, target)],
                Retired = [.. catalog.Layer.Retired.Where(r => r != merged)],
            };
            return new Plan(layer, merged, SkillCatalogAction.Merged, target, catalog.NameOf(merged), [], []);
        }, cancellationToken);

    /// <summary>A slug id for a new skill's name ("Prompt engineering" → <c>prompt-engineering</c>).</summary>
    public static string SlugOf(string name)
    {
        var builder = new StringBuilder();
        foreach (var token in SkillText.Tokenize(name))
        {
            var word = new StringBuilder();
            foreach (var c in token.Text)
            {
                _ = c switch
                {
                    '#' => word.Append("sharp"),
                    '+' => word.Append("plus"),
                    '&' => word.Append("and"),
                    >= 'a' and <= 'z' or >= '0' and <= '9' => word.Append(c),
                    _ => word,
                };
            }

            if (word.Length > 0 && builder.Length + word.Length + 1 <= MaxSlugLength)
            {
                builder.Append(builder.Length > 0 ? "-" : string.Empty).Append(word);
            }
        }

        // A name in a script without Latin letters still gets a stable id.
        return builder.Length > 0
            ? builder.ToString()
            : "skill-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name.Trim()))).ToLowerInvariant()[..10];
    }

    private static Plan PlanAdd(TenantSkillCatalog catalog, NewSkill input)
    {
        var errors = new List<SkillEditError>();
        var name = input.Name?.Trim() ?? string.Empty;
        var aliases = (input.Aliases ?? []).Select(a => a?.Trim() ?? string.Empty).Where(a => a.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var category = string.IsNullOrWhiteSpace(input.Category) ? "Other" : input.Category.Trim();
        if (name.Length == 0)
        {
            errors.Add(new SkillEditError(SkillEditProblem.NameMissing, "name"));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new SkillEditError(SkillEditProblem.NameTooLong, "name", name[..MaxNameLength]));
        }
        else if (TenantSkillCatalog.KeyOf(name).Length == 0)
        {
            errors.Add(new SkillEditError(SkillEditProblem.NoLetters, "name", name));
        }

        if (aliases.Count > MaxAliases)
        {
            errors.Add(new SkillEditError(SkillEditProblem.TooManyAliases, "aliases"));
        }

        foreach (var alias in aliases)
        {
            if (alias.Length > MaxAliasLength)
            {
                errors.Add(new SkillEditError(SkillEditProblem.AliasTooLong, "aliases", alias[..MaxAliasLength]));
            }
            else if (TenantSkillCatalog.KeyOf(alias).Length == 0)
            {
                errors.Add(new SkillEditError(SkillEditProblem.NoLetters, "aliases", alias));
            }
        }

        if (category.Length > MaxCategoryLength)
        {
            errors.Add(new SkillEditError(SkillEditProblem.CategoryTooLong, "category"));
        }

        if (catalog.Layer.Added.Count >= MaxOwnerSkills)
        {
            errors.Add(new SkillEditError(SkillEditProblem.TooManySkills, "name"));
        }

        if (errors.Count > 0)
        {
            return Plan.Fail([.. errors]);
        }

        var id = new SkillId(SlugOf(name));
        var owners = PhraseOwners(catalog);
        var taken = new List<TakenAlias>();
        if (catalog.Knows(id))
        {
            errors.Add(new SkillEditError(SkillEditProblem.NameTaken, "name", name, catalog.Canonical(id)));
        }

        foreach (var (text, field) in new[] { (name, "name"), (id.Value.Replace('-', ' '), "name") }.Concat(aliases.Select(a => (a, "aliases"))))
        {
            var key = TenantSkillCatalog.KeyOf(text);
            if (!owners.TryGetValue(key, out var owner))
            {
                continue;
            }

            // A built-in skill's alias may be taken over (the owners know their words best); anything else would
            // make one phrase mean two skills.
            if (owner.BuiltInAlias)
            {
                if (!taken.Any(t => TenantSkillCatalog.KeyOf(t.Alias) == key))
                {
                    taken.Add(new TakenAlias(owner.Text, owner.Skill));
                }
            }
            else
            {
                errors.Add(new SkillEditError(field == "name" ? SkillEditProblem.NameTaken : SkillEditProblem.AliasTaken, field, text, owner.Skill));
            }
        }

        if (errors.Count > 0)
        {
            return Plan.Fail([.. errors.DistinctBy(e => (e.Problem, e.Field, e.Text))]);
        }

        var added = new OwnerSkill(id, name, category, input.Direction, aliases);
        var layer = catalog.Layer with { Added = [.. catalog.Layer.Added, added] };
        return new Plan(layer, id, SkillCatalogAction.Added, null, name, taken, []);
    }

    /// <summary>Who each phrase means now: offered skills' names, ids and aliases, and retired skills' names and ids.</summary>
    private static Dictionary<string, PhraseOwner> PhraseOwners(TenantSkillCatalog catalog)
    {
        var owners = new Dictionary<string, PhraseOwner>(StringComparer.Ordinal);
        var builtIn = catalog.Offered.Skills.Select(s => s.Id).ToHashSet();
        var ownerAdded = catalog.Layer.Added.Select(a => a.Id).ToHashSet();
        foreach (var skill in catalog.Known)
        {
            var canonical = catalog.Canonical(skill.Id);
            owners.TryAdd(TenantSkillCatalog.KeyOf(skill.Name), new PhraseOwner(canonical, skill.Name, BuiltInAlias: false));
            owners.TryAdd(TenantSkillCatalog.KeyOf(skill.Id.Value.Replace('-', ' ')), new PhraseOwner(canonical, skill.Name, BuiltInAlias: false));
        }

        foreach (var skill in catalog.Offered.Skills)
        {
            var isBuiltIn = !ownerAdded.Contains(skill.Id) && builtIn.Contains(skill.Id);
            foreach (var alias in skill.Aliases)
            {
                owners.TryAdd(TenantSkillCatalog.KeyOf(alias), new PhraseOwner(skill.Id, alias, isBuiltIn));
            }
        }

        return owners;
    }

    private async Task<SkillEditOutcome> EditAsync(TenantId? tenant, ETag? ifMatch, string actor, Func<TenantSkillCatalog, Plan> plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.GetAsync(tenant, cancellationToken);
            var catalog = stored is null ? TenantSkillCatalog.BaseOnly(catalogs.BuiltIn) : TenantSkillCatalog.Build(catalogs.BuiltIn, stored.Layer, stored.Marker);
            if (ifMatch is { } expected && !expected.IsAny && expected != (stored?.ETag ?? Unsaved))
            {
                return new SkillEditOutcome.Conflict(stored is null ? catalog : catalogs.Saved(tenant, stored));
            }

            var decided = plan(catalog);
            if (decided.Errors.Count > 0)
            {
                return new SkillEditOutcome.Invalid(decided.Errors);
            }

            var audit = new SkillCatalogAuditEntry(time.GetUtcNow(), actor, decided.Action, decided.Skill, decided.Into, decided.SkillName);
            try
            {
                var saved = await store.SaveAsync(tenant, decided.Layer, stored?.ETag, audit, cancellationToken);
                return new SkillEditOutcome.Done(catalogs.Saved(tenant, saved), saved, decided.Skill, decided.Taken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts && ifMatch is null)
            {
                // Another owner saved at the same moment and this one did not name a version: decide again on theirs.
            }
            catch (ConcurrencyConflictException)
            {
                var current = await store.GetAsync(tenant, cancellationToken);
                return new SkillEditOutcome.Conflict(current is null ? TenantSkillCatalog.BaseOnly(catalogs.BuiltIn) : catalogs.Saved(tenant, current));
            }
        }
    }

    /// <summary>The version a tenant without a stored layer is at (what the page shows and sends back).</summary>
    public static ETag Unsaved { get; } = new("\"unsaved\"");

    private sealed record PhraseOwner(SkillId Skill, string Text, bool BuiltInAlias);

    private sealed record Plan(SkillCatalogLayer Layer, SkillId Skill, SkillCatalogAction Action, SkillId? Into, string SkillName, IReadOnlyList<TakenAlias> Taken, IReadOnlyList<SkillEditError> Errors)
    {
        public static Plan Fail(params SkillEditError[] errors) =>
            new(SkillCatalogLayer.Empty, default, default, null, string.Empty, [], errors);
    }
}
