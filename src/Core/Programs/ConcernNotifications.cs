using MentorBot.Core.Mentorships;
using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Programs;

// What a raised concern tells people, rendered by the outbox's dispatcher at send time (decision 0320).

/// <summary>To a program owner: a private concern, with who raised it and when. Never sent to the other person.</summary>
public sealed record ConcernForOwner(ProgramOwnerAlert Alert, Mentorship Mentorship, Profile RaisedBy, Profile Other, DateTimeOffset RaisedAt) : Notification;

/// <summary>
/// To the other person of a pair paused by a concern: only that it is paused. It carries no reason and no name of who
/// paused it, so no card can show one by mistake.
/// </summary>
public sealed record PairingPausedQuietly(NeutralPauseNotice Notice, Mentorship Mentorship) : Notification;
