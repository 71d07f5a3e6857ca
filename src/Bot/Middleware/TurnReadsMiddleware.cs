using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Turns;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;

namespace MentorBot.Bot.Middleware;

/// <summary>
/// Starts the reads nearly every turn makes, together, as soon as the tenant is known (decision 0410): the person's
/// 1:1 conversation reference, their profile and the conversation's dialog stack. Each middleware that needs one takes
/// the read instead of starting its own, so on Azure Table storage the three cost the latency of one round trip instead
/// of three in a row. Nothing is decided here and nothing is written; a read nobody takes is simply dropped.
/// </summary>
public sealed class TurnReadsMiddleware(IConversationReferenceStore references, IProfileStore profiles, IDialogStateStore dialogs) : IMiddleware
{
    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var from = activity.From;
        if (from is not null && !string.Equals(from.Id, activity.Recipient?.Id, StringComparison.Ordinal))
        {
            var reads = new TurnReads();
            if (activity.Conversation.IsPersonal() && PersonKey.For(from) is { } person)
            {
                reads.Reference = (person, Observed(references.GetAsync(person, cancellationToken)));
            }

            if (TurnPerson.UserIdOf(from) is { } id)
            {
                reads.Profile = (id, Observed(profiles.GetAsync(id, cancellationToken)));
            }

            turnContext.TurnState.Set(reads);
            if ((activity.IsType(ActivityTypes.Message) || activity.IsType(ActivityTypes.Invoke)) && activity.Conversation?.Id is { Length: > 0 })
            {
                DialogStatePrefetch.Start(turnContext, dialogs, cancellationToken);
            }
        }

        return next(cancellationToken);
    }

    // A turn that never takes a read (refused, uninstalled) must not leave an unobserved failure behind.
    private static Task<T> Observed<T>(Task<T> read)
    {
        _ = read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return read;
    }
}

/// <summary>The reads <see cref="TurnReadsMiddleware"/> started; each is taken once, for the same key, and null after that.</summary>
public sealed class TurnReads
{
    internal (PersonKey Key, Task<ConversationReference?> Read)? Reference { get; set; }

    internal (UserId Id, Task<Versioned<Profile>?> Read)? Profile { get; set; }

    public static Task<ConversationReference?>? TakeReference(ITurnContext turnContext, PersonKey person)
    {
        if (turnContext.TurnState.Get<TurnReads>() is { Reference: { } started } reads && started.Key == person)
        {
            reads.Reference = null;
            return started.Read;
        }

        return null;
    }

    public static Task<Versioned<Profile>?>? TakeProfile(ITurnContext turnContext, UserId id)
    {
        if (turnContext.TurnState.Get<TurnReads>() is { Profile: { } started } reads && started.Id == id)
        {
            reads.Profile = null;
            return started.Read;
        }

        return null;
    }
}
