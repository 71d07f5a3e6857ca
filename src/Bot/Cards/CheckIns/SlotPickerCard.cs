using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <param name="Slots">Proposed times, labels already in the recipient's time zone ("Tue 24 Nov, 10:00–10:30").</param>
/// <param name="TimeZoneName">The recipient's zone as they know it ("Stockholm").</param>
/// <param name="Duration">"30 minutes".</param>
public sealed record SlotPickerView(
    string PairingId,
    string ProposalId,
    string OtherName,
    string Duration,
    string TimeZoneName,
    IReadOnlyList<SlotView> Slots);

public sealed record SlotView(string SlotId, string Label);

public static class SlotPickerCard
{
    public const int MaxSlots = 3;

    public static AdaptiveCard Build(SlotPickerView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("Slots.Title", view.OtherName);
        var slots = view.Slots.Take(MaxSlots)
            .Select(s => (AdaptiveAction)Execute(s.Label, new PickSlotData(view.PairingId, view.ProposalId, s.SlotId)))
            .ToArray();

        var noneFit = ShowCard(
            t["Slots.NoneFit"],
            [
                Text(t["Slots.SuggestIntro"]),
                new DateInput { Id = NoSlotFitsData.DateInput, Label = t["Slots.DateLabel"] },
                new TimeInput { Id = NoSlotFitsData.TimeInput, Label = t.Format("Slots.TimeLabel", view.TimeZoneName) },
                new TextInput
                {
                    Id = NoSlotFitsData.NoteInput,
                    Label = t["Slots.NoteLabel"],
                    Placeholder = t["Slots.NotePlaceholder"],
                    IsMultiline = true,
                    MaxLength = 300,
                },
            ],
            Execute(t["Slots.SuggestSend"], new NoSlotFitsData(view.PairingId, view.ProposalId)));

        return AdaptiveCard.Create(
            [
                Heading(title),
                Text(t.Format("Slots.Intro", view.Duration, view.TimeZoneName)),
                Buttons(slots),
                Subtle(t.Format("Slots.Invite", view.OtherName)),
            ],
            [noneFit],
            fallbackText: title);
    }
}
