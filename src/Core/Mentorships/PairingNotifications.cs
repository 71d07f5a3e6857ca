using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Mentorships;

// What a pairing's changes tell the other person, rendered by the outbox's dispatcher at send time (decision 0307).

/// <summary>To the other person when a pairing was ended or paused (never says why if a concern was raised).</summary>
/// <param name="Note">What <paramref name="By"/> wrote for the other person when ending it ("a few kind words"), or null.</param>
public sealed record PairingChanged(Mentorship Mentorship, Profile By, string? Note = null) : Notification;

/// <summary>To the other person of a pair: how often and how long they meet was changed.</summary>
public sealed record CadenceChanged(Mentorship Mentorship, Profile By) : Notification;

/// <summary>
/// To the other person of a pair ended because someone asked to be forgotten: only the name they knew and the skill
/// (decision 0320); by the time it is sent the pairing and the person are gone.
/// </summary>
public sealed record PartnerLeft(Skills.SkillId Skill, string Name) : Notification;
