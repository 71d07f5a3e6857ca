using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <summary>A short confirmation ("You're on a break") with optional buttons.</summary>
public sealed record NoticeView(string Title, string Message, IReadOnlyList<NoticeButton>? Buttons = null);

public sealed record NoticeButton(string Title, CardActionData Data);

/// <param name="Until">The day participation resumes by itself, formatted; null for "until you resume".</param>
public sealed record PausedView(string? Until);

public static class NoticeCard
{
    public static AdaptiveCard Build(NoticeView view) => AdaptiveCard.Create(
        [Heading(view.Title), Text(view.Message)],
        view.Buttons?.Select(b => (AdaptiveAction)Execute(b.Title, b.Data)).ToList(),
        fallbackText: view.Title);

    public static AdaptiveCard Paused(PausedView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        return Build(new NoticeView(
            t["Paused.Title"],
            view.Until is { Length: > 0 } until ? t.Format("Paused.TextUntil", until) : t["Paused.Text"],
            [new NoticeButton(t["Common.Resume"], new ResumeParticipationData())]));
    }

    public static AdaptiveCard Resumed(CultureInfo culture)
    {
        var t = new CardTexts(culture);
        return Build(new NoticeView(
            t["Resumed.Title"],
            t["Resumed.Text"],
            [new NoticeButton(t["Common.MyMentoring"], new ShowMyMentoringData())]));
    }
}
