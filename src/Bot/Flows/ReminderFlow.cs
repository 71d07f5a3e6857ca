using System.Globalization;
using System.Text.RegularExpressions;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Nudges;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Turns;
using NodaTime;

namespace MentorBot.Bot.Flows;

/// <summary>"snooze 2 weeks", "mute reminders", "reminders on": a person's say over MentorBot's nudges.</summary>
public sealed partial class ReminderFlow(NudgePreferencesService preferences, TimeProvider time)
{
    public async Task SnoozeAsync(ITurnContext turnContext, TurnPerson person, string? argument, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
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

        await turnContext.SendActivityAsync(new CardTexts(person.Culture)["Reminders.Muted"], cancellationToken);
    }

    public async Task UnmuteAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        foreach (var kind in Enum.GetValues<NudgeKind>())
        {
            await preferences.UnmuteAsync(person.Id, person.Tenant, kind, cancellationToken);
        }

        await preferences.EndSnoozeAsync(person.Id, person.Tenant, cancellationToken);
        await turnContext.SendActivityAsync(new CardTexts(person.Culture)["Reminders.On"], cancellationToken);
    }

    /// <summary>"a week" (the default when nothing is said), "3 days", "2 weeks", "3 dagar"; at most 90 days.</summary>
    internal static TimeSpan? Duration(string? argument)
    {
        var text = (argument ?? string.Empty).Trim().ToLower(CultureInfo.InvariantCulture);
        text = Lead.Replace(text, string.Empty).Trim();
        if (text.Length == 0 || OneWeek.Contains(text))
        {
            return TimeSpan.FromDays(7);
        }

        // Months are not a snooze length: anything above 90 days is refused anyway.
        if (PauseDates.Days(text, new LocalDate(2000, 1, 1)) is not { } days || days <= 0)
        {
            return null;
        }

        return days <= NudgePreferencesService.LongestSnooze.TotalDays ? TimeSpan.FromDays(days) : null;
    }

    private static readonly Regex Lead = new($@"^{CommandWords.Alternation("Date.Lead")}\s+", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200));

    private static readonly IReadOnlyList<string> OneWeek = CommandWords.All("Date.OneWeek");
}
