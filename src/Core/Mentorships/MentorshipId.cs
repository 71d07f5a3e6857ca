namespace MentorBot.Core.Mentorships;

public readonly record struct MentorshipId(string Value)
{
    public override string ToString() => Value;
}
