using System.Collections.Concurrent;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Turns;
using MentorBot.Core.Profiles;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// Core's "who is this person" port over the Teams roster (decision 0360): <c>GET v3/conversations/{id}/members/{id}</c>
/// in the person's own 1:1 chat, with the bot's usual token and no Graph permission. An answer for someone else, or from
/// a tenant this host does not serve, is not used. Failures are values with one log line that names no person; after
/// one, this instance leaves the person alone for <see cref="RosterOptions.RetryAfterFailure"/>.
/// </summary>
public sealed partial class RosterPersonDirectory(
    IConversationReferenceStore references,
    IConnectorClient connector,
    TenantPolicy tenants,
    IOptions<RosterOptions> options,
    TimeProvider time,
    ILogger<RosterPersonDirectory> logger) : IPersonDirectory
{
    private readonly ConcurrentDictionary<UserId, DateTimeOffset> _quietUntil = new();

    public async Task<DirectoryLookup> LookUpAsync(UserId person, CancellationToken cancellationToken)
    {
        if (_quietUntil.TryGetValue(person, out var until) && time.GetUtcNow() < until)
        {
            return new DirectoryLookup.Unavailable("RecentlyFailed");
        }

        if (await references.GetAsync(PersonKey.From(person), cancellationToken) is not
            { ServiceUrl: { Length: > 0 } serviceUrl, Conversation.Id: { Length: > 0 } conversationId, User.Id: { Length: > 0 } memberId })
        {
            return Failed(person, new DirectoryLookup.Unavailable("NoPersonalChat"), null);
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.LookupTimeout);
        ConnectorResult<TeamsChannelAccount> result;
        try
        {
            result = await connector.GetConversationMemberAsync(serviceUrl, conversationId, memberId, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(person, new DirectoryLookup.Unavailable("Timeout"), null);
        }

        if (!result.Succeeded || result.Value is not { } member)
        {
            DirectoryLookup lookup = result.Outcome is SendOutcome.RecipientGone { Reason: RecipientGoneReason.ConversationNotFound }
                || result.Outcome is SendOutcome.Failed { Code: "MemberNotFoundInConversation" }
                ? new DirectoryLookup.NotFound()
                : new DirectoryLookup.Unavailable(result.Outcome.GetType().Name);
            return Failed(person, lookup, result.Outcome);
        }

        if (ToEntry(member) is not { } entry || entry.Person != person)
        {
            return Failed(person, new DirectoryLookup.Unavailable("NotThisPerson"), null);
        }

        _quietUntil.TryRemove(person, out _);
        return new DirectoryLookup.Found(entry.Entry);
    }

    /// <summary>
    /// A roster member as Core's directory entry with the person it describes, or null when the member names no person
    /// or comes from a tenant this host does not serve (then nothing about them may be stored).
    /// </summary>
    public (UserId Person, RosterEntry Entry)? ToEntry(TeamsChannelAccount member)
    {
        if (TurnPerson.UserIdOf(new ChannelAccount { Id = member.Id, AadObjectId = member.EntraObjectId }) is not { } person
            || tenants.Serve(member.TenantId) is not { } served)
        {
            return null;
        }

        return (person, new RosterEntry(member.Email, member.UserPrincipalName, member.GivenName, member.Surname, member.Name, tenants.DefaultTenant.InCore(served)));
    }

    private DirectoryLookup Failed(UserId person, DirectoryLookup lookup, SendOutcome? outcome)
    {
        var now = time.GetUtcNow();
        if (_quietUntil.Count > 10_000)
        {
            foreach (var old in _quietUntil.Where(q => q.Value <= now).Select(q => q.Key).ToList())
            {
                _quietUntil.TryRemove(old, out _);
            }
        }

        _quietUntil[person] = now + options.Value.RetryAfterFailure;
        var (status, code) = outcome switch
        {
            SendOutcome.Failed failed => ((int?)failed.Status, failed.Code),
            SendOutcome.RecipientGone gone => (gone.Reason == RecipientGoneReason.ConversationNotFound ? 404 : 403, gone.Reason.ToString()),
            SendOutcome.Throttled => (429, null),
            _ => (null, null),
        };
        Log.LookupFailed(logger, lookup is DirectoryLookup.Unavailable unavailable ? unavailable.Reason : "NotFound", status, code);
        return lookup;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Teams roster lookup gave no directory entry ({Reason}, status {Status}, code {Code}); the profile keeps what it had and the turn goes on")]
        public static partial void LookupFailed(ILogger logger, string reason, int? status, string? code);
    }
}
