using System.ComponentModel.DataAnnotations;

namespace MentorBot.Bot.Proactive;

/// <summary>Reading the Teams roster (section <c>Roster</c>; decision 0360). No permission beyond the bot's own is needed.</summary>
public sealed class RosterOptions
{
    public const string SectionName = "Roster";

    /// <summary>Longest wait for one member lookup; the turn has answered already, but Teams waits for the HTTP response.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>After a lookup that failed (403, 404, timeout), how long this instance leaves that person alone.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Members asked for per <c>pagedmembers</c> page when the bot is installed in a team or group chat (Teams: 50–500).</summary>
    [Range(50, 500)]
    public int PageSize { get; set; } = 200;

    /// <summary>How long an install in a team or group chat may spend reading its roster; the rest is read person by person.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan TeamReadBudget { get; set; } = TimeSpan.FromSeconds(5);
}
