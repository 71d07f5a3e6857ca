using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.Programs;

/// <summary>Asks before anything happens: what joining a program means, and a clear yes or not now.</summary>
public sealed record ProgramConsentView(string ProgramId, string ProgramName, string Purpose);

public static class ProgramConsentCard
{
    public static AdaptiveCard Build(ProgramConsentView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("ProgramConsent.Title", view.ProgramName);
        var body = new List<AdaptiveElement> { Heading(title) };
        if (view.Purpose.Length > 0)
        {
            body.Add(Emphasis(Plain(view.Purpose)));
        }

        body.Add(Text(t["ProgramConsent.Means"]));
        body.AddRange(Bullets(
        [
            t["ProgramConsent.Matched"],
            t["ProgramConsent.Private"],
            t["ProgramConsent.Owners"],
            t["ProgramConsent.Leave"],
        ]));
        return AdaptiveCard.Create(
            body,
            [Execute(t["ProgramConsent.Join"], new JoinProgramData(view.ProgramId)), ExecuteAlone(t["ProgramConsent.NotNow"], new NotNowProgramData(view.ProgramId))],
            fallbackText: title);
    }
}
