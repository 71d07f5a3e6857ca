namespace MentorBot.E2E.Harness;

/// <summary>A scenario failed; the message says where its screenshots and logs are, the inner exception why.</summary>
public sealed class ScenarioFailedException : Exception
{
    public ScenarioFailedException()
    {
    }

    public ScenarioFailedException(string message)
        : base(message)
    {
    }

    public ScenarioFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
