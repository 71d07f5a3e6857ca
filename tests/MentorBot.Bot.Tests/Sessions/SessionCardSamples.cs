using System.Globalization;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Cards.Sessions;

namespace MentorBot.Bot.Tests.Sessions;

/// <summary>Every group-session card in English and Swedish, validated by the official Adaptive Cards library with the others.</summary>
internal static class SessionCardSamples
{
    public static readonly DateTimeOffset First = new(2027, 3, 23, 15, 0, 0, TimeSpan.Zero);

    public static SessionAnnouncementView Announcement { get; } = new(
        "gs-1", "AI tools in daily work", "Three short hands-on sessions: prompts, summaries, your own use case.", "Jo",
        [First, First.AddDays(7), First.AddDays(14)], 60, 7, 12);

    public static SessionView View { get; } = new(
        "gs-1", "AI tools in daily work", "Three short hands-on sessions.", "Jo", ["Tue 23 Mar, 16:00", "Tue 30 Mar, 16:00", "Tue 6 Apr, 16:00"], 60, 7, 12);

    public static IReadOnlyDictionary<string, AdaptiveCard> All { get; } = Build(CultureInfo.GetCultureInfo("en-GB"))
        .Concat(Build(CultureInfo.GetCultureInfo("sv-SE")).Select(card => KeyValuePair.Create(card.Key + ".sv", card.Value)))
        .ToDictionary();

    public static IEnumerable<object[]> Names => All.Keys.Select(name => new object[] { name });

    private static Dictionary<string, AdaptiveCard> Build(CultureInfo culture) => new()
    {
        ["Session.Announcement"] = SessionCards.Announcement(Announcement, culture),
        ["Session.Announcement.Full"] = SessionCards.Announcement(Announcement with { SeatsLeft = 0 }, culture),
        ["Session.Booked"] = SessionCards.Booked(View, false, new Uri("https://bot.contoso.example/sessions/gs-1.ics"), culture),
        ["Session.Freed"] = SessionCards.Booked(View, true, null, culture),
        ["Session.Waitlisted"] = SessionCards.Waitlisted(View, 3, culture),
        ["Session.Notice"] = SessionCards.Notice("Cancelled: AI tools", "Jo has cancelled the session.", View.Dates, [new NoticeButton("Leave", new LeaveSessionData("gs-1"))]),
        ["Session.Feedback"] = SessionCards.Feedback(View, 1, culture),
        ["Session.ThanksPrompt"] = SessionCards.ThanksPrompt(View, false, culture),
        ["Session.ThanksPrompt.Manager"] = SessionCards.ThanksPrompt(View, true, culture),
        ["Session.List"] = SessionCards.List([new(View, null, true), new(View with { SessionId = "gs-2", SeatsLeft = 0 }, "You have a seat", false)], null, null, culture),
        ["Session.List.Empty"] = SessionCards.List([], null, null, culture),
        ["Session.OfferForm"] = SessionCards.OfferForm([new("AI tools", "ai-tools"), new("Power BI", "power-bi")], "Jo Junior", null, null, culture),
        ["Session.OfferForm.Problem"] = SessionCards.OfferForm([new("AI tools", "ai-tools")], "Jo Junior", new OfferSessionData { Topic = "AI", Seats = "50" }, "Pick between 1 and 40 seats.", culture),
        ["Session.Times"] = SessionCards.Times(new OfferSessionData { Topic = "AI tools" }, [(First, "Tue 23 Mar, 16:00"), (First.AddHours(1), "Tue 23 Mar, 17:00")], culture),
        ["Session.Times.None"] = SessionCards.Times(new OfferSessionData { Topic = "AI tools" }, [], culture),
        ["Session.Created"] = SessionCards.Created(View, culture),
    };
}
