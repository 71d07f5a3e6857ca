using MentorBot.Bot.Cards;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Turns;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;
using MentorBot.Core.Profiles;

namespace MentorBot.Bot.Middleware;

/// <summary>
/// Resolves <see cref="TurnPerson"/> once per turn. When the channel's key for a person (<see cref="PersonKey.For"/>)
/// differs from the one Core's <see cref="UserId"/> gives (Playground, Emulator), the 1:1 reference is also kept under
/// the latter, so notifications addressed by <see cref="UserId"/> reach them.
/// </summary>
/// <remarks>
/// The person's language is theirs to choose (<see cref="Profile.Language"/>); without a choice it is the Teams locale
/// of the turn (decision 0380). That costs one profile read per turn from a person.
/// </remarks>
public sealed class TurnPersonMiddleware(IConversationReferenceStore references, IProfileStore profiles) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var from = activity.From;
        if (from is not null && !string.Equals(from.Id, activity.Recipient?.Id, StringComparison.Ordinal) && TurnPerson.UserIdOf(from) is { } id)
        {
            var teamsId = from.Id is { } raw && raw.StartsWith("29:", StringComparison.Ordinal) ? new TeamsUserId(raw) : (TeamsUserId?)null;
            var tenant = turnContext.TurnState.Get<TurnTenant>()?.InCore;
            var locale = activity.Locale is { Length: > 0 } sent ? sent : activity.GetClientInfo()?.Locale;
            var read = await (TurnReads.TakeProfile(turnContext, id) ?? profiles.GetAsync(id, cancellationToken));
            var stored = read?.Value;
            var chosen = stored is { } profile && profile.Tenant == tenant ? profile.Language : null;
            turnContext.TurnState.Set(new TurnPerson(id, from.Name, teamsId, Languages.For(chosen, locale), activity.GetClientTimeZoneId())
            {
                Tenant = tenant,
                TeamsLocale = locale,
                ProfileAtStart = stored,
                StoredProfileAtStart = read,
            });
            await AliasReferenceAsync(activity, id, cancellationToken);
        }

        await next(cancellationToken);
    }

    private async Task AliasReferenceAsync(Activity activity, UserId id, CancellationToken cancellationToken)
    {
        var channelKey = PersonKey.For(activity.From);
        var coreKey = PersonKey.From(id);
        if (channelKey is not { } key || key == coreKey || !activity.Conversation.IsPersonal())
        {
            return;
        }

        if (await references.GetAsync(key, cancellationToken) is { } reference
            && await references.GetAsync(coreKey, cancellationToken) is var alias
            && (alias?.Conversation?.Id != reference.Conversation?.Id || alias?.ServiceUrl != reference.ServiceUrl))
        {
            await references.SaveAsync(coreKey, reference, cancellationToken);
        }
    }
}
