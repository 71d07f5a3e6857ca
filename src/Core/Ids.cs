namespace MentorBot.Core;

// The ids of the domain's records live in the root namespace, below every folder, so that a folder can name another
// folder's record (a message names its request, pairing and check-in) without depending on it (decision 0321).

public readonly record struct RequestId(string Value)
{
    public static RequestId New(Guid value) => new($"r-{value:N}");

    public override string ToString() => Value;
}

public readonly record struct MentorshipId(string Value)
{
    public override string ToString() => Value;
}

public readonly record struct CheckInId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A reverse-mentoring program (a cohort with an owner, goals and its own cadence defaults).</summary>
public readonly record struct ProgramId(string Value)
{
    public override string ToString() => Value;
}
