namespace MentorBot.Core.Skills;

/// <summary>Canonical skill id, a lower-case slug from the skill catalog (e.g. <c>power-bi</c>).</summary>
public readonly record struct SkillId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>How well someone knows a skill: 1 aware · 2 working · 3 practitioner · 4 expert.</summary>
public enum SkillLevel
{
    None = 0,
    Aware = 1,
    Working = 2,
    Practitioner = 3,
    Expert = 4,
}

/// <summary>A skill someone can teach, at their level.</summary>
public sealed record OfferedSkill(SkillId Skill, SkillLevel Level);

/// <summary>A skill someone wants to learn: where they are now and where they want to get.</summary>
public sealed record WantedSkill(SkillId Skill, SkillLevel Current, SkillLevel Target);
