using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Cards.Sessions;
using MentorBot.Core.Outbox;
using MentorBot.Core.Sessions;

namespace MentorBot.Bot.Proactive;

/// <summary>
/// The cards of group-session messages (decision 0470), rendered at send time for one recipient: their language and
/// time zone (<see cref="Audience"/>). The host is always named by the name they chose to share.
/// </summary>
/// <remarks>It reads the program store directly, not <see cref="GroupSessionService"/>: the service sends through the
/// dispatcher, which renders through this, so depending on the service would make a cycle of singletons.</remarks>
public sealed class SessionNotifier(Core.Programs.IProgramStore programs, Microsoft.Extensions.Options.IOptions<Core.CheckIns.CheckInOptions> options)
{
    public async Task<AdaptiveCard?> BuildAsync(SessionNotification notification, Audience audience, CancellationToken cancellationToken)
    {
        var t = new SessionTexts(audience.Culture);
        var session = notification.Session;
        var view = SessionViews.For(session, audience);
        return notification.Kind switch
        {
            RequestMessageKind.SessionSeat => SessionCards.Booked(view, freedUp: false, null, audience.Culture),
            RequestMessageKind.SessionSeatFreed => SessionCards.Booked(view, freedUp: true, null, audience.Culture),
            RequestMessageKind.SessionWaitlisted => SessionCards.Waitlisted(view, notification.Place ?? 1, audience.Culture),
            RequestMessageKind.SessionCancelled => SessionCards.Notice(
                t.Format("Session.Cancelled.Title", session.Topic), t.Format("Session.Cancelled.Text", session.HostShownName), view.Dates),
            RequestMessageKind.SessionCancelledKindly => SessionCards.Notice(
                t.Format("Session.CancelledKindly.Title", session.Topic), t["Session.CancelledKindly.Text"], view.Dates),
            RequestMessageKind.SessionMoved => SessionCards.Notice(
                t.Format("Session.Moved.Title", session.Topic), t.Format("Session.Moved.Text", session.HostShownName), view.Dates,
                [new NoticeButton(t["Session.Leave"], new LeaveSessionData(session.Id.Value))]),
            RequestMessageKind.SessionAgendaPrompt => SessionCards.Notice(
                t.Format("Session.Agenda.Title", session.Topic), t.Format("Session.Agenda.Text", session.SeatsTaken), [Date(view, notification)]),
            RequestMessageKind.SessionStartingSoon => SessionCards.Notice(
                t.Format("Session.Soon.Title", session.Topic), t.Format("Session.Soon.Text", Date(view, notification))),
            RequestMessageKind.SessionFeedback => SessionCards.Feedback(view, notification.Occurrence ?? 0, audience.Culture),
            RequestMessageKind.SessionThanksPrompt => SessionCards.ThanksPrompt(view, await SessionManagerCopy.AllowedAsync(session, programs, options.Value, cancellationToken), audience.Culture),
            RequestMessageKind.SessionThanked => SessionCards.Notice(
                t.Format("Session.Thanked.Title", notification.About?.DisplayName, session.Topic),
                notification.Note is { Length: > 0 } note ? note : string.Empty,
                notification.ManagerCopied ? [t["Session.Thanked.Copied"]] : null),
            RequestMessageKind.SessionThanksCopiedToManager => SessionCards.Notice(
                t.Format("Session.ManagerCopy.Title", notification.About?.DisplayName, session.HostShownName),
                t.Format("Session.ManagerCopy.Text", notification.About?.DisplayName, session.HostShownName, session.Topic),
                notification.Note is { Length: > 0 } copied ? [copied] : null),
            // The channel's announcement (decision 0475): only what the host chose to share; each reader sees their own time.
            RequestMessageKind.SessionAnnounced => SessionCards.Announcement(SessionViews.Announcement(session), audience.Culture),
            RequestMessageKind.SessionNotice => SessionCards.Notice(t["Session.Notice.Title"], t[$"Session.Notice.{notification.Note}"]),
            _ => null,
        };
    }

    private static string Date(SessionView view, SessionNotification notification) =>
        view.Dates[Math.Clamp(notification.Occurrence ?? 0, 0, view.Dates.Count - 1)];
}

/// <summary>How a session reads in one person's chat: dates in their zone and language.</summary>
public static class SessionViews
{
    public static SessionView For(GroupSession session, Audience audience) => new(
        session.Id.Value,
        session.Topic,
        session.Description,
        session.HostShownName,
        [.. session.Starts.Select(audience.FormatDateTime)],
        (int)session.Length.TotalMinutes,
        session.SeatsLeft,
        session.Seats);

    public static SessionAnnouncementView Announcement(GroupSession session) => new(
        session.Id.Value, session.Topic, session.Description, session.HostShownName, session.Starts, (int)session.Length.TotalMinutes, session.SeatsLeft, session.Seats);
}
