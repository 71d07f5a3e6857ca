using System.Globalization;
using System.Text.RegularExpressions;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Nudges;

namespace MentorBot.Bot.Flows;

/// <summary>"snooze 2 weeks", "mute reminders", "reminders on": a person's say over MentorBot's nudges.</summary>
public sealed partial class ReminderFlow(NudgePreferencesService preferences, TimeProvider time)
{
    public async Task SnoozeAsync(ITurnContext turnContext, TurnPerson person, string? argument, CancellationToken cancellationToken)
    {
        var t = new FlowTexts(person.Culture);
        if (Duration(argument) is not { } duration)
        {
            await turnContext.SendActivityAsync(t["Reminders.SnoozeHow"], cancellationToken);
            return;
        }

        var snoozed = await preferences.SnoozeAsync(person.Id, person.Tenant, duration, cancellationToken);
        var until = (snoozed.SnoozedUntil ?? time.GetUtcNow() + duration).UtcDateTime;
        await turnContext.SendActivityAsync(string.Format(person.Culture, t["Reminders.Snoozed"], until), cancellationToken);
    }

    public async Task MuteAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        foreach (var kind in Enum.GetValues<NudgeKind>())
        {
            await preferences.MuteAsync(person.Id, person.Tenant, kind, cancellationToken);
        }

        await turnContext.SendActivityAsync(new FlowTexts(person.Culture)["Reminders.Muted"], cancellationToken);
    }

    public async Task UnmuteAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        foreach (var kind in Enum.GetValues<NudgeKind>())
        {
            await preferences.UnmuteAsync(person.Id, person.Tenant, kind, cancellationToken);
        }

        await preferences.EndSnoozeAsync(person.Id, person.Tenant, cancellationToken);
        await turnContext.SendActivityAsync(new FlowTexts(person.Culture)["Reminders.On"], cancellationToken);
    }

    /// <summary>"a week" (the default when nothing is said), "3 days", "2 weeks"; at most 90 days.</summary>
    internal static TimeSpan? Duration(string? argument)
    {
        var text = (argument ?? string.Empty).Trim().Replace("for ", string.Empty, StringComparison.OrdinalIgnoreCase);
        if (text.Length == 0 || text is "a week" or "1 week" or "one week")
        {
            return TimeSpan.FromDays(7);
        }

        var match = Amount().Match(text);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return null;
        }

        var days = match.Groups["unit"].Value.StartsWith("week", StringComparison.OrdinalIgnoreCase) ? n * 7 : n;
        return days <= NudgePreferencesService.LongestSnooze.TotalDays ? TimeSpan.FromDays(days) : null;
    }

    [GeneratedRegex(@"^(?<n>\d{1,3})\s*(?<unit>days?|weeks?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex Amount();
}
