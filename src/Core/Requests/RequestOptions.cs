using Microsoft.Extensions.Options;

namespace MentorBot.Core.Requests;

/// <summary>How requests for help are offered. Section "Requests" in appsettings.json.</summary>
public sealed class RequestOptions
{
    public const string SectionName = "Requests";

    /// <summary>How long a colleague has to answer an offer before MentorBot asks the next person.</summary>
    public TimeSpan AnswerWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>How many ranked colleagues the senior sees to choose from.</summary>
    public int CandidatesShown { get; set; } = 3;

    /// <summary>How often the bot looks for offers whose answer window has passed.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the live matching index asks storage whether another instance changed someone's profile (decision
    /// 0185): the bound on how long a remote profile change can go unseen by ranking. Offers never depend on it; they
    /// re-read the chosen colleague first.
    /// </summary>
    public TimeSpan IndexCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Read the served tenants into the live matching index in the background once the host has started (decision
    /// 0351), so the first ask after a start or scale-out does not wait for the full read. Off: the first ask reads.
    /// </summary>
    public bool WarmIndexAtStart { get; set; } = true;
}

public sealed class RequestOptionsValidator : IValidateOptions<RequestOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestOptions options)
    {
        var failures = new List<string>();
        if (options.AnswerWindow < TimeSpan.FromHours(1) || options.AnswerWindow > TimeSpan.FromDays(30))
        {
            failures.Add("Requests:AnswerWindow must be between 1 hour and 30 days.");
        }

        if (options.CandidatesShown is < 1 or > 10)
        {
            failures.Add("Requests:CandidatesShown must be between 1 and 10.");
        }

        if (options.ExpirySweepInterval < TimeSpan.FromSeconds(5) || options.ExpirySweepInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Requests:ExpirySweepInterval must be between 5 seconds and 1 hour.");
        }

        if (options.IndexCheckInterval < TimeSpan.Zero || options.IndexCheckInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("Requests:IndexCheckInterval must be between 0 and 10 minutes.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
