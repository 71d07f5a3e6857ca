namespace MentorBot.E2E.Faults;

/// <summary>
/// The fault tests start, kill and restart their own bot and Azurite, so they run one at a time and never beside the
/// browser scenarios (whose shared bot they would slow down).
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class Faults
{
    public const string Collection = "Faults";
}
