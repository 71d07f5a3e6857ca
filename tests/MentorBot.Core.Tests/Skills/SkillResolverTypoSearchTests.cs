using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Skills;

/// <summary>
/// The typo search prunes (a character-count lower bound, a limit that shrinks with the best match so far; issue #16).
/// Pruning must never change the answer: for one-word typos of every catalog phrase, the resolver agrees with a full
/// scan that computes every edit distance.
/// </summary>
public sealed class SkillResolverTypoSearchTests
{
    private static readonly SkillCatalog Catalog = SkillCatalog.Default;
    private static readonly SkillResolver Resolver = new(Catalog);

    [Fact]
    public void Resolve_OneWordTypos_AgreeWithAFullScan()
    {
        var phrases = Phrases();
        var random = new Random(16);
        var checkedTypos = 0;
        foreach (var phrase in phrases.Where(p => p.Tokens == 1))
        {
            for (var n = 0; n < 8; n++)
            {
                var typo = Mutate(phrase.Compact, random);
                if (typo.Length < 4 || phrases.Any(p => p.Key == typo || p.Compact == typo) || SkillText.Tokenize(typo).Count != 1
                    || SkillResolver.FillerWords.Contains(typo))
                {
                    continue;
                }

                var (best, similarity) = FullScan(phrases, typo);
                var result = Resolver.Resolve(typo);
                if (similarity >= SkillResolver.MatchThreshold)
                {
                    var match = Assert.Single(result.Matches);
                    Assert.Equal((best!.Skill.Id, Math.Min(0.9, similarity), SkillMatchKind.Typo), (match.Skill.Id, match.Confidence, match.Kind));
                }
                else if (similarity >= 0.5)
                {
                    Assert.Empty(result.Matches);
                    var suggestion = Assert.Single(result.Suggestions);
                    Assert.Equal((best!.Skill.Id, Math.Round(similarity, 3)), (suggestion.Skill.Id, suggestion.Similarity));
                }
                else
                {
                    Assert.Equal(SkillResolution.Nothing.Matches, result.Matches);
                    Assert.Empty(result.Suggestions);
                }

                checkedTypos++;
            }
        }

        Assert.True(checkedTypos > 300, $"only {checkedTypos} typos were checked");
    }

    // As the resolver builds its phrase list: every name, id and alias, folded; the first phrase with a key keeps it.
    private static List<Phrase> Phrases()
    {
        var phrases = new List<Phrase>();
        foreach (var skill in Catalog.Skills)
        {
            foreach (var text in SkillCatalog.PhrasesOf(skill))
            {
                var tokens = SkillText.Tokenize(text).Select(t => t.Text).ToArray();
                if (tokens.Length > 0 && !phrases.Any(p => p.Key == SkillText.Key(tokens)))
                {
                    phrases.Add(new Phrase(skill, SkillText.Key(tokens), SkillText.Compact(tokens), tokens.Length));
                }
            }
        }

        return phrases;
    }

    private static (Phrase? Best, double Similarity) FullScan(List<Phrase> phrases, string word)
    {
        Phrase? best = null;
        var bestSimilarity = 0.0;
        foreach (var phrase in phrases.Where(p => p.Tokens <= 2 && p.Compact.Length >= 4))
        {
            var longest = Math.Max(word.Length, phrase.Compact.Length);
            var distance = StringDistance.DamerauLevenshtein(word, phrase.Compact);
            var similarity = 1.0 - (double)distance / longest;
            if (distance <= Math.Floor(longest * 0.5) && similarity > bestSimilarity)
            {
                best = phrase;
                bestSimilarity = similarity;
            }
        }

        return (best, bestSimilarity);
    }

    private static string Mutate(string text, Random random)
    {
        var characters = text.ToList();
        for (var edits = random.Next(1, 4); edits > 0 && characters.Count > 1; edits--)
        {
            var i = random.Next(characters.Count);
            switch (random.Next(4))
            {
                case 0: characters.RemoveAt(i); break;
                case 1: characters.Insert(i, (char)('a' + random.Next(26))); break;
                case 2: characters[i] = (char)('a' + random.Next(26)); break;
                default:
                    if (i + 1 < characters.Count)
                    {
                        (characters[i], characters[i + 1]) = (characters[i + 1], characters[i]);
                    }

                    break;
            }
        }

        return new string([.. characters]);
    }

    private sealed record Phrase(SkillDefinition Skill, string Key, string Compact, int Tokens);
}
