using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Programs.Reporting.Outcomes;
using MentorBot.Core.Requests;

namespace MentorBot.Bot.Programs;

/// <summary>
/// Reads what outcomes need beyond the dashboard's activity (decision 0461): each pair's thank-yous and shared notes
/// (from its check-ins), end-of-term answers, and the offers of the program's requests. Private feedback answers
/// ("what I learned", "what I taught") and decline notes are never read into it: only whether a note was given.
/// </summary>
public sealed class OutcomesLoader(ProgramActivityLoader activityLoader, ICheckInStore checkIns, IRequestStore requests)
{
    public async Task<OutcomeFacts> LoadAsync(ProgramId program, CancellationToken cancellationToken)
    {
        var activity = await activityLoader.LoadAsync(program, cancellationToken);
        var thanks = new List<ThanksRow>();
        var notes = new List<SharedNoteRow>();
        var reviews = new List<TermReviewRow>();
        foreach (var pair in activity.Pairings)
        {
            foreach (var checkIn in await checkIns.ListAsync(pair.Id, cancellationToken))
            {
                var at = checkIn.Meeting?.Slot.Start ?? checkIn.CreatedAt;
                if (checkIn.ThankedAt is { } thankedAt)
                {
                    thanks.Add(new ThanksRow(pair.Id, pair.Senior, pair.Junior, thankedAt));
                }

                if (checkIn.Status == CheckInStatus.Held && !string.IsNullOrWhiteSpace(checkIn.Notes))
                {
                    notes.Add(new SharedNoteRow(pair.Id, pair.Skill, checkIn.Notes, at));
                }
            }

            reviews.AddRange((await checkIns.ListReviewsAsync(pair.Id, cancellationToken))
                .Select(r => new TermReviewRow(pair.Id, r.From, pair.Skill, r.Rating, r.LevelBefore, r.LevelTarget, r.LevelNow, r.At)));
        }

        var offers = new List<OfferRow>();
        var ids = activity.Requests.Select(r => r.Id).ToHashSet();
        foreach (var senior in activity.Requests.Select(r => r.Senior).Distinct())
        {
            foreach (var request in (await requests.ListBySeniorAsync(senior, cancellationToken)).Where(r => ids.Contains(r.Id)))
            {
                offers.AddRange(request.Offers.Select(o => new OfferRow(request.Senior, o.Candidate, o.Status, !string.IsNullOrWhiteSpace(o.DeclineReason), o.OfferedAt)));
            }
        }

        return new OutcomeFacts(activity, thanks, reviews, offers, notes);
    }
}
