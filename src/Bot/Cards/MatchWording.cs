using System.Globalization;
using MentorBot.Core.Matching;
using MentorBot.Core.Skills;

namespace MentorBot.Bot.Cards;

/// <summary>Whom a match reason speaks to: the learner ("you") or a program owner reading about two colleagues.</summary>
public enum ReasonReader
{
    Learner,
    Owner,
}

/// <summary>
/// Words what Core returns as data — a match's factors (<see cref="MatchFacts"/>) and why nobody can help
/// (<see cref="NobodyAvailable"/>) — in the reader's language (decision 0381). Every sentence is a
/// <c>Reason.*</c>, <c>Found.*</c> or <c>Nobody.*</c> text in CardTexts, so another language only translates them.
/// </summary>
public sealed class MatchWording(CardTexts t, Func<SkillId, string> skillName)
{
    public string Factor(FactorScore factor, ReasonReader reader = ReasonReader.Learner)
    {
        var facts = factor.Facts;
        var owner = reader == ReasonReader.Owner;
        return factor.Factor switch
        {
            MatchFactor.SkillGap => t.Format(
                "Reason.SkillGap",
                t.Format($"Reason.Mentor.{Level(facts.MentorLevel, SkillLevel.Expert)}", skillName(facts.Skill)),
                t[$"Reason.{(owner ? "Learner" : "You")}.{Level(facts.LearnerLevel, SkillLevel.Practitioner)}"]),
            MatchFactor.Reciprocity => facts.TeachBack is { } back
                ? t.Format(owner ? "Reason.TeachBack.Owner" : "Reason.TeachBack", skillName(back))
                : t["Reason.NoTeachBack"],
            MatchFactor.SharedHours => facts.SharedMinutesPerWeek == 0
                ? t["Reason.NoSharedHours"]
                : t.Format("Reason.SharedHours", Hours(facts.SharedMinutesPerWeek)),
            MatchFactor.DifferentDepartment => facts.MentorDepartment is { } department
                ? t.Format("Reason.OtherDepartment", department)
                : facts.SameDepartment ? t["Reason.SameDepartment"] : t["Reason.DepartmentUnknown"],
            MatchFactor.SharedLanguage => facts.SharedLanguage is { } language
                ? t.Format(owner ? "Reason.Language.Owner" : "Reason.Language", LanguageName(language))
                : t["Reason.NoLanguage"],
            MatchFactor.LoadBalance => Load(facts),
            MatchFactor.NewConnection => facts.PairedUntil is { } until
                ? t.Format(owner ? "Reason.PairedBefore.Owner" : "Reason.PairedBefore", until.UtcDateTime)
                : t[owner ? "Reason.NewConnection.Owner" : "Reason.NewConnection"],
            _ => factor.Factor.ToString(),
        };
    }

    /// <summary>The offer card's "in return" for the colleague asked: what the asker can share with them.</summary>
    public string? InReturn(string askerName, SkillId? teachBack) =>
        teachBack is { } skill ? t.Format("Reason.InReturn", askerName, skillName(skill)) : null;

    /// <summary>"3 people can help you with Power BI."</summary>
    public string Found(SkillId skill, int eligible, bool atLeast) =>
        atLeast ? t.Format("Found.AtLeast", eligible, skillName(skill))
        : eligible == 1 ? t.Format("Found.One", skillName(skill))
        : t.Format("Found.Many", eligible, skillName(skill));

    /// <summary>Why nobody (else) can take a request on, counted, never naming anyone.</summary>
    public string Nobody(NobodyAvailable why)
    {
        var skill = skillName(why.Skill);
        if (why.NoProfile)
        {
            return t["Nobody.NoProfile"];
        }

        if (why.AskedEveryone)
        {
            var parts = new List<string>();
            if (why.Declined > 0)
            {
                parts.Add(Count("Nobody.Declined", why.Declined));
            }

            if (why.Silent > 0)
            {
                parts.Add(Count("Nobody.Silent", why.Silent));
            }

            return parts.Count == 0 ? t.Format("Nobody.AskedAll", skill) : t.Format("Nobody.AskedAllParts", skill, And(parts));
        }

        var reasons = why.Excluded
            .Where(r => r.Value > 0)
            .GroupBy(r => Group(r.Key))
            .Select(g => (Key: g.Key, Count: g.Sum(r => r.Value), Order: g.Min(r => r.Key)))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Order)
            .Select(r => Count($"Nobody.{r.Key}", r.Count))
            .ToList();
        if (why.Others <= 0 || reasons.Count == 0)
        {
            return t.Format(why.LearnerOffersIt ? "Nobody.NobodyElse" : "Nobody.NobodyOffers", skill);
        }

        var list = string.Join(", ", reasons);
        return why.Others == 1 ? t.Format("Nobody.Known.One", skill, list) : t.Format("Nobody.Known.Many", why.Others, skill, list);
    }

    private string Load(MatchFacts facts)
    {
        var load = facts.ActivePairings == 0 ? t["Reason.Free"] : t.Format("Reason.Places", facts.ActivePairings, facts.Capacity);
        return facts.RecentOffers switch
        {
            0 => load,
            1 => t.Format("Reason.RecentOne", load),
            var recent => t.Format("Reason.RecentMany", load, recent),
        };
    }

    private string Count(string key, int count) => count == 1 ? t.Format(key + ".One", count) : t.Format(key + ".Many", count);

    private string And(List<string> parts) =>
        parts.Count == 1 ? parts[0] : t.Format("Nobody.And", string.Join(", ", parts[..^1]), parts[^1]);

    private static string Group(ExclusionReason reason) => reason switch
    {
        ExclusionReason.Paused or ExclusionReason.OptedOut => "Break",
        ExclusionReason.NotTeaching or ExclusionReason.ReportingLine or ExclusionReason.AlreadyMentoring or ExclusionReason.OfferPending
            or ExclusionReason.RecentlyPaired or ExclusionReason.AtCapacity or ExclusionReason.SkillGapTooSmall
            or ExclusionReason.TooFewSharedHours or ExclusionReason.NotInRound => reason.ToString(),
        _ => "Other",
    };

    // Levels with a text; anything outside (a learner at expert cannot be matched at all) reads as the nearest one.
    private static string Level(SkillLevel level, SkillLevel highest) =>
        (level > highest ? highest : level).ToString();

    private string Hours(int minutes)
    {
        var hours = Math.Round(minutes / 60.0 * 2, MidpointRounding.AwayFromZero) / 2;
        return hours < 0.5 ? t["Reason.UnderHalfHour"] : t.Format("Reason.Hours", hours);
    }

    // A listed language is usually a tag ("en"): named in the reader's language when CardTexts has a Language.{tag}
    // text ("engelska"), else in English for English readers and in its own words for everyone else.
    private string LanguageName(string tag) =>
        Languages.Parse(tag) is not { } language ? tag
        : t.TryGet($"Language.{language.TwoLetterISOLanguageName}") is { } named ? named
        : t.Culture.TwoLetterISOLanguageName == "en" ? language.EnglishName
        : language.NativeName;
}
