namespace MentorBot.E2E.Harness;

/// <summary>The environment could not be set up or a process misbehaved: not a finding about the bot's behaviour.</summary>
public sealed class HarnessException : Exception
{
    public HarnessException()
    {
    }

    public HarnessException(string message)
        : base(message)
    {
    }

    public HarnessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
