using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.CheckIns;

/// <param name="ManagerCcAllowed">The program lets a thank-you be copied to the junior's manager.</param>
public sealed record ThankYouPromptView(string PairingId, string JuniorName, string SkillName, bool ManagerCcAllowed);

public static class ThankYouPromptCard
{
    public const int NoteMaxLength = 1000;

    public static AdaptiveCard Build(ThankYouPromptView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("ThanksPrompt.Title", view.JuniorName);
        var body = new List<AdaptiveElement>
        {
            Heading(title),
            Text(t.Format("ThanksPrompt.Intro", view.JuniorName, view.SkillName)),
            new TextInput
            {
                Id = SendThanksData.NoteInput,
                Label = t["ThanksPrompt.NoteLabel"],
                Placeholder = t.Format("ThanksPrompt.NotePlaceholder", view.JuniorName),
                IsMultiline = true,
                MaxLength = NoteMaxLength,
                IsRequired = true,
                ErrorMessage = t["ThanksPrompt.NoteError"],
            },
        };
        if (view.ManagerCcAllowed)
        {
            body.Add(new ToggleInput(t.Format("ThanksPrompt.CcManager", view.JuniorName))
            {
                Id = SendThanksData.CcManagerInput,
                Value = "false",
                Wrap = true,
            });
        }

        return AdaptiveCard.Create(
            body,
            [
                Execute(t["ThanksPrompt.Send"], new SendThanksData(view.PairingId)),
                ExecuteAlone(t["Common.Later"], new ThanksLaterData(view.PairingId)),
            ],
            fallbackText: title);
    }
}
