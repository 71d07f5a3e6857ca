using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <param name="Slots">Proposed times, labels already in the recipient's time zone ("Tue 24 Nov, 10:00–10:30").</param>
/// <param name="TimeZoneName">The recipient's zone as they know it ("Stockholm").</param>
/// <param name="Duration">"30 minutes".</param>
/// <param name="Suggested">Set when the other person proposed this time themselves: the card asks to accept or counter.</param>
public sealed record SlotPickerView(
    string PairingId,
    string ProposalId,
    string OtherName,
    string Duration,
    string TimeZoneName,
    IReadOnlyList<SlotView> Slots,
    SuggestedTimeView? Suggested = null);

/// <param name="Note">What the other person wrote with their suggestion, or null.</param>
public sealed record SuggestedTimeView(string? Note);

public sealed record SlotView(string SlotId, string Label);

public static class SlotPickerCard
{
    public const int MaxSlots = 3;

    public static AdaptiveCard Build(SlotPickerView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = view.Suggested is null ? t.Format("Slots.Title", view.OtherName) : t.Format("Slots.SuggestedTitle", view.OtherName);
        var slots = view.Slots.Take(MaxSlots)
            .Select(s => (AdaptiveAction)Execute(s.Label, new PickSlotData(view.PairingId, view.ProposalId, s.SlotId)))
            .ToArray();

        var noneFit = ShowCard(
            t["Slots.NoneFit"],
            [
                Text(t.Format("Slots.NoneFitExplain", view.OtherName)),
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
            Execute(t["Slots.SuggestSend"], new NoSlotFitsData(view.PairingId, view.ProposalId)),
            Execute(t["Slots.LaterTimes"], new LaterSlotsData(view.PairingId, view.ProposalId)));

        var body = new List<AdaptiveElement> { Heading(title) };
        if (view.Suggested is { } suggested)
        {
            body.Add(Text(t.Format("Slots.SuggestedIntro", view.Duration, view.TimeZoneName)));
            if (suggested.Note is { Length: > 0 } note)
            {
                body.Add(Text(t.Format("Slots.SuggestedNote", view.OtherName, note)));
            }
        }
        else
        {
            body.Add(Text(t.Format("Slots.Intro", view.Duration, view.TimeZoneName)));
        }

        body.Add(Buttons(slots));
        body.Add(Subtle(t.Format("Slots.Invite", view.OtherName)));
        return AdaptiveCard.Create(body, [noneFit], fallbackText: title);
    }
}
