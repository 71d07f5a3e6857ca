using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

public enum FriendlyErrorKind
{
    /// <summary>A button on a card whose request, check-in or pairing has moved on.</summary>
    StaleAction,

    /// <summary>A button this version does not know (<see cref="UnknownCardAction"/>).</summary>
    UnknownAction,

    /// <summary>Our fault: a failure while handling the turn.</summary>
    SomethingWentWrong,
}

/// <param name="Reference">A short id the person can quote to the program owner (e.g. the trace id), or null.</param>
public sealed record FriendlyErrorView(FriendlyErrorKind Kind, string? Reference = null);

public static class FriendlyErrorCard
{
    public static AdaptiveCard Build(FriendlyErrorView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var (title, message) = view.Kind switch
        {
            FriendlyErrorKind.StaleAction => (t["Error.StaleTitle"], t["Error.StaleText"]),
            FriendlyErrorKind.UnknownAction => (t["Error.UnknownTitle"], t["Error.UnknownText"]),
            FriendlyErrorKind.SomethingWentWrong => (t["Error.WrongTitle"], t["Error.WrongText"]),
            _ => throw new ArgumentOutOfRangeException(nameof(view), view.Kind, null),
        };
        var body = new List<AdaptiveElement> { Heading(title), Text(message) };
        if (view.Reference is { Length: > 0 } reference)
        {
            body.Add(Subtle(t.Format("Error.Reference", reference)));
        }

        return AdaptiveCard.Create(
            body,
            [Execute(t["Common.MyMentoring"], new ShowMyMentoringData()), Execute(t["Common.Help"], new ShowHelpData())],
            fallbackText: title);
    }

    /// <summary>
    /// The card for whatever <see cref="CardActionParser"/> could not understand. A verb we no longer know or a payload
    /// that no longer fits almost always means an old card from an earlier release, so it reads as "out of date".
    /// </summary>
    public static AdaptiveCard For(UnknownCardAction unknown, CultureInfo culture) => Build(
        new FriendlyErrorView(unknown.Reason is UnknownCardActionReason.UnknownVerb or UnknownCardActionReason.Malformed
            ? FriendlyErrorKind.StaleAction
            : FriendlyErrorKind.UnknownAction),
        culture);
}
