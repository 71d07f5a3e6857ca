using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

public enum SeniorUpdateKind
{
    OfferSent,
    DeclinedAskingNext,
    NoCandidatesLeft,
}

/// <param name="CandidateName">Who was asked (OfferSent) or who declined (DeclinedAskingNext).</param>
/// <param name="NextCandidateName">Who is asked now (DeclinedAskingNext).</param>
/// <param name="Why">NoCandidatesLeft: why nobody fits, already worded ("Nobody who knows Power BI is free in your hours").</param>
/// <param name="Suggestions">NoCandidatesLeft: what the senior could change.</param>
/// <param name="Note">A line after the first: what became of a colleague suggested by the one who said no, or a watched skill found.</param>
public sealed record SeniorUpdateView(
    SeniorUpdateKind Kind,
    string RequestId,
    int Version,
    string SkillId,
    string SkillName,
    string? CandidateName = null,
    string? NextCandidateName = null,
    string? Why = null,
    IReadOnlyList<string>? Suggestions = null,
    string? Note = null);

public static class SeniorUpdateCard
{
    public static AdaptiveCard Build(SeniorUpdateView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var withdraw = Execute(t["Update.Withdraw"], new WithdrawRequestData(view.RequestId, view.Version));
        var (title, body, actions) = view.Kind switch
        {
            SeniorUpdateKind.OfferSent => (
                t.Format("Update.SentTitle", view.CandidateName, view.SkillName),
                new List<AdaptiveElement> { Text(t.Format("Update.SentText", view.CandidateName)) },
                new AdaptiveAction[] { withdraw }),
            SeniorUpdateKind.DeclinedAskingNext => (
                t.Format("Update.NextTitle", view.NextCandidateName),
                [
                    Text(t.Format("Update.NextText", view.CandidateName, view.NextCandidateName, view.SkillName)),
                    Subtle(t["Update.NextReassure"]),
                ],
                [withdraw]),
            SeniorUpdateKind.NoCandidatesLeft => (
                t.Format("Update.NoneTitle", view.SkillName),
                NoneLeftBody(view, t),
                [
                    Execute(t["Update.ChangeRequest"], new StartAskForHelpData(view.SkillId)),
                    withdraw,
                ]),
            _ => throw new ArgumentOutOfRangeException(nameof(view), view.Kind, null),
        };

        if (view.Note is { Length: > 0 } note)
        {
            body.Insert(Math.Min(1, body.Count), Text(note));
        }

        return AdaptiveCard.Create([Heading(title), .. body], actions, fallbackText: title);
    }

    private static List<AdaptiveElement> NoneLeftBody(SeniorUpdateView view, CardTexts t)
    {
        var body = new List<AdaptiveElement> { Text(view.Why ?? t["Update.NoneWhyDefault"]) };
        if (view.Suggestions is { Count: > 0 } suggestions)
        {
            body.Add(SubHeading(t["Update.NoneSuggestions"]));
            body.AddRange(Bullets(suggestions));
        }

        body.Add(Subtle(t["Update.NoneKeepLooking"]));
        return body;
    }
}
