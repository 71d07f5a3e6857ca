namespace MentorBot.Core.Skills;

/// <summary>Which way a skill usually flows in reverse mentoring.</summary>
public enum SkillDirection
{
    /// <summary>Juniors usually teach it to seniors (AI tools, social media, Gen Z customers…).</summary>
    Reverse,

    /// <summary>Seniors usually teach it back (stakeholder management, business acumen…).</summary>
    TeachBack,

    /// <summary>Either side may be the stronger one.</summary>
    Either,
}

/// <summary>A canonical skill in the catalog. Aliases are what people type ("TikTok" for short-form video).</summary>
public sealed record SkillDefinition(
    SkillId Id,
    string Name,
    string Category,
    SkillDirection Direction,
    IReadOnlyList<string> Aliases);
