namespace MentorBot.Core.Programs;

/// <summary>A reverse-mentoring program (a cohort with an owner, goals and its own cadence defaults).</summary>
public readonly record struct ProgramId(string Value)
{
    public override string ToString() => Value;
}
