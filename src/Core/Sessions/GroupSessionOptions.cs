using Microsoft.Extensions.Options;

namespace MentorBot.Core.Sessions;

/// <summary>Limits and timing of group sessions (configuration section <c>Sessions</c>, decision 0470).</summary>
public sealed class GroupSessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>Seats per session: the batch that cancels a session tells every seat and the waitlist in one write.</summary>
    public int MaxSeats { get; set; } = 40;

    public int MaxWaitlist { get; set; } = 50;

    /// <summary>Dates in a series ("three weekly sessions").</summary>
    public int MaxSeriesLength { get; set; } = 6;

    public int MaxHosts { get; set; } = 2;

    public TimeSpan MinLength { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan MaxLength { get; set; } = TimeSpan.FromHours(3);

    public int MaxTopicLength { get; set; } = 200;

    public int MaxDescriptionLength { get; set; } = 1000;

    /// <summary>How long after the feedback card the attendees are asked whether they would like to thank the host.</summary>
    public TimeSpan ThanksPromptDelay { get; set; } = TimeSpan.FromHours(2);
}

public sealed class GroupSessionOptionsValidator : IValidateOptions<GroupSessionOptions>
{
    public ValidateOptionsResult Validate(string? name, GroupSessionOptions options)
    {
        var failures = new List<string>();
        if (options.MaxSeats is < 1 or > 40 || options.MaxWaitlist is < 0 or > 50)
        {
            failures.Add("Sessions: MaxSeats must be 1 to 40 and MaxWaitlist 0 to 50 (one write tells everyone).");
        }

        if (options.MaxSeriesLength is < 1 or > 12 || options.MaxHosts is < 1 or > 3)
        {
            failures.Add("Sessions: MaxSeriesLength must be 1 to 12 and MaxHosts 1 to 3.");
        }

        if (options.MinLength <= TimeSpan.Zero || options.MaxLength < options.MinLength || options.ThanksPromptDelay < TimeSpan.Zero)
        {
            failures.Add("Sessions: MinLength must be positive, MaxLength at least MinLength, ThanksPromptDelay not negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
