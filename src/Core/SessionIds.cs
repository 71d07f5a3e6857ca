namespace MentorBot.Core;

/// <summary>A group session (decision 0470): one host or a pair teaching a group, once or as a short series.</summary>
public readonly record struct GroupSessionId(string Value)
{
    public static GroupSessionId New(Guid value) => new($"gs-{value:N}");

    public override string ToString() => Value;
}
