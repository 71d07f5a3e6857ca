using System.Text.RegularExpressions;
using MentorBot.Core.Skills;

namespace MentorBot.Bot.Flows;

/// <summary>What a free-text message asks for, if anything.</summary>
public abstract record AskIntent
{
    private AskIntent()
    {
    }

    /// <summary>One skill, recognised with confidence: go straight to the request form.</summary>
    public sealed record Confident(SkillDefinition Skill, string Text) : AskIntent;

    /// <summary>Several skills or a fuzzy match: let the person pick ("did you mean…").</summary>
    public sealed record Unsure(IReadOnlyList<SkillDefinition> Options, string Text) : AskIntent;

    /// <summary>Reads like a request for help, but no skill we know: suggestions (possibly none).</summary>
    public sealed record Unknown(IReadOnlyList<SkillDefinition> Suggestions, string Text) : AskIntent;

    public sealed record NotAnAsk : AskIntent;
}

/// <summary>
/// "can someone teach me TikTok?", "I need help with Power BI": the skill resolver finds the skill; wording decides
/// whether a message without a known skill is still an ask (then we suggest) or just chat (then we offer help).
/// </summary>
public sealed class AskRecognizer(SkillResolver resolver)
{
    /// <summary>Below this a match is shown for confirmation instead of being taken as said.</summary>
    public const double ConfidentAt = 0.9;

    private const int MaxOptions = 4;

    public AskIntent Recognize(string text) => Recognize(text, resolver);

    /// <summary>With the tenant's own resolver (its catalog: built-in skills and the owners' layer, decision 0450).</summary>
    public static AskIntent Recognize(string text, SkillResolver resolver)
    {
        var resolution = resolver.Resolve(text);
        var matched = resolution.Matches.Select(m => m.Skill).DistinctBy(s => s.Id).ToList();
        if (matched.Count == 1 && resolution.Best!.Confidence >= ConfidentAt)
        {
            return new AskIntent.Confident(matched[0], text);
        }

        if (matched.Count > 0)
        {
            var options = matched.Concat(resolution.Suggestions.Select(s => s.Skill)).DistinctBy(s => s.Id).Take(MaxOptions).ToList();
            return new AskIntent.Unsure(options, text);
        }

        return LooksLikeAsk().IsMatch(text)
            ? new AskIntent.Unknown([.. resolution.Suggestions.Select(s => s.Skill).Take(MaxOptions)], text)
            : new AskIntent.NotAnAsk();
    }

    // "can someone…", "I need…", "kan någon hjälpa mig…": the Ask.Words of every language (CommandWords.resx).
    private static readonly Regex AskWords = new(
        $@"\b{CommandWords.Alternation("Ask.Words", escape: false)}\b|\?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(200));

    private static Regex LooksLikeAsk() => AskWords;
}
