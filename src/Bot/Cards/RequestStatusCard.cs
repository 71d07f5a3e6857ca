using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

public enum RequestStatus
{
    AcceptedByYou,
    MatchedWithSomeoneElse,
    DeclinedByYou,
    Withdrawn,
    Expired,

    /// <summary>On the senior's own card: the colleague they asked said yes.</summary>
    PairedForYou,
}

/// <summary>
/// Replaces a request card once it is settled, so its buttons are gone: the junior's offer card, or the senior's own
/// "I've asked …" card. <paramref name="OtherName"/> is the other person: the senior on a junior's card, the junior
/// who said yes on the senior's.
/// </summary>
public sealed record RequestStatusView(RequestStatus Status, string OtherName, string SkillName);

public static class RequestStatusCard
{
    public static AdaptiveCard Build(RequestStatusView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var (titleKey, messageKey) = view.Status switch
        {
            RequestStatus.AcceptedByYou => ("Status.AcceptedTitle", "Status.AcceptedText"),
            RequestStatus.MatchedWithSomeoneElse => ("Status.MatchedTitle", "Status.MatchedText"),
            RequestStatus.DeclinedByYou => ("Status.DeclinedTitle", "Status.DeclinedText"),
            RequestStatus.Withdrawn => ("Status.WithdrawnTitle", "Status.WithdrawnText"),
            RequestStatus.Expired => ("Status.ExpiredTitle", "Status.ExpiredText"),
            RequestStatus.PairedForYou => ("Status.PairedTitle", "Status.PairedText"),
            _ => throw new ArgumentOutOfRangeException(nameof(view), view.Status, null),
        };
        var title = t.Format(titleKey, view.OtherName, view.SkillName);

        return AdaptiveCard.Create(
            [
                Heading(title),
                Text(t.Format(messageKey, view.OtherName, view.SkillName)),
            ],
            [Execute(t["Common.MyMentoring"], new ShowMyMentoringData())],
            fallbackText: title);
    }
}
