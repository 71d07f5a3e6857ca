using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <summary>A yes/no question before something that can't be undone. Texts are final; see the presets below.</summary>
/// <param name="Consequences">What will happen, one line each (e.g. what will be deleted).</param>
/// <param name="Note">An optional free-text input sent with the confirmation.</param>
public sealed record ConfirmView(
    string Title,
    string Message,
    IReadOnlyList<string> Consequences,
    string ConfirmTitle,
    CardActionData OnConfirm,
    string CancelTitle,
    CardActionData OnCancel,
    ConfirmNote? Note = null);

public sealed record ConfirmNote(string InputId, string Label, int MaxLength);

/// <param name="WhatWillBeDeleted">Worded per person: "Your profile and skills", "2 open requests"…</param>
public sealed record ForgetMeView(IReadOnlyList<string> WhatWillBeDeleted);

public sealed record EndPairingView(string PairingId, string OtherName);

public static class ConfirmCard
{
    public static AdaptiveCard Build(ConfirmView view)
    {
        var body = new List<AdaptiveElement> { Heading(view.Title), Text(view.Message) };
        body.AddRange(Bullets(view.Consequences));
        if (view.Note is { } note)
        {
            body.Add(new TextInput { Id = note.InputId, Label = note.Label, IsMultiline = true, MaxLength = note.MaxLength });
        }

        return AdaptiveCard.Create(
            body,
            [Execute(view.ConfirmTitle, view.OnConfirm), ExecuteAlone(view.CancelTitle, view.OnCancel)],
            fallbackText: view.Title);
    }

    public static AdaptiveCard ForgetMe(ForgetMeView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        return Build(new ConfirmView(
            t["Forget.Title"],
            t["Forget.Message"],
            view.WhatWillBeDeleted,
            t["Forget.Confirm"],
            new ConfirmForgetMeData(),
            t["Forget.Cancel"],
            new CancelFlowData("forget")));
    }

    public static AdaptiveCard EndPairing(EndPairingView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        return Build(new ConfirmView(
            t.Format("End.Title", view.OtherName),
            t.Format("End.Message", view.OtherName),
            [t["End.Private"]],
            t["Common.EndPairing"],
            new ConfirmEndPairingData(view.PairingId),
            t["End.Cancel"],
            new CancelFlowData("endPairing"),
            new ConfirmNote(ConfirmEndPairingData.NoteInput, t.Format("End.NoteLabel", view.OtherName), 300)));
    }
}
