using System.Globalization;
using System.Text.Json;
using MentorBot.Bot.Cards.Model;
using MentorBot.Bot.Proactive;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core;

namespace MentorBot.Bot.Tests.Proactive;

public sealed class NudgeCardFactoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo American = CultureInfo.GetCultureInfo("en-US");

    private readonly NudgeCardFactory _factory = new();

    [Fact]
    public void Build_StartingSoonForSomeoneInNewYork_TimeInTheirZoneAndLocale()
    {
        var pat = NudgeTestData.Person("pat", "Pat Morgan", "America/New_York");
        var alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");
        var source = NudgeTestData.Pair("m1", pat, alex, Now.AddMinutes(15));

        var message = _factory.Build(Item(source, NudgeKind.StartingSoon, pat), source, American, Now);

        var texts = Texts(JsonDocument.Parse(message!.Card.ToJson()).RootElement).ToArray();

        // ICU puts a narrow no-break space before AM.
        Assert.Contains("10:15\u202FAM (in 15 minutes)", texts);
        Assert.Contains(texts, t => t.StartsWith("https://teams.microsoft.com/l/meetup-join/", StringComparison.Ordinal));
        Assert.Equal("Your check-in with Alex Kim starts soon", message.Summary);
    }

    [Fact]
    public void Build_AgendaPrep_SlotInRecipientZoneWithLastTimesNotesAndOneThing()
    {
        var pat = NudgeTestData.Person("pat", "Pat Morgan", "Europe/Stockholm");
        var alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");
        var source = NudgeTestData.Pair("m1", pat, alex, Now.AddDays(1));
        var earlier = source.Pair.CheckIns[0] with
        {
            Id = new CheckInId("m1-ci-1"),
            Number = 1,
            Status = CheckInStatus.Held,
            Meeting = new ScheduledMeeting(new TimeSlot(Now.AddDays(-13), Now.AddDays(-13).AddMinutes(30))),
            Notes = "Alex showed the analytics tab.",
            OneThingToTry = "Post one short video",
        };
        source = source with { Pair = source.Pair with { CheckIns = [earlier, .. source.Pair.CheckIns] } };

        var json = _factory.Build(Item(source, NudgeKind.AgendaPrep, alex), source, British, Now)!.Card.ToJson();

        Assert.Contains("Tue 24 Nov, 15:00–15:30", json, StringComparison.Ordinal);
        Assert.Contains("Alex showed the analytics tab.", json, StringComparison.Ordinal);
        Assert.Contains("Post one short video", json, StringComparison.Ordinal);
        Assert.Contains("Pat's pick from last time", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_InactivityAfterThreeWeeks_SaysHowLongItHasBeen()
    {
        var pat = NudgeTestData.Person("pat", "Pat Morgan", "Europe/Stockholm");
        var alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");
        var source = NudgeTestData.Pair("m1", pat, alex, Now.AddDays(-21));
        source = source with { Pair = source.Pair with { CheckIns = [source.Pair.CheckIns[0] with { Status = CheckInStatus.Held }] } };

        var message = _factory.Build(Item(source, NudgeKind.Inactivity, pat), source, British, Now);

        Assert.Equal("It's been 3 weeks since you and Alex Kim met", message!.Summary);
    }

    [Fact]
    public void Build_EndOfPeriod_NamesTheTermInMonths()
    {
        var pat = NudgeTestData.Person("pat", "Pat Morgan", "Europe/Stockholm");
        var alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");
        var source = NudgeTestData.Pair("m1", pat, alex, Now);
        var mentorship = source.Pair.Mentorship with { StartedAt = Now.AddMonths(-3), PlannedEnd = Now };
        source = source with { Pair = source.Pair with { Mentorship = mentorship } };

        var message = _factory.Build(Item(source, NudgeKind.EndOfPeriod, alex), source, British, Now);

        Assert.Equal("You and Pat Morgan have been learning together for 3 months", message!.Summary);
    }

    [Theory]
    [InlineData(NudgeKind.PostMeeting)]
    [InlineData(NudgeKind.ThankYouPrompt)]
    public void Build_EveryOtherKind_GivesACard(NudgeKind kind)
    {
        var pat = NudgeTestData.Person("pat", "Pat Morgan", "Europe/Stockholm");
        var alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");
        var source = NudgeTestData.Pair("m1", pat, alex, Now.AddHours(-2));

        var message = _factory.Build(Item(source, kind, pat), source, British, Now);

        Assert.NotNull(message);
        Assert.Equal(AdaptiveCard.SchemaVersion, message.Card.Version);
    }

    [Fact]
    public void Build_CheckInNoLongerInContext_Null()
    {
        var pat = NudgeTestData.Person("pat", "Pat Morgan", "Europe/Stockholm");
        var alex = NudgeTestData.Person("alex", "Alex Kim", "Europe/London");
        var source = NudgeTestData.Pair("m1", pat, alex, Now.AddMinutes(15));
        var item = Item(source, NudgeKind.StartingSoon, pat);

        var message = _factory.Build(item, source with { Pair = source.Pair with { CheckIns = [] } }, British, Now);

        Assert.Null(message);
    }

    private static IEnumerable<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Texts(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Texts),
        _ => [],
    };

    private static NudgeOutboxItem Item(NudgeSource source, NudgeKind kind, Core.Profiles.Profile recipient)
    {
        var checkIn = source.Pair.CheckIns[^1];
        var payload = new NudgePayload(source.Pair.Mentorship.Id, checkIn.Id, checkIn.Sequence, checkIn.Meeting?.Slot.Start, checkIn.Meeting?.JoinUrl);
        return new NudgeOutboxItem(new NudgeKey($"{source.Pair.Mentorship.Id}:{kind}:{recipient.Id}"), recipient.Id, kind, Now, payload);
    }
}
