using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Profiles;
using NodaTime;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Localization;

/// <summary>
/// Issue 19: dates, times and numbers in the reader's culture and time zone. Swedish: "3 januari", a 24-hour clock,
/// a decimal comma; US English: "January"-style month names and a 12-hour clock; the same instant, each in their zone.
/// </summary>
public sealed class CultureFormattingTests
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly CultureInfo UsEnglish = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task PauseUntilThe3rdOfJanuary_SwedishReplySaysItTheSwedishWay_EnglishTheEnglishWay()
    {
        using var host = new FlowHost();
        await host.AddProfileAsync(Junior(Jo, Core.Skills.SkillLevel.Expert, "Marketing"));
        await host.AddProfileAsync(Senior(Sam));
        var jo = host.ChatOf(Jo, "sv-SE");
        var sam = host.ChatOf(Sam, "en-US");

        await jo.SendAsync("pausa till 3 januari");
        await sam.SendAsync("pause until 3 January");

        var swedish = Visible(jo.Transcript[^1]);
        var english = Visible(sam.Transcript[^1]);
        Assert.Contains("förrän", swedish, StringComparison.Ordinal);
        Assert.Matches(@"(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag) 3 januari", swedish);
        Assert.Matches(@"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) 3 January", english);
        Assert.DoesNotContain("January", swedish, StringComparison.Ordinal);
    }

    [Fact]
    public void OneCheckInTime_EachInTheirCultureAndZone()
    {
        var slot = new TimeSlot(new DateTimeOffset(2026, 12, 8, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 8, 14, 30, 0, TimeSpan.Zero));

        var stockholm = NudgeCardFactory.Slot(slot, DateTimeZoneProviders.Tzdb["Europe/Stockholm"], Swedish);
        var newYork = NudgeCardFactory.Slot(slot, DateTimeZoneProviders.Tzdb["America/New_York"], UsEnglish);

        Assert.Contains("15:00", stockholm, StringComparison.Ordinal);
        Assert.Contains("15:30", stockholm, StringComparison.Ordinal);
        Assert.Contains("dec", stockholm, StringComparison.Ordinal);
        Assert.DoesNotContain("PM", stockholm, StringComparison.Ordinal);
        Assert.Matches(@"9:00\sAM", newYork); // ICU puts a narrow no-break space before AM
        Assert.Contains("Dec", newYork, StringComparison.Ordinal);
    }

    [Fact]
    public void AudienceDates_SwedishMonthNamesAndTwentyFourHourClock()
    {
        var instant = new DateTimeOffset(2027, 1, 3, 13, 30, 0, TimeSpan.Zero);

        Assert.Equal("söndag 3 januari", Audience.For(Swedish, "Europe/Stockholm").FormatDate(instant));
        Assert.Equal("Sunday 3 January", Audience.For(UsEnglish, "Europe/Stockholm").FormatDate(instant));
        Assert.EndsWith("14:30", Audience.For(Swedish, "Europe/Stockholm").FormatDateTime(instant), StringComparison.Ordinal);
        Assert.EndsWith("08:30", Audience.For(UsEnglish, "America/New_York").FormatDateTime(instant), StringComparison.Ordinal);
    }

    private static string Visible(Activity activity) =>
        activity.Text + string.Concat((activity.Attachments ?? []).Select(a => FlowCards.VisibleText(JsonNode.Parse(a.Content!.Value.GetRawText())!)));
}
