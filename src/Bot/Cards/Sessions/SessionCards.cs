using System.Globalization;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using static MentorBot.Bot.Cards.Blocks;

namespace MentorBot.Bot.Cards.Sessions;

/// <summary>
/// The public sign-up card for a channel (decision 0470). It holds only what the host chose to share: the topic, their
/// description, the name they chose to show, the dates, the length and the seats left; never who joined. A public card
/// cannot know its reader, so the dates are Teams' <c>{{DATE()}}</c>/<c>{{TIME()}}</c> functions over UTC instants and
/// each reader's Teams shows them in their own time zone and format.
/// </summary>
public sealed record SessionAnnouncementView(
    string SessionId, string Topic, string Description, string HostShownName, IReadOnlyList<DateTimeOffset> Starts, int LengthMinutes, int SeatsLeft, int Seats);

/// <summary>A session as one person sees it in their own chat: dates already in their zone and language.</summary>
public sealed record SessionView(
    string SessionId, string Topic, string Description, string HostName, IReadOnlyList<string> Dates, int LengthMinutes, int SeatsLeft, int Seats);

public sealed record SessionListEntry(SessionView Session, string? MyPlace, bool CanJoin);

public static class SessionCards
{
    public const int TopicMaxLength = 200;
    public const int DescriptionMaxLength = 1000;
    public const int NoteMaxLength = 1000;

    private static readonly int[] Lengths = [30, 45, 60, 90];
    private static readonly int[] Series = [2, 3, 4];

    public static AdaptiveCard Announcement(SessionAnnouncementView view, CultureInfo culture)
    {
        var t = new SessionTexts(culture);
        var title = t.Format("Session.Announce.Title", view.Topic);
        var body = new List<AdaptiveElement>
        {
            Heading(title),
            Text(t.Format("Session.Announce.HostedBy", view.HostShownName)),
        };
        if (view.Description.Length > 0)
        {
            body.Add(Text(view.Description));
        }

        body.Add(SubHeading(t["Session.Announce.When"]));
        body.AddRange(view.Starts.Select(start => Text(TeamsLocalTime(start))));
        body.Add(Subtle(Length(t, view.Starts.Count, view.LengthMinutes)));
        body.Add(Text(view.SeatsLeft > 0 ? t.Format("Session.Announce.SeatsLeft", view.SeatsLeft, view.Seats) : t["Session.Announce.Full"]));
        body.Add(Subtle(t["Session.Announce.Private"]));
        return AdaptiveCard.Create(
            body,
            [Execute(view.SeatsLeft > 0 ? t["Session.Join"] : t["Session.JoinWaitlist"], new JoinSessionData(view.SessionId))],
            fallbackText: title);
    }

    /// <summary>"{{DATE(2027-03-23T15:00:00Z, SHORT)}} {{TIME(2027-03-23T15:00:00Z)}}": Teams renders it in the reader's zone.</summary>
    public static string TeamsLocalTime(DateTimeOffset instant)
    {
        var iso = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"{{{{DATE({iso}, SHORT)}}}} {{{{TIME({iso})}}}}";
    }

    public static AdaptiveCard Booked(SessionView view, bool freedUp, Uri? calendar, CultureInfo culture)
    {
        var t = new SessionTexts(culture);
        var title = t.Format(freedUp ? "Session.Freed.Title" : "Session.Booked.Title", view.Topic);
        var body = new List<AdaptiveElement> { Heading(title), Text(t.Format("Session.Booked.Text", view.HostName)) };
        body.AddRange(view.Dates.Select(d => Text(d)));
        body.Add(Subtle(Length(t, view.Dates.Count, view.LengthMinutes)));
        body.Add(Subtle(t["Session.Booked.Reminder"]));
        var actions = new List<AdaptiveAction>();
        if (calendar is not null)
        {
            actions.Add(new OpenUrlAction(t["Session.Booked.Calendar"], calendar));
        }

        actions.Add(ExecuteAlone(t["Session.Leave"], new LeaveSessionData(view.SessionId)));
        return AdaptiveCard.Create(body, actions, fallbackText: title);
    }

    public static AdaptiveCard Waitlisted(SessionView view, int place, CultureInfo culture)
    {
        var t = new SessionTexts(culture);
        var title = t.Format("Session.Waitlisted.Title", view.Topic);
        List<AdaptiveElement> body = [Heading(title), Text(t.Format("Session.Waitlisted.Text", place)), .. view.Dates.Select(d => Text(d))];
        return AdaptiveCard.Create(body, [ExecuteAlone(t["Session.LeaveWaitlist"], new LeaveSessionData(view.SessionId))], fallbackText: title);
    }

    /// <summary>Cancelled, moved, agenda prompt, starting soon, thank-you received, manager copy and short answers.</summary>
    public static AdaptiveCard Notice(string title, string text, IReadOnlyList<string>? lines = null, IReadOnlyList<NoticeButton>? buttons = null)
    {
        List<AdaptiveElement> body = [Heading(title), Text(text), .. (lines ?? []).Select(l => Text(l))];
        return AdaptiveCard.Create(body, buttons?.Select(b => (AdaptiveAction)Execute(b.Title, b.Data)).ToList(), fallbackText: title);
    }

    public static AdaptiveCard Feedback(SessionView view, int occurrence, CultureInfo culture)
    {
        var t = new SessionTexts(culture);
        var title = t.Format("Session.Feedback.Title", view.Topic);
        return AdaptiveCard.Create(
            [
                Heading(title),
                new ChoiceSetInput([.. Enumerable.Range(1, 5).Select(i => new Choice(t[$"Session.Feedback.Rating{i}"], i.ToString(CultureInfo.InvariantCulture)))])
                {
                    Id = SessionFeedbackData.RatingInput,
                    Label = t["Session.Feedback.Rating"],
                    Style = ChoiceInputStyle.Expanded,
                    IsRequired = true,
                    ErrorMessage = t["Session.Feedback.RatingError"],
                },
                Subtle(t["Session.Feedback.Private"]),
            ],
            [Execute(t["Session.Feedback.Send"], new SessionFeedbackData(view.SessionId, occurrence))],
            fallbackText: title);
    }

    public static AdaptiveCard ThanksPrompt(SessionView view, bool managerCopyAllowed, CultureInfo culture)
    {
        var t = new SessionTexts(culture);
        var title = t.Format("Session.ThanksPrompt.Title", view.HostName);
        var body = new List<AdaptiveElement>
        {
            Heading(title),
            Text(t.Format("Session.ThanksPrompt.Text", view.HostName)),
            new TextInput
            {
                Id = ThankSessionHostData.NoteInput,
                Label = t["Session.ThanksPrompt.Note"],
                Placeholder = t["Session.ThanksPrompt.NotePlaceholder"],
                IsMultiline = true,
                MaxLength = NoteMaxLength,
            },
        };
        if (managerCopyAllowed)
        {
            body.Add(new ToggleInput(t.Format("Session.ThanksPrompt.CcManager", view.HostName)) { Id = ThankSessionHostData.CcManagerInput, Value = "false", Wrap = true });
        }

        return AdaptiveCard.Create(body, [Execute(t["Session.ThanksPrompt.Send"], new ThankSessionHostData(view.SessionId))], fallbackText: title);
    }

    public static AdaptiveCard List(IReadOnlyList<SessionListEntry> entries, string? heading, string? intro, CultureInfo culture)
    {
        var t = new SessionTexts(culture);
        var title = heading ?? t["Session.List.Title"];
        var body = new List<AdaptiveElement> { Heading(title) };
        if (intro is not null)
        {
            body.Add(Text(intro));
        }

        if (entries.Count == 0)
        {
            body.Add(Text(t["Session.List.None"]));
        }

        foreach (var entry in entries)
        {
            var s = entry.Session;
            List<AdaptiveElement> items =
            [
                SubHeading(s.Topic),
                Text(t.Format("Session.Announce.HostedBy", s.HostName)),
                .. s.Dates.Select(d => Text(d)),
                Subtle(Length(t, s.Dates.Count, s.LengthMinutes) + " · " + (s.SeatsLeft > 0 ? t.Format("Session.Announce.SeatsLeft", s.SeatsLeft, s.Seats) : t["Session.Announce.Full"])),
            ];
            if (entry.MyPlace is { } place)
            {
                items.Add(Text(place));
            }
            else if (entry.CanJoin)
            {
                items.Add(Buttons(Execute(s.SeatsLeft > 0 ? t["Session.Join"] : t["Session.JoinWaitlist"], new JoinSessionData(s.SessionId))));
            }

            body.Add(Emphasis([.. items]));
        }

        return AdaptiveCard.Create(body, fallbackText: title);
    }

    public static AdaptiveCard OfferForm(IReadOnlyList<ChoiceOption> skills, string shownName, OfferSessionData? previous, string? problem, CultureInfo culture)
    {
        var t = new SessionTexts(culture);
        var title = t["Session.Offer.Title"];
        var body = new List<AdaptiveElement> { Heading(title), Text(t["Session.Offer.Intro"]) };
        if (problem is not null)
        {
            body.Add(new TextBlock(problem) { Color = TextColor.Attention, Wrap = true });
        }

        body.Add(new TextInput
        {
            Id = OfferSessionData.TopicInput, Label = t["Session.Offer.Topic"], Placeholder = t["Session.Offer.TopicPlaceholder"],
            MaxLength = TopicMaxLength, IsRequired = true, ErrorMessage = t["Session.Offer.TopicError"], Value = previous?.Topic,
        });
        body.Add(new ChoiceSetInput(Choices(skills)) { Id = OfferSessionData.SkillInput, Label = t["Session.Offer.Skill"], Style = ChoiceInputStyle.Compact, Value = previous?.Skill });
        body.Add(new TextInput
        {
            Id = OfferSessionData.DescriptionInput, Label = t["Session.Offer.Description"], Placeholder = t["Session.Offer.DescriptionPlaceholder"],
            IsMultiline = true, MaxLength = DescriptionMaxLength, Value = previous?.Description,
        });
        body.Add(new ChoiceSetInput([.. Lengths.Select(m => new Choice(t.Format("Session.Length", m), m.ToString(CultureInfo.InvariantCulture)))])
        {
            Id = OfferSessionData.LengthInput, Label = t["Session.Offer.Length"], Style = ChoiceInputStyle.Compact, Value = previous?.Length ?? "60",
        });
        body.Add(new NumberInput { Id = OfferSessionData.SeatsInput, Label = t["Session.Offer.Seats"], Min = 1, Max = 40, Value = double.TryParse(previous?.Seats, CultureInfo.InvariantCulture, out var seats) ? seats : 10 });
        body.Add(new ChoiceSetInput([new Choice(t["Session.Offer.Once"], "1"), .. Series.Select(n => new Choice(t.Format("Session.Offer.Weekly", n), n.ToString(CultureInfo.InvariantCulture)))])
        {
            Id = OfferSessionData.DatesInput, Label = t["Session.Offer.Dates"], Style = ChoiceInputStyle.Compact, Value = previous?.Dates ?? "1",
        });
        body.Add(new TextInput { Id = OfferSessionData.ShownNameInput, Label = t["Session.Offer.ShownName"], MaxLength = 100, Value = previous?.ShownName ?? shownName });
        body.Add(Subtle(t["Session.Offer.ShownNameHelp"]));
        return AdaptiveCard.Create(body, [Execute(t["Session.Offer.Next"], new OfferSessionData())], fallbackText: title);
    }

    /// <param name="times">Each proposed start with how the host reads it (their zone and language).</param>
    public static AdaptiveCard Times(OfferSessionData draft, IReadOnlyList<(DateTimeOffset Start, string Shown)> times, CultureInfo culture)
    {
        var t = new SessionTexts(culture);
        var title = t.Format("Session.Times.Title", draft.Topic);
        if (times.Count == 0)
        {
            return AdaptiveCard.Create([Heading(title), Text(t["Session.Times.None"])], fallbackText: title);
        }

        return AdaptiveCard.Create(
            [Heading(title), Text(t["Session.Times.Text"])],
            [.. times.Select(time => (AdaptiveAction)Execute(time.Shown, new PickSessionTimeData(time.Start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)) { Draft = draft }))],
            fallbackText: title);
    }

    public static AdaptiveCard Created(SessionView view, CultureInfo culture)
    {
        var t = new SessionTexts(culture);
        var title = t.Format("Session.Created.Title", view.Topic);
        List<AdaptiveElement> body = [Heading(title), Text(t["Session.Created.Text"]), .. view.Dates.Select(d => Text(d)), Subtle(Length(t, view.Dates.Count, view.LengthMinutes))];
        return AdaptiveCard.Create(body, [ExecuteAlone(t["Session.Cancel"], new CancelSessionData(view.SessionId))], fallbackText: title);
    }

    private static string Length(SessionTexts t, int dates, int minutes) =>
        dates > 1 ? t.Format("Session.Series", dates, minutes) : t.Format("Session.Length", minutes);
}
