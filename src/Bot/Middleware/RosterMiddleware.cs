using MentorBot.Bot.Organisation;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Turns;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using Microsoft.Extensions.Options;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;

namespace MentorBot.Bot.Middleware;

/// <summary>
/// Keeps profiles in step with the Teams roster (decision 0360), after the turn has answered: the person of the turn
/// is looked up when their profile has no directory facts yet or they are stale (so the turn that creates a profile
/// also fills its e-mail); an install in a team or group chat pages through that roster once and updates whoever
/// already has a profile. A roster or storage failure here never fails the turn: it is one log line.
/// </summary>
public sealed partial class RosterMiddleware(
    RosterSync sync,
    IConnectorClient connector,
    RosterPersonDirectory roster,
    DirectoryLookups directoryLookups,
    IOptions<RosterOptions> options,
    ILogger<RosterMiddleware> logger) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        await next(cancellationToken);

        var activity = turnContext.Activity;
        if (IsUninstall(activity))
        {
            return;
        }

        try
        {
            if (IsInstallInSharedConversation(activity))
            {
                await ReadSharedRosterAsync(activity, cancellationToken);
            }
            else if (TurnPerson.Of(turnContext) is { } person)
            {
                // A profile whose roster facts were fresh at the start of the turn is still fresh: no second read of it.
                // Without one at the start (the turn may have created it) or with stale facts, read it as it is now.
                var outcome = person.ProfileAtStart is { } atStart && !sync.IsStale(atStart)
                    ? DirectorySyncOutcome.Fresh
                    : await sync.RefreshIfStaleAsync(person.Id, cancellationToken);
                Log.PersonRefreshed(logger, outcome);

                // A profile just made (or due its weekly roster read): with a directory, read the manager and line
                // now, after the reply and off the turn's path, not at the next sync round (decision 0401).
                if (outcome is not (DirectorySyncOutcome.Fresh or DirectorySyncOutcome.NoProfile or DirectorySyncOutcome.OtherTenant))
                {
                    directoryLookups.Enqueue(person.Id, person.Tenant);
                }
            }
        }
        catch (Exception exception) when (exception is StorageUnavailableException or ConcurrencyConflictException)
        {
            Log.NotStored(logger, exception.GetType().Name);
        }
    }

    private static bool IsUninstall(Activity activity) =>
        activity.IsType(ActivityTypes.InstallationUpdate)
        && activity.Action?.ToLowerInvariant() is InstallationUpdateActions.Remove or InstallationUpdateActions.RemoveUpgrade;

    /// <summary>The bot itself arrived in a team or group chat (installationUpdate add, or conversationUpdate naming the bot).</summary>
    public static bool IsInstallInSharedConversation(Activity activity) =>
        !activity.Conversation.IsPersonal()
        && (activity.IsType(ActivityTypes.InstallationUpdate)
            || (activity.IsType(ActivityTypes.ConversationUpdate)
                && activity.MembersAdded?.Any(m => string.Equals(m?.Id, activity.Recipient?.Id, StringComparison.Ordinal)) == true));

    private async Task ReadSharedRosterAsync(Activity activity, CancellationToken cancellationToken)
    {
        // In a team the roster is the team's (its id is the General channel's), not the channel thread's.
        var conversationId = activity.GetTeamsChannelData()?.Team?.Id ?? activity.Conversation?.Id;
        if (string.IsNullOrEmpty(activity.ServiceUrl) || string.IsNullOrEmpty(conversationId))
        {
            return;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.TeamReadBudget);
        int pages = 0, members = 0, updated = 0;
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        try
        {
            do
            {
                var page = await connector.GetPagedMembersAsync(activity.ServiceUrl, conversationId, options.Value.PageSize, token, budget.Token);
                if (!page.Succeeded || page.Value is not { } result)
                {
                    var (status, code) = page.Outcome switch
                    {
                        SendOutcome.Failed failed => ((int?)failed.Status, failed.Code),
                        SendOutcome.RecipientGone gone => (gone.Reason == RecipientGoneReason.ConversationNotFound ? 404 : 403, gone.Reason.ToString()),
                        SendOutcome.Throttled => (429, null),
                        _ => (null, null),
                    };
                    Log.TeamRosterFailed(logger, status, code, pages, updated);
                    return;
                }

                pages++;
                foreach (var member in (result.Members ?? []).OfType<TeamsChannelAccount>())
                {
                    members++;
                    if (roster.ToEntry(member) is { } entry && await sync.ApplyAsync(entry.Person, entry.Entry, budget.Token) == DirectorySyncOutcome.Updated)
                    {
                        updated++;
                    }
                }

                // A token seen before would page forever; Teams may repeat members, never (we assume) tokens.
                token = result.ContinuationToken is { Length: > 0 } next && seenTokens.Add(next) ? next : null;
            }
            while (token is not null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.TeamRosterStopped(logger, pages, members, updated);
            return;
        }

        Log.TeamRosterRead(logger, pages, members, updated);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Roster refresh for the person of the turn: {Outcome}")]
        public static partial void PersonRefreshed(ILogger logger, DirectorySyncOutcome outcome);

        [LoggerMessage(2, LogLevel.Information, "Read the roster of a team or group chat on install: {Pages} pages, {Members} members, {Updated} profiles updated")]
        public static partial void TeamRosterRead(ILogger logger, int pages, int members, int updated);

        [LoggerMessage(3, LogLevel.Warning, "Teams roster of a team or group chat could not be read (status {Status}, code {Code}) after {Pages} pages and {Updated} profiles updated; people are looked up on their own turns instead")]
        public static partial void TeamRosterFailed(ILogger logger, int? status, string? code, int pages, int updated);

        [LoggerMessage(4, LogLevel.Warning, "Stopped reading a team's roster at the time budget: {Pages} pages, {Members} members, {Updated} profiles updated; the rest are looked up on their own turns")]
        public static partial void TeamRosterStopped(ILogger logger, int pages, int members, int updated);

        [LoggerMessage(5, LogLevel.Warning, "Roster facts were not stored ({Failure}); the turn answered and the next one tries again")]
        public static partial void NotStored(ILogger logger, string failure);
    }
}
