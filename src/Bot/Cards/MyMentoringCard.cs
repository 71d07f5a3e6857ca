using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <summary>Everything the person has going on; statuses arrive already worded ("Waiting for Sam's answer").</summary>
public sealed record MyMentoringView(IReadOnlyList<MyRequestView> Requests, IReadOnlyList<MyPairingView> Pairings);

/// <param name="CanWithdraw">True while the request is still open and the viewer asked it.</param>
public sealed record MyRequestView(string RequestId, int Version, string SkillName, string Status, bool CanWithdraw);

/// <param name="NextCheckIn">"Tue 24 Nov, 10:00", or null when nothing is scheduled.</param>
public sealed record MyPairingView(string PairingId, string OtherName, string SkillName, string Status, string? NextCheckIn);

public static class MyMentoringCard
{
    public static AdaptiveCard Build(MyMentoringView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var body = new List<AdaptiveElement> { Heading(t["Mine.Title"]) };
        if (view.Requests.Count == 0 && view.Pairings.Count == 0)
        {
            body.Add(Text(t["Mine.Empty"]));
        }

        if (view.Pairings.Count > 0)
        {
            body.Add(SubHeading(t["Mine.Pairings"]));
            foreach (var pairing in view.Pairings)
            {
                body.Add(new Container(
                [
                    new TextBlock(t.Format("Mine.PairingLine", pairing.OtherName, pairing.SkillName)) { Weight = TextWeight.Bolder },
                    Facts((t["Mine.Status"], pairing.Status), (t["Mine.NextCheckIn"], pairing.NextCheckIn ?? t["Mine.NoCheckIn"])),
                    Buttons(
                        Execute(t["Common.ScheduleCheckIn"], new ScheduleCheckInData(pairing.PairingId)),
                        Execute(t["Mine.Cadence"], new EditCadenceData(pairing.PairingId))),
                ])
                { Style = ContainerStyle.Emphasis, Spacing = Spacing.Small });
            }
        }

        if (view.Requests.Count > 0)
        {
            body.Add(SubHeading(t["Mine.Requests"]));
            foreach (var request in view.Requests)
            {
                var items = new List<AdaptiveElement>
                {
                    new TextBlock(request.SkillName) { Weight = TextWeight.Bolder },
                    Facts((t["Mine.Status"], request.Status)),
                };
                if (request.CanWithdraw)
                {
                    items.Add(Buttons(Execute(t["Update.Withdraw"], new WithdrawRequestData(request.RequestId, request.Version))));
                }

                body.Add(new Container(items) { Style = ContainerStyle.Emphasis, Spacing = Spacing.Small });
            }
        }

        return AdaptiveCard.Create(
            body,
            [Execute(t["Common.AskForHelp"], new StartAskForHelpData()), Execute(t["Common.EditProfile"], new EditProfileData())],
            fallbackText: t["Mine.Title"]);
    }
}
