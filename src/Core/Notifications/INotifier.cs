using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;

namespace MentorBot.Core.Notifications;

/// <summary>
/// Tells a person something outside the conversation they are in (a proactive 1:1 message in Teams). The bot turns
/// each notification into the matching card; Core only says what happened, to whom.
/// </summary>
public interface INotifier
{
    Task<NotifyOutcome> NotifyAsync(UserId recipient, Notification notification, CancellationToken cancellationToken);
}

/// <summary>What happened; one record per kind of message a person can receive unprompted.</summary>
public abstract record Notification
{
    private protected Notification()
    {
    }
}

/// <summary>To the junior: a senior would like to learn from you.</summary>
public sealed record RequestOffered(MentoringRequest Request, Profile Senior, RankedCandidate Match, DateTimeOffset AnswerBy) : Notification;

/// <summary>To the senior: where their request stands (offered to someone, declined and re-offered, expired…).</summary>
public sealed record RequestProgress(MentoringRequest Request, RequestProgressKind Kind, Profile? Candidate, string? Reason) : Notification;

public enum RequestProgressKind
{
    OfferedTo,
    DeclinedAskingNext,
    NoAnswerAskingNext,
    NoCandidatesLeft,

    /// <summary>The colleague who said no suggested the one asked now (<see cref="RequestProgress.Candidate"/>).</summary>
    SuggestedAsked,

    /// <summary>The colleague who said no suggested someone who cannot be asked for this; the next best is asked.</summary>
    SuggestedCannotBeAsked,

    /// <summary>The colleague who said no suggested a name nobody on MentorBot has (<see cref="RequestProgress.Reason"/>); the next best is asked.</summary>
    SuggestedNotFound,

    /// <summary>After nobody could help, someone new added the skill and is asked now (the senior's watch).</summary>
    NewColleagueAsked,
}

/// <summary>To a junior whose offer closed because someone else accepted or the senior withdrew.</summary>
public sealed record OfferClosed(MentoringRequest Request, Profile Senior) : Notification;

/// <summary>
/// To a junior who did not answer within the answer window: nothing to read, but every copy of the offer card they
/// have should stop showing buttons. A later yes still counts while nobody else has accepted.
/// </summary>
public sealed record OfferExpired(MentoringRequest Request, Profile Senior) : Notification;

/// <summary>To both people of a new pair: the introduction.</summary>
public sealed record PairingStarted(Mentorship Mentorship, Profile Senior, Profile Junior, MentoringRequest Request) : Notification;

/// <summary>To the other person when a pairing was ended or paused (never says why if a concern was raised).</summary>
/// <param name="Note">What <paramref name="By"/> wrote for the other person when ending it ("a few kind words"), or null.</param>
public sealed record PairingChanged(Mentorship Mentorship, Profile By, string? Note = null) : Notification;

public enum NotifyOutcome
{
    Delivered,

    /// <summary>MentorBot has no way to reach the person yet (never installed) or they removed it.</summary>
    Unreachable,

    /// <summary>A transient failure; the caller may retry later (idempotent notifications only).</summary>
    Failed,
}

/// <summary>To the other person of a pair: check-in times were offered; either of them may pick one.</summary>
/// <param name="Suggested">Set when <paramref name="By"/> proposed this one time themselves ("None of these fit"): accept or counter.</param>
public sealed record CheckInTimesOffered(CheckIns.CheckInDetails Details, Profile By, SuggestedTime? Suggested = null) : Notification;

/// <summary>A time one of the pair proposed, with the line they wrote for the other person, if any.</summary>
public sealed record SuggestedTime(string? Note);

/// <summary>To the other person of a pair: a check-in time was picked and booked.</summary>
public sealed record CheckInBooked(CheckIns.CheckInDetails Details, Profile By) : Notification;

/// <summary>To the junior: the senior's thank-you after a check-in (and whether their manager got a copy).</summary>
public sealed record ThanksReceived(CheckIns.CheckInDetails Details, string Note, bool ManagerCopied = false) : Notification;

/// <summary>To the junior's manager, when the senior chose to copy them and the program allows it: recognition.</summary>
public sealed record ThanksCopiedToManager(CheckIns.CheckInDetails Details, string Note, Profile? Manager) : Notification;

/// <summary>To the other person of a pair: a check-in was skipped (its invite is cancelled; the cadence moves on).</summary>
public sealed record CheckInSkipped(CheckIns.CheckInDetails Details, Profile By) : Notification;

/// <summary>To a program owner: a private concern, with who raised it and when. Never sent to the other person.</summary>
public sealed record ConcernForOwner(Feedback.ProgramOwnerAlert Alert, Mentorship Mentorship, Profile RaisedBy, Profile Other, DateTimeOffset RaisedAt) : Notification;

/// <summary>
/// To the other person of a pair paused by a concern: only that it is paused. It carries no reason and no name of who
/// paused it, so no card can show one by mistake.
/// </summary>
public sealed record PairingPausedQuietly(Feedback.NeutralPauseNotice Notice, Mentorship Mentorship) : Notification;

/// <summary>To the other person of a pair: how often and how long they meet was changed.</summary>
public sealed record CadenceChanged(Mentorship Mentorship, Profile By) : Notification;
