using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.CheckIns;

// What a check-in's changes tell people, rendered by the outbox's dispatcher at send time (decision 0320).

/// <summary>To the other person of a pair: check-in times were offered; either of them may pick one.</summary>
/// <param name="Suggested">Set when <paramref name="By"/> proposed this one time themselves ("None of these fit"): accept or counter.</param>
public sealed record CheckInTimesOffered(CheckInDetails Details, Profile By, SuggestedTime? Suggested = null) : Notification;

/// <summary>A time one of the pair proposed, with the line they wrote for the other person, if any.</summary>
public sealed record SuggestedTime(string? Note);

/// <summary>To the other person of a pair: a check-in time was picked and booked.</summary>
public sealed record CheckInBooked(CheckInDetails Details, Profile By) : Notification;

/// <summary>To the junior: the senior's thank-you after a check-in (and whether their manager got a copy).</summary>
public sealed record ThanksReceived(CheckInDetails Details, string Note, bool ManagerCopied = false) : Notification;

/// <summary>To the junior's manager, when the senior chose to copy them and the program allows it: recognition.</summary>
public sealed record ThanksCopiedToManager(CheckInDetails Details, string Note, Profile? Manager) : Notification;

/// <summary>To the other person of a pair: a check-in was skipped (its invite is cancelled; the cadence moves on).</summary>
public sealed record CheckInSkipped(CheckInDetails Details, Profile By) : Notification;
