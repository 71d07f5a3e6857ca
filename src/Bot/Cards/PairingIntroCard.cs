using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards;

/// <summary>
/// Sent to each of the pair, worded for the recipient. Both sides learn: <paramref name="RecipientLearns"/> is what
/// the recipient picks up from the other person, <paramref name="RecipientShares"/> what they can give back.
/// </summary>
/// <param name="FirstMeetingAgenda">Suggested topics for the first meeting, chosen for the skill.</param>
/// <param name="SharedHours">"Tue–Thu 10:00–12:00, your time", or null when unknown.</param>
/// <param name="MeetingMinutes">How long the pair's check-ins are, for "Ideas for your first … minutes".</param>
public sealed record PairingIntroView(
    string PairingId,
    string OtherName,
    string? OtherRole,
    string RecipientLearns,
    string? RecipientShares,
    IReadOnlyList<string> FirstMeetingAgenda,
    string? SharedHours,
    int MeetingMinutes = 30)
{
    /// <summary>"You meet about 45 minutes every 3 weeks.": the pair's cadence, stated (decision 0440).</summary>
    public string? Rhythm { get; init; }

    /// <summary>Why the pair's program exists, in its owners' words; null outside a program.</summary>
    public string? Purpose { get; init; }
}

public static class PairingIntroCard
{
    public static AdaptiveCard Build(PairingIntroView view, CultureInfo culture)
    {
        var t = new CardTexts(culture);
        var title = t.Format("Intro.Title", view.OtherName);
        var body = new List<AdaptiveElement> { Heading(title) };
        if (view.OtherRole is { Length: > 0 } role)
        {
            body.Add(new TextBlock(role) { IsSubtle = true, Spacing = Spacing.None });
        }

        body.Add(Text(view.RecipientShares is { Length: > 0 } shares
            ? t.Format("Intro.MutualBoth", view.OtherName, view.RecipientLearns, shares)
            : t.Format("Intro.MutualLearn", view.OtherName, view.RecipientLearns)));
        if (view.Purpose is { Length: > 0 } purpose)
        {
            body.Add(Text(purpose));
        }

        if (view.Rhythm is { Length: > 0 } rhythm)
        {
            body.Add(Text(rhythm));
        }

        if (view.SharedHours is { Length: > 0 } hours)
        {
            body.Add(Facts((t["Intro.SharedHours"], hours)));
        }

        body.Add(SubHeading(t["Intro.RulesHeading"]));
        body.AddRange(Bullets([t["Intro.RuleConfidential"], t["Intro.RuleSafeSpace"], t["Intro.RuleFeedback"], t["Intro.RuleEnd"]]));
        if (view.FirstMeetingAgenda.Count > 0)
        {
            body.Add(SubHeading(t.Format("Intro.AgendaHeadingMinutes", view.MeetingMinutes)));
            body.AddRange(Bullets(view.FirstMeetingAgenda));
        }

        body.Add(Subtle(t["Intro.Thanks"]));

        return AdaptiveCard.Create(
            body,
            [
                Execute(t["Common.ScheduleCheckIn"], new ScheduleCheckInData(view.PairingId)),
                Execute(t["Common.Cadence"], new EditCadenceData(view.PairingId)),
                Execute(t["Common.EndPairing"], new EndPairingData(view.PairingId)),
            ],
            fallbackText: title);
    }
}
