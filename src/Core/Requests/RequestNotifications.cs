using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Requests;

// What a request's steps tell people, rendered by the outbox's dispatcher at send time (decision 0306).

/// <summary>To the junior: a senior would like to learn from you.</summary>
public sealed record RequestOffered(MentoringRequest Request, Profile Senior, RankedCandidate Match, DateTimeOffset AnswerBy) : Notification;

/// <summary>To the senior: where their request stands (offered to someone, declined and re-offered, expired…).</summary>
public sealed record RequestProgress(MentoringRequest Request, RequestProgressKind Kind, Profile? Candidate, NobodyAvailable? Why) : Notification
{
    /// <summary>The name a colleague typed when suggesting someone nobody on MentorBot has (<see cref="RequestProgressKind.SuggestedNotFound"/>), or null.</summary>
    public string? Typed { get; init; }
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
