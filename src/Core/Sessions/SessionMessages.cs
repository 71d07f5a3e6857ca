using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Sessions;

/// <summary>
/// Any message about a group session, rendered at send time from the session as it is then (decision 0470):
/// <see cref="Kind"/> says which card. <see cref="Place"/> is the recipient's waitlist place now; <see cref="About"/> the
/// attendee who thanked (for a thank-you), <see cref="Note"/> their note or a notice's reason.
/// </summary>
public sealed record SessionNotification(
    RequestMessageKind Kind,
    GroupSession Session,
    UserId Recipient,
    int? Occurrence = null,
    int? Place = null,
    Profile? About = null,
    string? Note = null,
    bool ManagerCopied = false) : Notification;

/// <summary>
/// Turns a recorded session message into what the person is told, or null when it no longer stands: the session is
/// gone or changed since (moved again, cancelled), the recipient left or already moved up the waitlist, a nudge's
/// moment passed (decision 0470, as 0306 for requests).
/// </summary>
public sealed class SessionMessageRenderer(IGroupSessionStore store, IProfileStore profiles, SessionNudgePlanner planner, TimeProvider time)
{
    public async Task<SessionNotification?> RenderAsync(RequestMessage message, CancellationToken cancellationToken)
    {
        if (message.Session is not { } id || await store.GetAsync(id, cancellationToken) is not { } snapshot)
        {
            return null;
        }

        var session = snapshot.Session.Value;
        var status = snapshot.Find(message.Recipient)?.Value.Status;
        var current = message.Key.StartsWith($"{id.Value}.s{session.Sequence}.", StringComparison.Ordinal);
        var notification = new SessionNotification(message.Kind, session, message.Recipient, message.Occurrence, Note: message.Note);
        switch (message.Kind)
        {
            case RequestMessageKind.SessionSeat or RequestMessageKind.SessionSeatFreed:
                return status == AttendeeStatus.Seated && session.Status == SessionStatus.Open ? notification : null;
            case RequestMessageKind.SessionWaitlisted:
                return status == AttendeeStatus.Waitlisted && session.Status == SessionStatus.Open
                    ? notification with { Place = snapshot.PlaceOf(message.Recipient) }
                    : null;
            case RequestMessageKind.SessionCancelled or RequestMessageKind.SessionCancelledKindly:
                return session.Status == SessionStatus.Cancelled && current ? notification : null;
            case RequestMessageKind.SessionMoved:
                return session.Status == SessionStatus.Open && current ? notification : null;
            case RequestMessageKind.SessionAgendaPrompt or RequestMessageKind.SessionStartingSoon
                or RequestMessageKind.SessionFeedback or RequestMessageKind.SessionThanksPrompt:
                return planner.StillStands(message, snapshot, time.GetUtcNow()) ? notification : null;
            case RequestMessageKind.SessionThanked or RequestMessageKind.SessionThanksCopiedToManager:
                return message.Candidate is { } from && await profiles.GetAsync(from, cancellationToken) is { Value: var attendee }
                    ? notification with { About = attendee, ManagerCopied = message.ManagerCopied == true }
                    : null;
            case RequestMessageKind.SessionNotice:
                return notification;
            case RequestMessageKind.SessionAnnounced:
                // Not worth announcing once cancelled or once its first date has begun.
                return session.Status == SessionStatus.Open && session.Starts[0] > time.GetUtcNow() ? notification : null;
            default:
                return null;
        }
    }
}
