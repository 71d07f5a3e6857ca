using System.Globalization;
using MentorBot.Bot.Cards.Programs;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using Microsoft.Extensions.Options;
using CardTexts = MentorBot.Bot.Cards.CardTexts;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Flows;

/// <summary>
/// "program status": the headline numbers of each program the person owns, with the same small-group suppression as
/// the dashboard. Anyone else gets a polite no and no numbers at all.
/// </summary>
public sealed class ProgramStatusFlow(
    IProgramStore programs,
    ProgramActivityLoader activity,
    ConcernInbox concerns,
    SkillCatalog catalog,
    IOptions<ProgramsOptions> options,
    TimeProvider time)
{
    /// <summary>Weeks of check-ins the card sums up.</summary>
    public const int RecentWeeks = 4;

    public async Task ShowAsync(ITurnContext turnContext, TurnPerson person, CancellationToken cancellationToken)
    {
        var t = new CardTexts(person.Culture);
        var owned = (await programs.ListInTenantAsync(person.Tenant, cancellationToken)).Select(p => p.Value).Where(p => ProgramAccess.CanView(person.Id, p)).ToList();
        if (owned.Count == 0)
        {
            await turnContext.SendActivityAsync(t["Program.NotOwner"], cancellationToken);
            return;
        }

        foreach (var program in owned)
        {
            var now = time.GetUtcNow();
            var metrics = ProgramDashboard.Compute(await activity.LoadAsync(program.Id, cancellationToken), now);
            // Only concerns this owner may read count: one about their own pairing is not theirs to know of (0240).
            var open = (await concerns.VisibleAsync(person.Id, program, cancellationToken)).Count(c => c.State == ConcernState.Open);
            await Replies.SendCardAsync(turnContext, ProgramStatusCard.Build(View(program, metrics, open, now, t, person.Culture), person.Culture), cancellationToken);
        }
    }

    private ProgramStatusView View(MentoringProgram program, DashboardMetrics metrics, int openConcerns, DateTimeOffset now, CardTexts t, CultureInfo culture)
    {
        var hidden = t["Program.Hidden"];
        string Shown<T>(Metric<T> metric, Func<T, string> format) => metric.IsSuppressed ? hidden : metric.Format(format);
        string Count(int n) => n.ToString("N0", culture);

        var requests = Sum(metrics, RequestStatus.Matched) is { } matched && Sum(metrics, RequestStatus.Searching, RequestStatus.Offered) is { } waiting
            ? t.Format("Program.RequestsValue", Count(matched), Count(waiting))
            : hidden;

        var thisWeek = IsoWeek.Of(now);
        var recent = metrics.CheckInsByWeek.Where(w => Distance(w.Week, thisWeek) < RecentWeeks).ToList();
        var checkIns = recent.Any(w => w.CheckIns.IsSuppressed)
            ? hidden
            : t.Format(
                "Program.CheckInsValue",
                Count(recent.Sum(w => Value(w.CheckIns).Held)),
                Count(recent.Sum(w => Value(w.CheckIns).Planned)),
                RecentWeeks);

        var firstMeeting = metrics.MedianTimeToFirstMeeting is { } median
            ? Shown(median, d => t.Format("Program.Days", Math.Round(d.TotalDays, 1).ToString("0.#", culture)))
            : t["Program.NoMeetingYet"];

        var latest = metrics.SatisfactionTrend.Count > 0 ? metrics.SatisfactionTrend[^1] : null;
        var satisfaction = latest is null
            ? t["Program.NoRatingsYet"]
            : Shown(latest.MeanRating, r => t.Format("Program.RatingValue", r.ToString("0.0", culture), culture.DateTimeFormat.GetMonthName(latest.Month.Month)));

        var gaps = metrics.SkillsWithoutMentor.Take(3).Select(s => catalog.NameIn(s.Skill, culture)).ToList();
        var dashboard = options.Value.DashboardBaseUrl is { Length: > 0 } baseUrl
            && Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var root)
            && Uri.TryCreate(root, $"programs/{Uri.EscapeDataString(program.Id.Value)}", out var url)
            ? url
            : null;

        return new ProgramStatusView(
            program.Name,
            Shown(metrics.ActivePairings, Count),
            requests,
            checkIns,
            firstMeeting,
            satisfaction,
            Shown(metrics.UnmatchedPeople, Count),
            gaps.Count == 0 ? t["Program.NoGaps"] : string.Join(", ", gaps),
            Count(openConcerns),
            dashboard);
    }

    private static int? Sum(DashboardMetrics metrics, params RequestStatus[] states)
    {
        var total = 0;
        foreach (var state in states)
        {
            if (!metrics.RequestsByState.TryGetValue(state, out var metric))
            {
                continue;
            }

            if (!metric.TryGetValue(out var n))
            {
                return null;
            }

            total += n;
        }

        return total;
    }

    private static HeldVsPlanned Value(Metric<HeldVsPlanned> metric) => metric.TryGetValue(out var v) ? v : new HeldVsPlanned(0, 0);

    private static int Distance(IsoWeek week, IsoWeek current) =>
        (int)((ISOWeek.ToDateTime(current.WeekYear, current.Week, DayOfWeek.Monday) - ISOWeek.ToDateTime(week.WeekYear, week.Week, DayOfWeek.Monday)).TotalDays / 7);
}
