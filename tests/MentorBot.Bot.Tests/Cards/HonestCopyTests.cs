using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.CheckIns;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Tests.Flows;
using NodaTime;

namespace MentorBot.Bot.Tests.Cards;

/// <summary>Copy that tells the truth (issue 19): each line is only shown when it is so.</summary>
public sealed class HonestCopyTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Theory]
    [InlineData(new[] { true, true }, "Each of them can also learn something from you.")]
    [InlineData(new[] { true, false }, "Some of them can also learn something from you.")]
    [InlineData(new[] { false, false }, null)]
    public void CandidatesCard_ClaimsLearningBackOnlyAsFarAsTheMatchesGo(bool[] learnsBack, string? line)
    {
        var view = new CandidatesView("req-1", 0, "Power BI", [.. learnsBack.Select((two, i) => new CandidateView($"u-{i}", $"Person {i}", null, [new("Skill", "knows it in depth")], two))]);

        var text = FlowCards.VisibleText(JsonNode.Parse(CardJson.Serialize(CandidatesCard.Build(view, English)))!);

        if (line is null)
        {
            Assert.DoesNotContain("learn something from you", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(line, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2026-11-27T16:00:00Z", "2026-11-30T10:00:00Z", AgendaDay.Later, "Monday")] // sent Friday for Monday
    [InlineData("2026-11-29T10:00:00Z", "2026-11-30T10:00:00Z", AgendaDay.Tomorrow, null)]
    [InlineData("2026-11-30T07:00:00Z", "2026-11-30T10:00:00Z", AgendaDay.Today, null)]
    [InlineData("2026-11-29T23:30:00Z", "2026-11-30T10:00:00Z", AgendaDay.Today, null)] // already Monday in Stockholm
    [InlineData("2026-11-20T10:00:00Z", "2026-11-30T10:00:00Z", AgendaDay.Later, "Mon 30 Nov")]
    public void AgendaNudge_NamesTheMeetingsDayAsTheReaderSeesIt(string now, string start, AgendaDay day, string? name)
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/Stockholm"];

        var seen = NudgeCardFactory.DayOf(DateTimeOffset.Parse(start, CultureInfo.InvariantCulture), zone, DateTimeOffset.Parse(now, CultureInfo.InvariantCulture), English);

        Assert.Equal((day, name), seen);
    }

    [Fact]
    public void AgendaCard_SentBeforeAWeekend_DoesNotSayTomorrow()
    {
        var card = AgendaCard.Build(new AgendaView("c-1", "Jo Junior", "Mon 30 Nov, 10:00–10:30", [], null, null, null, AgendaDay.Later, "Monday"), English);

        var text = FlowCards.VisibleText(JsonNode.Parse(CardJson.Serialize(card))!);

        Assert.Contains("Monday: check-in with Jo Junior", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tomorrow", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedHours_AreShownInTheReadersZone_DaysWithTheSameHoursGrouped()
    {
        var sam = Cast.Senior(Cast.Sam);
        var jo = Cast.Junior(Cast.Jo, Core.Skills.SkillLevel.Expert, "Marketing");
        var shared = Core.Matching.SharedWorkingHours.Find(sam, jo, FlowHost.Start);

        Assert.Equal("Mon–Thu 09:00–15:00, your time", MentoringViews.SharedHours(shared, Audience.For(English, sam.TimeZoneId)));
        Assert.Equal("Mon–Thu 10:00–16:00, your time", MentoringViews.SharedHours(shared, Audience.For(English, jo.TimeZoneId)));
        Assert.Null(MentoringViews.SharedHours([], Audience.For(English, sam.TimeZoneId)));
    }
}
