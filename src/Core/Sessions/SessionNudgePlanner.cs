using MentorBot.Core.CheckIns;
using MentorBot.Core.Nudges;
using MentorBot.Core.Outbox;
using MentorBot.Core.Profiles;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Sessions;

/// <summary>What the session planner needs: the session with its attendees, and the people with their nudge settings.</summary>
public sealed record SessionNudgeContext(
    SessionSnapshot Snapshot,
    IReadOnlyDictionary<UserId, Profile> People,
    IReadOnlyDictionary<UserId, NudgePreferences> Preferences);

/// <summary>
/// The nudges of a group session (decision 0470), planned like a pair's (<see cref="NudgePlanner"/>): pure, only what
/// is due now, keyed so every instance may plan every minute. Per date: an agenda prompt to the hosts, "starting soon"
/// to the hosts and everyone with a seat, a feedback card to those with a seat after it; after the last date, the
/// attendees are asked whether they would like to thank the host. Quiet hours, days off, snooze and muting are the
/// pair nudges' own rule (<see cref="NudgePlanner.DueFor"/>); the outbox sends them with the same rate limits.
/// </summary>
public sealed class SessionNudgePlanner(NudgePlanner planner, IOptions<CheckInOptions> checkIns, IOptions<GroupSessionOptions> sessions)
{
    private readonly NudgeTimingOptions _timing = checkIns.Value.Nudges;
    private readonly GroupSessionOptions _sessions = sessions.Value;

    /// <summary>How long after a session's last date it still has nudges to plan.</summary>
    public TimeSpan Horizon => _timing.ResponseWindow + _sessions.ThanksPromptDelay + _timing.PostMeetingDelay;

    public IReadOnlyList<RequestMessage> PlanDue(SessionNudgeContext context, DateTimeOffset now)
    {
        var due = new List<RequestMessage>();
        foreach (var candidate in Candidates(context.Snapshot))
        {
            if (candidate.Nominal > now || now >= candidate.Expires
                || !context.People.TryGetValue(candidate.Recipient, out var profile)
                || !profile.Participation.IsActiveAt(now))
            {
                continue;
            }

            var preferences = context.Preferences.GetValueOrDefault(candidate.Recipient);
            if (preferences?.Mutes(candidate.NudgeKind) == true)
            {
                continue;
            }

            if (planner.DueFor(candidate.NudgeKind, candidate.Nominal, profile, preferences) is { } at && at <= now && now < candidate.Expires)
            {
                due.Add(candidate.Message with { At = at });
            }
        }

        return due;
    }

    /// <summary>Whether a planned session nudge still stands at send time (same session version, recipient still there).</summary>
    public bool StillStands(RequestMessage message, SessionSnapshot snapshot, DateTimeOffset now) =>
        Candidates(snapshot).FirstOrDefault(c => c.Message.Key == message.Key) is { } candidate && now < candidate.Expires;

    private IEnumerable<Candidate> Candidates(SessionSnapshot snapshot)
    {
        var session = snapshot.Session.Value;
        if (session.Status != SessionStatus.Open)
        {
            yield break;
        }

        var seated = snapshot.Seated.Select(a => a.Person).ToList();
        for (var i = 0; i < session.Starts.Count; i++)
        {
            var start = session.Starts[i];
            var end = start + session.Length;
            var occasion = $"s{session.Sequence}o{i}";
            foreach (var host in session.Hosts)
            {
                yield return new(host, NudgeKind.AgendaPrep, start - _timing.AgendaPrepLead, start - _timing.StartingSoonLead,
                    Message(session, occasion, RequestMessageKind.SessionAgendaPrompt, host, i));
            }

            var grace = TimeSpan.FromMinutes(Math.Min(5, session.Length.TotalMinutes));
            foreach (var person in session.Hosts.Concat(seated))
            {
                yield return new(person, NudgeKind.StartingSoon, start - _timing.StartingSoonLead, start + grace,
                    Message(session, occasion, RequestMessageKind.SessionStartingSoon, person, i));
            }

            foreach (var person in seated)
            {
                yield return new(person, NudgeKind.PostMeeting, end + _timing.PostMeetingDelay, end + _timing.ResponseWindow,
                    Message(session, occasion, RequestMessageKind.SessionFeedback, person, i));
            }

            if (i == session.Starts.Count - 1)
            {
                var prompt = end + _timing.PostMeetingDelay + _sessions.ThanksPromptDelay;
                foreach (var attendee in snapshot.Seated.Where(a => a.ThankedAt is null))
                {
                    yield return new(attendee.Person, NudgeKind.ThankYouPrompt, prompt, prompt + _timing.ResponseWindow,
                        Message(session, occasion, RequestMessageKind.SessionThanksPrompt, attendee.Person, i));
                }
            }
        }
    }

    private static RequestMessage Message(GroupSession session, string occasion, RequestMessageKind kind, UserId recipient, int occurrence) =>
        GroupSessionService.Message(session, occasion, kind, recipient, default) with { Occurrence = occurrence };

    private sealed record Candidate(UserId Recipient, NudgeKind NudgeKind, DateTimeOffset Nominal, DateTimeOffset Expires, RequestMessage Message);
}

/// <summary>
/// One planning pass over every session with nudges still to plan: what is due is written as message rows of the
/// sessions' partition (insert if absent) and sent by the outbox dispatcher like every other message.
/// </summary>
public sealed class SessionNudgePass(
    IGroupSessionStore store,
    IProfileStore profiles,
    INudgePreferencesStore preferences,
    SessionNudgePlanner planner,
    TimeProvider time)
{
    public async Task<IReadOnlyList<RequestMessage>> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var written = new List<RequestMessage>();
        var people = new Dictionary<UserId, Profile>();
        var settings = new Dictionary<UserId, NudgePreferences>();
        foreach (var listed in await store.ListAsync(null, true, now - planner.Horizon, cancellationToken))
        {
            if (listed.Status != SessionStatus.Open || listed.FirstStart - TimeSpan.FromDays(2) > now
                || await store.GetAsync(listed.Id, cancellationToken) is not { } snapshot)
            {
                continue;
            }

            foreach (var person in snapshot.Session.Value.Hosts.Concat(snapshot.Seated.Select(a => a.Person)))
            {
                if (!people.ContainsKey(person) && await profiles.GetAsync(person, cancellationToken) is { Value: var profile })
                {
                    people[person] = profile;
                    if (await preferences.GetAsync(person, cancellationToken) is { } stored && stored.Tenant == profile.Tenant)
                    {
                        settings[person] = stored;
                    }
                }
            }

            var due = planner.PlanDue(new SessionNudgeContext(snapshot, people, settings), now);
            if (due.Count > 0)
            {
                written.AddRange(await store.AddMessagesIfAbsentAsync(due, cancellationToken));
            }
        }

        return written;
    }
}
