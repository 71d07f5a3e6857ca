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
}

/// <summary>Replaces a <see cref="MentoringRequestCard"/> once the offer is settled, so its buttons are gone.</summary>
public sealed record RequestStatusView(RequestStatus Status, string SeniorName, string SkillName);

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
            _ => throw new ArgumentOutOfRangeException(nameof(view), view.Status, null),
        };
        var title = t.Format(titleKey, view.SeniorName, view.SkillName);

        return AdaptiveCard.Create(
            [
                Heading(title),
                Text(t.Format(messageKey, view.SeniorName, view.SkillName)),
            ],
            [Execute(t["Common.MyMentoring"], new ShowMyMentoringData())],
            fallbackText: title);
    }
}
