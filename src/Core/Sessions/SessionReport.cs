using MentorBot.Core.Programs.Reporting;

namespace MentorBot.Core.Sessions;

/// <summary>
/// What owners see about a program's group sessions (decision 0470), with the dashboard's small-number rule
/// (<see cref="Metric.MinimumPeople"/>): attendance, satisfaction and hosts thanked are kept only when enough distinct
/// people stand behind them; the count of dates held names nobody and is always shown.
/// </summary>
public sealed record SessionReport(
    int SessionsOffered,
    int DatesHeld,
    int DatesCancelled,
    Metric<int> SeatsTaken,
    Metric<double> MeanRating,
    Metric<int> HostsThanked)
{
    public static SessionReport For(IReadOnlyList<SessionSnapshot> sessions, DateTimeOffset now)
    {
        var held = sessions.Where(s => s.Session.Value.Status == SessionStatus.Open).Sum(s => s.Session.Value.Starts.Count(d => d + s.Session.Value.Length <= now));
        var cancelled = sessions.Where(s => s.Session.Value.Status == SessionStatus.Cancelled).Sum(s => s.Session.Value.Starts.Count);
        var attendees = sessions.Where(s => s.Session.Value.Status == SessionStatus.Open && s.Session.Value.FirstStart <= now)
            .SelectMany(s => s.Seated).ToList();
        var ratings = sessions.SelectMany(s => s.Attendees.Select(a => a.Value)).Where(a => a.Ratings.Count > 0).ToList();
        var thanked = sessions.Where(s => s.Attendees.Any(a => a.Value.ThankedAt is not null)).ToList();
        var thankers = thanked.SelectMany(s => s.Attendees.Where(a => a.Value.ThankedAt is not null).Select(a => a.Value.Person)).Distinct().Count();
        return new SessionReport(
            sessions.Count,
            held,
            cancelled,
            Metric.Of(attendees.Count, attendees.Select(a => a.Person).Distinct().Count()),
            Metric.Of(ratings.Count == 0 ? 0 : Math.Round(ratings.SelectMany(a => a.Ratings).Average(r => r.Rating), 1), ratings.Select(a => a.Person).Distinct().Count()),
            // The people behind "hosts thanked" are those who thanked: shown only when five or more did.
            Metric.Of(thanked.SelectMany(s => s.Session.Value.Hosts).Distinct().Count(), thankers));
    }
}
