using System.Globalization;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.Programs;

/// <summary>
/// The headline numbers of one program for its owner. Every value is already worded (a suppressed one says it is
/// hidden), so the card cannot show a small-group number by mistake.
/// </summary>
/// <param name="DashboardUrl">The full dashboard, when the host knows its public address.</param>
public sealed record ProgramStatusView(
    string ProgramName,
    string ActivePairings,
    string Requests,
    string CheckIns,
    string TimeToFirstMeeting,
    string Satisfaction,
    string Unmatched,
    string SkillsWithoutMentor,
    string OpenConcerns,
    Uri? DashboardUrl);

public static class ProgramStatusCard
{
    public static AdaptiveCard Build(ProgramStatusView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("ProgramStatus.Title", view.ProgramName);
        var body = new List<AdaptiveElement>
        {
            Heading(title),
            Facts(
                (t["ProgramStatus.ActivePairings"], view.ActivePairings),
                (t["ProgramStatus.Requests"], view.Requests),
                (t["ProgramStatus.CheckIns"], view.CheckIns),
                (t["ProgramStatus.TimeToFirstMeeting"], view.TimeToFirstMeeting),
                (t["ProgramStatus.Satisfaction"], view.Satisfaction),
                (t["ProgramStatus.Unmatched"], view.Unmatched),
                (t["ProgramStatus.SkillsWithoutMentor"], view.SkillsWithoutMentor),
                (t["ProgramStatus.OpenConcerns"], view.OpenConcerns)),
            Subtle(t["ProgramStatus.Privacy"]),
        };
        return view.DashboardUrl is { } url
            ? AdaptiveCard.Create(body, [new OpenUrlAction(t["ProgramStatus.OpenDashboard"], url)], fallbackText: title)
            : AdaptiveCard.Create(body, fallbackText: title);
    }
}
