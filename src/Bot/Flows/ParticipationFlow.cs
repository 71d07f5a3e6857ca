using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Profiles;
using NodaTime;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Flows;

/// <summary>Pause until a date (in the person's own time zone), resume.</summary>
public sealed class ParticipationFlow(ProfileService profiles, TimeProvider time)
{
    /// <summary>The start of the chosen day in the person's zone, or null when the text is not a date within a year.</summary>
    public async Task<DateTimeOffset?> ParseUntilAsync(TurnPerson person, string text, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(person.Id, cancellationToken);
        var zone = Audience.For(person.Culture, profile?.TimeZoneId ?? person.TimeZoneId).Zone;
        var today = Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(zone).Date;
        if (!PauseDates.TryParse(text, today, person.Culture, out var date))
        {
            return null;
        }

        var until = date.AtStartOfDayInZone(zone).ToDateTimeOffset();
        return until - time.GetUtcNow() <= ProfileService.MaxPause ? until : null;
    }

    public async Task PauseAsync(ITurnContext turnContext, TurnPerson person, string text, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        if (await ParseUntilAsync(person, text, cancellationToken) is not { } until)
        {
            await turnContext.SendActivityAsync(t["Flow.PauseBadDate"], cancellationToken);
            return;
        }

        switch (await profiles.PauseAsync(person.Id, until, cancellationToken))
        {
            case ParticipationOutcome.Changed changed:
                var audience = Audience.For(person.Culture, changed.Profile.TimeZoneId);
                await Replies.SendCardAsync(turnContext, NoticeCard.Paused(new PausedView(audience.FormatDate(until)), person.Culture), cancellationToken);
                break;
            case ParticipationOutcome.NoProfile:
                await turnContext.SendActivityAsync(t["Flow.PausedNoProfile"], cancellationToken);
                break;
            default:
                await turnContext.SendActivityAsync(t["Flow.PauseBadDate"], cancellationToken);
                break;
        }
    }

    public async Task ResumeAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        if (await profiles.ResumeAsync(person.Id, cancellationToken) is ParticipationOutcome.Changed)
        {
            await Replies.ReplacePressedCardAsync(turnContext, NoticeCard.Resumed(person.Culture), cancellationToken);
            return;
        }

        await turnContext.SendActivityAsync(new CardTexts(person.Culture)["Flow.PausedNoProfile"], cancellationToken);
    }
}
