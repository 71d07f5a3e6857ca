namespace MentorBot.Core.Skills;

/// <summary>One type-ahead answer: what the person sees and the skill id the card submits.</summary>
public sealed record SkillSearchResult(string Title, string Value);

/// <summary>
/// A tenant's catalog as people use it (decision 0450): the built-in skills with the owners' layer on top. Offered
/// skills (<see cref="Offered"/>, <see cref="Resolver"/>, <see cref="Search"/>) exclude retired and merged ones;
/// <see cref="Find"/> and <see cref="NameOf"/> still know them, so a pairing or profile that has a retired skill
/// keeps showing its name, and one naming a merged skill shows (and means) the survivor. Immutable and thread-safe.
/// </summary>
public sealed class TenantSkillCatalog
{
    /// <summary>Teams shows at most 15 type-ahead options.</summary>
    public const int MaxSearchResults = 15;

    private const int MaxMergeChain = 32;

    private readonly Dictionary<SkillId, SkillDefinition> _known;
    private readonly Dictionary<SkillId, SkillId> _mergedInto;
    private readonly HashSet<SkillId> _retired;
    private readonly SearchEntry[] _search;

    private TenantSkillCatalog(SkillCatalog offered, Dictionary<SkillId, SkillDefinition> known, Dictionary<SkillId, SkillId> mergedInto, HashSet<SkillId> retired, SkillCatalogLayer layer, string? marker)
    {
        Offered = offered;
        _known = known;
        _mergedInto = mergedInto;
        _retired = retired;
        Layer = layer;
        Marker = marker;
        Resolver = new SkillResolver(offered);
        _search = BuildSearch(offered);
    }

    /// <summary>The skills offered for new asks and profiles, in catalog order (built-in first, then the owners').</summary>
    public SkillCatalog Offered { get; }

    /// <summary>The free-text resolver over <see cref="Offered"/>.</summary>
    public SkillResolver Resolver { get; }

    public SkillCatalogLayer Layer { get; }

    /// <summary>The tenant's catalog marker this was built at (null: the built-in catalog alone).</summary>
    public string? Marker { get; }

    public IReadOnlyCollection<SkillId> Retired => _retired;

    public static TenantSkillCatalog BaseOnly(SkillCatalog builtIn) => Build(builtIn, SkillCatalogLayer.Empty, null);

    /// <summary>
    /// The built-in catalog with <paramref name="layer"/> applied. Owners' skills claim their names and aliases from
    /// built-in aliases ("prompting" now means the owners' "Prompt engineering", not "Generative AI"); a merged skill's
    /// name and aliases become aliases of its survivor.
    /// </summary>
    public static TenantSkillCatalog Build(SkillCatalog builtIn, SkillCatalogLayer layer, string? marker)
    {
        var known = builtIn.Skills.ToDictionary(s => s.Id);
        foreach (var added in layer.Added)
        {
            known.TryAdd(added.Id, added.ToDefinition());
        }

        var mergedInto = layer.Merges.Where(m => known.ContainsKey(m.Merged) && known.ContainsKey(m.Survivor))
            .GroupBy(m => m.Merged)
            .ToDictionary(g => g.Key, g => g.Last().Survivor);
        var retired = layer.Retired.Where(known.ContainsKey).ToHashSet();

        var extraAliases = new Dictionary<SkillId, List<string>>();
        foreach (var (merged, _) in mergedInto)
        {
            var survivor = Canonical(mergedInto, merged);
            if (!extraAliases.TryGetValue(survivor, out var list))
            {
                list = [];
                extraAliases[survivor] = list;
            }

            var definition = known[merged];
            list.AddRange([definition.Name, .. definition.Aliases]);
        }

        bool IsOffered(SkillId id) => !retired.Contains(id) && !mergedInto.ContainsKey(id);

        // Owners' phrases first: whoever claims a phrase first keeps it, so an owner's alias wins over a built-in one.
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var owners = new List<SkillDefinition>();
        foreach (var added in layer.Added.Where(a => IsOffered(a.Id)))
        {
            owners.Add(Claim(added.ToDefinition(), extraAliases.GetValueOrDefault(added.Id), claimed));
        }

        var builtIns = new List<SkillDefinition>();
        foreach (var skill in builtIn.Skills.Where(s => IsOffered(s.Id)))
        {
            builtIns.Add(Claim(skill, extraAliases.GetValueOrDefault(skill.Id), claimed));
        }

        var offered = SkillCatalog.Create([.. builtIns, .. owners]).Catalog
            // Should a later built-in catalog clash with an owner's name, the built-in catalog alone still answers.
            ?? builtIn;
        return new TenantSkillCatalog(offered, known, mergedInto, retired, layer, marker);
    }

    /// <summary>Every skill this tenant knows, offered or not, as stored (retired and merged ones too).</summary>
    public IEnumerable<SkillDefinition> Known => _known.Values;

    /// <summary>The skill an id means now: a merged skill's survivor, otherwise the id itself.</summary>
    public SkillId Canonical(SkillId id) => Canonical(_mergedInto, id);

    /// <summary>The skill <paramref name="id"/> means (the survivor of a merge), retired or not; null when unknown.</summary>
    public SkillDefinition? Find(SkillId id)
    {
        var canonical = Canonical(id);
        return Offered.Find(canonical) ?? _known.GetValueOrDefault(canonical);
    }

    public bool Knows(SkillId id) => _known.ContainsKey(id);

    /// <summary>True when a new ask or profile may name the skill (known, not retired, not merged away).</summary>
    public bool IsOffered(SkillId id) => Offered.Contains(id);

    public bool IsRetired(SkillId id) => _retired.Contains(id);

    public SkillId? MergedInto(SkillId id) => _mergedInto.TryGetValue(id, out var survivor) ? Canonical(survivor) : null;

    public string NameOf(SkillId id) => Find(id)?.Name ?? id.Value;

    /// <summary>
    /// The type-ahead: offered skills whose name or alias matches <paramref name="query"/> (a word starting with it
    /// first, then anywhere), at most <see cref="MaxSearchResults"/>; an empty query lists from the top of the catalog.
    /// </summary>
    public IReadOnlyList<SkillSearchResult> Search(string? query, int skip = 0, int top = MaxSearchResults)
    {
        top = Math.Clamp(top, 0, MaxSearchResults);
        skip = Math.Max(0, skip);
        var folded = SkillText.Key(SkillText.Tokenize(query ?? string.Empty).Select(t => t.Text));
        if (folded.Length == 0)
        {
            return [.. Offered.Skills.Skip(skip).Take(top).Select(s => new SkillSearchResult(s.Name, s.Id.Value))];
        }

        // Best rank per skill: 0 name starts with it, 1 a word of the name, 2 an alias starts with it, 3 a word of an
        // alias, 4 anywhere. Entries are one per phrase, so one pass over a flat array.
        Span<int> bestRank = Offered.Count <= 4096 ? stackalloc int[Offered.Count] : new int[Offered.Count];
        bestRank.Fill(int.MaxValue);
        Span<int> bestPhrase = Offered.Count <= 4096 ? stackalloc int[Offered.Count] : new int[Offered.Count];
        var found = 0;
        for (var i = 0; i < _search.Length; i++)
        {
            ref readonly var entry = ref _search[i];
            var at = entry.Text.IndexOf(folded, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var rank = at == 0 ? (entry.IsName ? 0 : 2)
                : entry.Text[at - 1] == ' ' ? (entry.IsName ? 1 : 3)
                : 4;
            if (bestRank[entry.Skill] == int.MaxValue)
            {
                found++;
            }

            if (rank < bestRank[entry.Skill])
            {
                bestRank[entry.Skill] = rank;
                bestPhrase[entry.Skill] = i;
            }
        }

        if (found == 0)
        {
            return [];
        }

        // Best rank first, then the shortest matching phrase (closest to what was typed), then catalog order.
        var order = new (int Rank, int Length, int Skill)[found];
        var n = 0;
        for (var s = 0; s < bestRank.Length; s++)
        {
            if (bestRank[s] != int.MaxValue)
            {
                order[n++] = (bestRank[s], _search[bestPhrase[s]].Text.Length, s);
            }
        }

        Array.Sort(order);
        var results = new List<SkillSearchResult>(Math.Min(top, found));
        for (var k = skip; k < order.Length && results.Count < top; k++)
        {
            var skill = Offered.Skills[order[k].Skill];
            var phrase = _search[bestPhrase[order[k].Skill]];
            results.Add(new SkillSearchResult(phrase.IsName ? skill.Name : $"{skill.Name} ({phrase.Original})", skill.Id.Value));
        }

        return results;
    }

    private static SkillId Canonical(Dictionary<SkillId, SkillId> mergedInto, SkillId id)
    {
        for (var depth = 0; depth < MaxMergeChain && mergedInto.TryGetValue(id, out var next); depth++)
        {
            id = next;
        }

        return id;
    }

    private static SkillDefinition Claim(SkillDefinition skill, List<string>? extra, HashSet<string> claimed)
    {
        claimed.Add(KeyOf(skill.Name));
        claimed.Add(KeyOf(skill.Id.Value.Replace('-', ' ')));

        var aliases = new List<string>();
        foreach (var alias in skill.Aliases.Concat(extra ?? []))
        {
            var key = KeyOf(alias);
            if (key.Length > 0 && claimed.Add(key))
            {
                aliases.Add(alias);
            }
        }

        return aliases.Count == skill.Aliases.Count && extra is null ? skill : skill with { Aliases = aliases };
    }

    internal static string KeyOf(string phrase) => SkillText.Key(SkillText.Tokenize(phrase).Select(t => t.Text));

    private static SearchEntry[] BuildSearch(SkillCatalog offered)
    {
        var entries = new List<SearchEntry>();
        for (var i = 0; i < offered.Skills.Count; i++)
        {
            var skill = offered.Skills[i];
            entries.Add(new SearchEntry(i, KeyOf(skill.Name), skill.Name, IsName: true));
            foreach (var alias in skill.Aliases)
            {
                var key = KeyOf(alias);
                if (key.Length > 0)
                {
                    entries.Add(new SearchEntry(i, key, alias, IsName: false));
                }
            }
        }

        return [.. entries];
    }

    private readonly record struct SearchEntry(int Skill, string Text, string Original, bool IsName);
}
