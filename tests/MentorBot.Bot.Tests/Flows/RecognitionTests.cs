using System.Globalization;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Skills;
using NodaTime;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Tests.Flows;

public sealed class RecognitionTests
{
    private static readonly LocalDate Today = new(2026, 11, 23);
    private static readonly AskRecognizer Asks = new(new SkillResolver(SkillCatalog.Default));

    [Theory]
    [InlineData("help", CommandKind.Help, null)]
    [InlineData("Help!", CommandKind.Help, null)]
    [InlineData("please help", CommandKind.Help, null)]
    [InlineData("ask", CommandKind.Ask, null)]
    [InlineData("ask power bi", CommandKind.Ask, "power bi")]
    [InlineData("profile", CommandKind.Profile, null)]
    [InlineData("My Mentoring", CommandKind.MyMentoring, null)]
    [InlineData("pause", CommandKind.Pause, null)]
    [InlineData("pause until 3 March", CommandKind.Pause, "until 3 march")]
    [InlineData("resume", CommandKind.Resume, null)]
    [InlineData("end pairing", CommandKind.EndPairing, null)]
    [InlineData("forget me", CommandKind.ForgetMe, null)]
    [InlineData("program status", CommandKind.ProgramStatus, null)]
    [InlineData("hi", CommandKind.Greeting, null)]
    [InlineData("Hello there!", CommandKind.Greeting, null)]
    [InlineData("hi MentorBot", CommandKind.Greeting, null)]
    [InlineData("good afternoon team", CommandKind.Greeting, null)]
    [InlineData("there", CommandKind.None, null)]
    [InlineData("help me there", CommandKind.None, null)]
    [InlineData("I need help with Power BI", CommandKind.None, null)]
    [InlineData("helpful tips for TikTok", CommandKind.None, null)]
    [InlineData("", CommandKind.None, null)]
    public void Recognize_ManifestCommandsAndEverydayWords_KindAndArgument(string text, CommandKind kind, string? argument)
    {
        var command = Commands.Recognize(text);

        Assert.Equal(new Command(kind, argument), command);
    }

    [Theory]
    [InlineData("3 weeks", "2026-12-14")]
    [InlineData("until 10 days", "2026-12-03")]
    [InlineData("2 months", "2027-01-23")]
    [InlineData("tomorrow", "2026-11-24")]
    [InlineData("until 15 January", "2027-01-15")]
    [InlineData("March 3rd", "2027-03-03")]
    [InlineData("until 2026-12-24", "2026-12-24")]
    [InlineData("1 December 2026", "2026-12-01")]
    public void TryParse_DatesPeopleType_TheDayMeant(string text, string expected)
    {
        var parsed = PauseDates.TryParse(text, Today, CultureInfo.GetCultureInfo("en-GB"), out var date);

        Assert.True(parsed);
        Assert.Equal(LocalDate.FromDateTime(DateTime.Parse(expected, CultureInfo.InvariantCulture)), date);
    }

    [Theory]
    [InlineData("someday")]
    [InlineData("2026-11-01")]
    [InlineData("today")]
    [InlineData("0 days")]
    [InlineData("")]
    public void TryParse_NotAFutureDate_Refused(string text)
    {
        Assert.False(PauseDates.TryParse(text, Today, CultureInfo.GetCultureInfo("en-GB"), out _));
    }

    [Theory]
    [InlineData("can someone teach me TikTok?", "short-form-video")]
    [InlineData("I need help with Power BI", "power-bi")]
    [InlineData("how do I negotiate better", "negotiation")]
    public void Recognize_OneKnownSkill_Confident(string text, string skill)
    {
        var intent = Asks.Recognize(text);

        Assert.Equal(skill, Assert.IsType<AskIntent.Confident>(intent).Skill.Id.Value);
    }

    [Fact]
    public void Recognize_TwoSkills_AsksWhichOne()
    {
        var intent = Asks.Recognize("TikTok or Power BI, who can help?");

        Assert.Equal(["short-form-video", "power-bi"], Assert.IsType<AskIntent.Unsure>(intent).Options.Select(s => s.Id.Value).Take(2));
    }

    [Theory]
    [InlineData("lovely weather today")]
    [InlineData("thanks!")]
    public void Recognize_SmallTalk_NotAnAsk(string text)
    {
        Assert.IsType<AskIntent.NotAnAsk>(Asks.Recognize(text));
    }

    [Fact]
    public void UserIdOf_TeamsObjectId_IsTheObjectId()
    {
        var id = TurnPerson.UserIdOf(new ChannelAccount { Id = "29:abc", AadObjectId = "F30BA569-ABEF-4E97-8762-35F85CBAE706" });

        Assert.Equal("f30ba569-abef-4e97-8762-35f85cbae706", id!.Value.AadObjectId);
    }

    [Fact]
    public void UserIdOf_PlaygroundIds_AStableGuidPerPerson()
    {
        var first = TurnPerson.UserIdOf(new ChannelAccount { Id = "user-id-0", AadObjectId = "00000000-0000-0000-0000-0000000000020" });
        var again = TurnPerson.UserIdOf(new ChannelAccount { Id = "user-id-0", AadObjectId = "00000000-0000-0000-0000-0000000000020" });
        var other = TurnPerson.UserIdOf(new ChannelAccount { Id = "user-id-1", AadObjectId = "00000000-0000-0000-0000-0000000000021" });
        var noAad = TurnPerson.UserIdOf(new ChannelAccount { Id = "user-id-1" });

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(other, noAad);
        Assert.True(Guid.TryParse(first!.Value.AadObjectId, out _));
    }
}
