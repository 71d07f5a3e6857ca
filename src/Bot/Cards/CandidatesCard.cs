using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <param name="Candidates">Best first; the card shows at most <see cref="CandidatesCard.MaxCandidates"/>.</param>
public sealed record CandidatesView(string RequestId, int Version, string SkillName, IReadOnlyList<CandidateView> Candidates);

/// <param name="Reasons">One line per matching factor, already worded ("Skill" → "Expert in Power BI").</param>
/// <param name="LearnsBack">A two-way match: they want to learn something the senior offers.</param>
public sealed record CandidateView(string CandidateId, string Name, string? Department, IReadOnlyList<MatchReasonView> Reasons, bool LearnsBack = false);

public sealed record MatchReasonView(string Factor, string Explanation);

public static class CandidatesCard
{
    public const int MaxCandidates = 3;

    public static AdaptiveCard Build(CandidatesView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("Candidates.Title", view.SkillName);
        var body = new List<AdaptiveElement> { Heading(title) };
        var shown = view.Candidates.Take(MaxCandidates).ToList();

        // Only as true as the matches: every one two-way, some of them, or none (then nothing is claimed).
        if (shown.Count > 0 && shown.All(c => c.LearnsBack))
        {
            body.Add(Text(t["Candidates.Intro"]));
        }
        else if (shown.Any(c => c.LearnsBack))
        {
            body.Add(Text(t["Candidates.IntroSome"]));
        }

        foreach (var candidate in view.Candidates.Take(MaxCandidates))
        {
            var items = new List<AdaptiveElement> { new TextBlock(candidate.Name) { Weight = TextWeight.Bolder } };
            if (candidate.Department is { Length: > 0 } department)
            {
                items.Add(new TextBlock(department) { IsSubtle = true, Spacing = Spacing.None });
            }

            items.Add(new FactSet(candidate.Reasons.Select(r => new Fact(r.Factor, r.Explanation)).ToList()));
            items.Add(Buttons(Execute(
                t.Format("Candidates.Ask", candidate.Name),
                new AskCandidateData(view.RequestId, candidate.CandidateId, view.Version))));
            body.Add(new Container(items) { Style = ContainerStyle.Emphasis, Spacing = Spacing.Medium });
        }

        body.Add(Subtle(t["Candidates.AutoHint"]));
        body.Add(Subtle(t["Candidates.NoPressure"]));

        return AdaptiveCard.Create(
            body,
            [Execute(t["Candidates.Auto"], new LetMentorBotChooseData(view.RequestId, view.Version))],
            fallbackText: title);
    }
}
