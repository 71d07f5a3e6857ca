using System.Globalization;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Sessions;
using MentorBot.Bot.Tests.Cards;

namespace MentorBot.Bot.Tests.Sessions;

[Collection(CardValidationGroup.Name)]
public sealed class SessionCardTests(CardValidationFixture fixture)
{
    public static IEnumerable<object[]> Names => SessionCardSamples.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void SessionCard_ValidatedByAdaptiveCardsLibrary_HasNoProblems(string name)
    {
        var problems = fixture.Problems[name];

        Assert.True(problems.Length == 0, $"{name}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public void Announcement_ShowsOnlyWhatTheHostShared_AndEachDateInTheReadersOwnTime()
    {
        var view = SessionCardSamples.Announcement;
        var json = CardJson.Serialize(SessionCards.Announcement(view, CultureInfo.GetCultureInfo("en-GB")));
        var texts = Protocol.Dialogs.Testing.CardJson.TextBlocks(System.Text.Json.Nodes.JsonNode.Parse(json)!).ToList();

        // Every date as Teams' own formatting functions over the UTC instant: each reader's client shows their local time.
        Assert.Contains("{{DATE(2027-03-23T15:00:00Z, SHORT)}} {{TIME(2027-03-23T15:00:00Z)}}", texts);
        Assert.Contains("{{DATE(2027-03-30T15:00:00Z, SHORT)}} {{TIME(2027-03-30T15:00:00Z)}}", texts);
        Assert.Contains("Hosted by Jo", texts);
        Assert.Contains("7 of 12 seats left", texts);
        // Nothing else about anyone: the view carries no attendee, and the card says no more than the view.
        Assert.Equal(
            ["Group session: AI tools in daily work", "Hosted by Jo", view.Description, "When (shown in your own time)",
             "{{DATE(2027-03-23T15:00:00Z, SHORT)}} {{TIME(2027-03-23T15:00:00Z)}}", "{{DATE(2027-03-30T15:00:00Z, SHORT)}} {{TIME(2027-03-30T15:00:00Z)}}",
             "{{DATE(2027-04-06T15:00:00Z, SHORT)}} {{TIME(2027-04-06T15:00:00Z)}}", "3 dates, 60 minutes each", "7 of 12 seats left",
             "One press. Your confirmation comes to you privately; nobody else sees who joins."],
            texts);
        Assert.Equal(
            ["Description", "HostShownName", "LengthMinutes", "Seats", "SeatsLeft", "SessionId", "Starts", "Topic"],
            typeof(SessionAnnouncementView).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Announcement_FromASession_UsesTheNameTheHostChose_NotTheirProfileName()
    {
        var session = new Core.Sessions.GroupSession(
            new Core.GroupSessionId("gs-9"), [new Core.Profiles.UserId("aad-jo")], "J. R.", null, "TikTok basics", "Short video for beginners",
            TimeSpan.FromMinutes(45), 10, [SessionCardSamples.First], SessionCardSamples.First.AddDays(-9)) { SeatsTaken = 4 };

        var view = MentorBot.Bot.Proactive.SessionViews.Announcement(session);

        Assert.Equal(("J. R.", 6, 10), (view.HostShownName, view.SeatsLeft, view.Seats));
        Assert.DoesNotContain("aad-jo", CardJson.Serialize(SessionCards.Announcement(view, CultureInfo.GetCultureInfo("sv-SE"))), StringComparison.Ordinal);
    }
}
