using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Core;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <summary>The offer to a junior. All strings are formatted for the junior (their language, their time zone).</summary>
/// <param name="Format">"A 30-minute call", already worded.</param>
/// <param name="TimeCommitment">"About 30 minutes every 2 weeks, for 3 months".</param>
/// <param name="InReturn">What the senior can teach back, or null when they offered nothing in particular.</param>
/// <param name="RefreshUserIds">Teams MRIs (<c>29:…</c>) that should see a fresh copy when they open the chat, so a
/// stale offer shows "already matched" instead of buttons; null for no automatic refresh.</param>
public sealed record MentoringRequestView(
    string RequestId,
    int Version,
    string SeniorName,
    string? SeniorRole,
    string SkillName,
    string Goal,
    string Format,
    string TimeCommitment,
    string? InReturn,
    string? RespondBy,
    IReadOnlyList<string>? RefreshUserIds = null,
    string? HopesToStart = null);

public static class MentoringRequestCard
{
    public const string CardName = "request";

    public static AdaptiveCard Build(MentoringRequestView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("Request.Title", view.SeniorName);
        var body = new List<AdaptiveElement> { Heading(title) };
        if (view.SeniorRole is { Length: > 0 } role)
        {
            body.Add(new TextBlock(role) { IsSubtle = true, Spacing = Spacing.None });
        }

        body.Add(Facts(
            (t["Request.Skill"], view.SkillName),
            (t["Request.Format"], view.Format),
            (t["Request.Time"], view.TimeCommitment),
            (t["Request.Start"], view.HopesToStart),
            (t["Request.InReturn"], view.InReturn),
            (t["Request.RespondBy"], view.RespondBy)));
        body.Add(SubHeading(t["Request.Goal"]));
        body.Add(Emphasis(Plain(view.Goal)));
        body.Add(Text(t["Request.Mutual"]));
        body.Add(Subtle(t.Format("Request.NoIsFine", view.SeniorName)));

        var decline = ShowCard(
            t["Request.Decline"],
            [
                Text(t["Request.DeclineIntro"]),
                new ChoiceSetInput(
                [
                    new(t["Request.ReasonNoTime"], DeclineReasons.NoTime),
                    new(t["Request.ReasonNotMySkill"], DeclineReasons.NotMySkill),
                    new(t["Request.ReasonOther"], DeclineReasons.Other),
                ])
                {
                    Id = DeclineRequestData.ReasonInput,
                    Label = t["Request.ReasonLabel"],
                    Style = ChoiceInputStyle.Expanded,
                },
                new TextInput
                {
                    Id = DeclineRequestData.NoteInput,
                    Label = t["Request.DeclineNoteLabel"],
                    IsMultiline = true,
                    MaxLength = 300,
                },
            ],
            Execute(t["Request.DeclineSend"], new DeclineRequestData(view.RequestId, view.Version)));

        var suggest = ShowCard(
            t["Request.Suggest"],
            [
                Text(t.Format("Request.SuggestExplain", view.SeniorName)),
                new TextInput
                {
                    Id = SuggestColleagueData.ColleagueInput,
                    Label = t["Request.ColleagueLabel"],
                    Placeholder = t["Request.ColleaguePlaceholder"],
                    MaxLength = 200,
                    IsRequired = true,
                    ErrorMessage = t["Request.ColleagueError"],
                },
            ],
            Execute(t["Request.SuggestSend"], new SuggestColleagueData(view.RequestId, view.Version)));

        var refresh = view.RefreshUserIds is { Count: > 0 } users
            ? new CardRefresh(
                new ExecuteAction(t["Common.Refresh"], CardVerbs.RefreshCard, new RefreshCardData(CardName, view.RequestId)),
                users.Take(60).ToList())
            : null;

        return AdaptiveCard.Create(
            body,
            [Execute(t["Request.Accept"], new AcceptRequestData(view.RequestId, view.Version)), decline, suggest],
            fallbackText: title,
            refresh: refresh);
    }
}
