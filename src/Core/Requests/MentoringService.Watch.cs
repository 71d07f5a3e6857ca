using MentorBot.Core.Outbox;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Requests;

public sealed partial class MentoringService
{
    /// <summary>How long "I'll tell you when someone new adds this skill" holds after nobody could help.</summary>
    public static readonly TimeSpan WatchFor = TimeSpan.FromDays(90);

    /// <summary>
    /// Keeps the promise on the "nobody can help yet" card: <paramref name="teacher"/> has just started offering
    /// <paramref name="added"/>, so every request for one of those skills that closed with nobody left (in the last
    /// <see cref="WatchFor"/>, same tenant) searches again and is offered to them, when the usual rules allow it
    /// (consent, room, not paused, outside the senior's reporting line). The senior's update says who it is and why;
    /// the colleague gets the usual offer. A request whose senior already has another open one for the skill is left.
    /// Returns how many were offered.
    /// </summary>
    public async Task<int> OfferToNewTeacherAsync(Profile teacher, IReadOnlyCollection<SkillId> added, CancellationToken cancellationToken)
    {
        if (added.Count == 0 || !teacher.CanTeach || !teacher.Participation.HasConsented)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var watching = new List<MentoringRequest>();
        string? continuation = null;
        do
        {
            var page = await requests.ListUnmatchedAsync(continuation, cancellationToken);
            watching.AddRange(page.Items.Select(r => r.Value).Where(r => added.Contains(r.Skill)
                && r.Senior != teacher.Id
                && r.Tenant == teacher.Tenant
                && r.ClosedAt is { } closed && now - closed <= WatchFor));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        var offered = 0;
        foreach (var request in watching)
        {
            if (await OfferWatchedAsync(request.Id, teacher.Id, now, cancellationToken))
            {
                offered++;
            }
        }

        return offered;
    }

    private async Task<bool> OfferWatchedAsync(RequestId id, UserId teacher, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await requests.GetAsync(id, cancellationToken) is not { } stored
                || stored.Value.Reopen() is not RequestTransition.Changed { Request: var reopened }
                || (await requests.ListBySeniorAsync(reopened.Senior, cancellationToken)).Any(r => r.IsOpen && r.Skill == reopened.Skill && r.Id != id))
            {
                return false;
            }

            // Only the new colleague is asked: if they cannot be, the request stays as it was (closed, still watched).
            if (await NextStepAsync(reopened, teacher, RequestProgressKind.NewColleagueAsked, now, anyEligible: true, cancellationToken) is not { Outcome: OfferOutcome.Offered } next)
            {
                return false;
            }

            var messages = Messages(next.Request, next.Notes);
            try
            {
                await requests.ReplaceAsync(next.Request, stored.ETag, messages, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxWriteAttempts)
            {
                continue;
            }

            await AfterStepAsync(id, next, messages, cancellationToken);
            return true;
        }
    }
}
