using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.Programs;

/// <summary>A pair as the owner sees it: names, skill and the main reasons, already worded.</summary>
public sealed record RoundPairView(string LearnerName, string MentorName, string SkillName, IReadOnlyList<string> Reasons);

public sealed record RoundUnmatchedView(string Name, string SkillName, string Why);

public sealed record RoundUnusedView(string Name, string Why);

/// <summary>
/// The round in numbers, straight from the solver's output (decision 0264): how many learners could not be matched
/// and why, and whether the round is proven the best possible.
/// </summary>
/// <param name="AllHelpersTaken">Learners every one of whose possible colleagues is full after the round.</param>
/// <param name="NobodyEligible">Learners nobody in the round can help.</param>
/// <param name="Other">Duplicate requests and learners without a profile.</param>
/// <param name="ProvenBest">The certificate holds: no other pairing of this round has a higher total fit.</param>
public sealed record RoundSummaryView(int AllHelpersTaken, int NobodyEligible, int Other, bool ProvenBest);

/// <summary>What a round preview shows; nothing is sent until the owner presses publish.</summary>
public sealed record RoundPreviewView(
    string ProgramId,
    string ProgramName,
    string RoundId,
    IReadOnlyList<RoundPairView> Pairs,
    IReadOnlyList<RoundUnmatchedView> Unmatched,
    IReadOnlyList<RoundUnusedView> Unused,
    RoundSummaryView? Summary = null);

/// <summary>
/// The owner's dry run of a cohort round: who gets whom and why, who is left out and why, who has places left.
/// Long lists are cut (a Teams card stops at about 28 KB); the owners' dashboard has the full picture.
/// </summary>
public static class RoundPreviewCard
{
    public const int MaxPairsShown = 25;
    public const int MaxOthersShown = 15;

    public static AdaptiveCard Build(RoundPreviewView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var body = new List<AdaptiveElement>
        {
            Heading(t.Format("Round.Title", view.ProgramName)),
            Text(t["Round.Intro"]),
            SubHeading(t.Format("Round.Pairs", view.Pairs.Count)),
        };

        if (view.Pairs.Count == 0)
        {
            body.Add(Subtle(t["Round.NoPairs"]));
        }

        if (view.Summary is { ProvenBest: true } && view.Pairs.Count > 0)
        {
            body.Add(Subtle(t["Round.ProvenBest"]));
        }

        foreach (var pair in view.Pairs.Take(MaxPairsShown))
        {
            body.Add(Plain(t.Format("Round.Pair", pair.LearnerName, pair.MentorName, pair.SkillName)));
            body.AddRange(pair.Reasons.Select(r => PlainBullet(r)));
        }

        AddMore(body, view.Pairs.Count, MaxPairsShown, t);

        if (view.Unmatched.Count > 0)
        {
            body.Add(SubHeading(t.Format("Round.Unmatched", view.Unmatched.Count)));
            if (view.Summary is { } summary)
            {
                if (summary.AllHelpersTaken > 0)
                {
                    body.Add(Plain(t.Format("Round.UnmatchedAllTaken", summary.AllHelpersTaken)));
                }

                if (summary.NobodyEligible > 0)
                {
                    body.Add(Plain(t.Format("Round.UnmatchedNobody", summary.NobodyEligible)));
                }

                if (summary.Other > 0)
                {
                    body.Add(Plain(t.Format("Round.UnmatchedOther", summary.Other)));
                }
            }

            body.AddRange(view.Unmatched.Take(MaxOthersShown).Select(u => PlainBullet(t.Format("Round.UnmatchedLine", u.Name, u.SkillName), u.Why)));
            AddMore(body, view.Unmatched.Count, MaxOthersShown, t);
        }

        if (view.Unused.Count > 0)
        {
            body.Add(SubHeading(t.Format("Round.Unused", view.Unused.Count)));
            body.AddRange(view.Unused.Take(MaxOthersShown).Select(u => PlainBullet(u.Name, u.Why)));
            AddMore(body, view.Unused.Count, MaxOthersShown, t);
        }

        var actions = new List<AdaptiveAction>();
        if (view.Pairs.Count > 0)
        {
            actions.Add(ExecuteAlone(t["Round.Publish"], new PublishRoundData(view.ProgramId, view.RoundId)));
        }

        actions.Add(ExecuteAlone(t["Round.Cancel"], new CancelFlowData("round")));
        return AdaptiveCard.Create(body, actions, fallbackText: t.Format("Round.Title", view.ProgramName));
    }

    private static void AddMore(List<AdaptiveElement> body, int count, int shown, CardTexts t)
    {
        if (count > shown)
        {
            body.Add(Subtle(t.Format("Round.More", count - shown)));
        }
    }
}
