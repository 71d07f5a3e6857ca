using System.Globalization;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Flows;
using MentorBot.Core.Skills;
using NodaTime;

namespace MentorBot.Bot.Tests.Localization;

public sealed class SwedishRecognitionTests
{
    private static readonly LocalDate Today = new(2026, 11, 23);
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    private static readonly AskRecognizer Asks = new(new SkillResolver(SkillCatalog.Default));

    [Theory]
    [InlineData("hjälp", CommandKind.Help, null)]
    [InlineData("Hjälp!", CommandKind.Help, null)]
    [InlineData("snälla hjälp", CommandKind.Help, null)]
    [InlineData("vad kan du göra?", CommandKind.Help, null)]
    [InlineData("fråga power bi", CommandKind.Ask, "power bi")]
    [InlineData("min profil", CommandKind.Profile, null)]
    [InlineData("Mitt mentorskap", CommandKind.MyMentoring, null)]
    [InlineData("pausa", CommandKind.Pause, null)]
    [InlineData("pausa till 3 januari", CommandKind.Pause, "till 3 januari")]
    [InlineData("ta en paus i 3 veckor", CommandKind.Pause, "i 3 veckor")]
    [InlineData("fortsätt", CommandKind.Resume, null)]
    [InlineData("avsluta mentorskapet", CommandKind.EndPairing, null)]
    [InlineData("glöm mig", CommandKind.ForgetMe, null)]
    [InlineData("Glöm mig, tack", CommandKind.ForgetMe, null)]
    [InlineData("programstatus", CommandKind.ProgramStatus, null)]
    [InlineData("gå med i programmet", CommandKind.JoinProgram, null)]
    [InlineData("lämna programmet", CommandKind.LeaveProgram, null)]
    [InlineData("programomgång", CommandKind.ProgramRound, null)]
    [InlineData("skjut upp påminnelser 3 dagar", CommandKind.SnoozeReminders, "3 dagar")]
    [InlineData("stäng av påminnelser", CommandKind.MuteReminders, null)]
    [InlineData("påminnelser på", CommandKind.UnmuteReminders, null)]
    [InlineData("hej", CommandKind.Greeting, null)]
    [InlineData("Hejsan allihop!", CommandKind.Greeting, null)]
    [InlineData("god morgon", CommandKind.Greeting, null)]
    [InlineData("kan någon hjälpa mig med Power BI?", CommandKind.None, null)]
    [InlineData("hjälp mig med Excel", CommandKind.None, null)]
    public void Recognize_SwedishCommands_KindAndArgument(string text, CommandKind kind, string? argument)
    {
        Assert.Equal(new Command(kind, argument), Commands.Recognize(text));
    }

    public static TheoryData<string, string> HelpCardCommands()
    {
        // What the help card tells people to type, in every language, must be a command (Teams sends the localized
        // command title as the message text).
        var data = new TheoryData<string, string>();
        foreach (var language in Languages.Supported)
        {
            var t = new CardTexts(language);
            foreach (var key in new[] { "Help.CmdAsk", "Help.CmdProfile", "Help.CmdMine", "Help.CmdPause", "Help.CmdResume", "Help.CmdForget", "Help.CmdHelp" })
            {
                data.Add(language.Name, t[key]);
            }

            foreach (var program in t["Help.CmdProgram"].Split(" / "))
            {
                data.Add(language.Name, program);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HelpCardCommands))]
    public void Recognize_EveryCommandTheHelpCardNames_IsACommand(string language, string command)
    {
        Assert.True(Commands.Recognize(command).Kind is not (CommandKind.None or CommandKind.Greeting), $"{language}: \"{command}\" is not recognised");
    }

    [Theory]
    [InlineData("till 3 januari", "2027-01-03")]
    [InlineData("3 januari", "2027-01-03")]
    [InlineData("den 3:e januari", "2027-01-03")]
    [InlineData("till den 3 januari", "2027-01-03")]
    [InlineData("3:e januari", "2027-01-03")]
    [InlineData("i 3 veckor", "2026-12-14")]
    [InlineData("10 dagar", "2026-12-03")]
    [InlineData("2 månader", "2027-01-23")]
    [InlineData("i morgon", "2026-11-24")]
    [InlineData("imorgon", "2026-11-24")]
    [InlineData("nästa vecka", "2026-11-30")]
    [InlineData("till 24 december 2026", "2026-12-24")]
    [InlineData("2026-12-24", "2026-12-24")]
    public void TryParse_SwedishDates_TheDayMeant(string text, string? expected)
    {
        var parsed = PauseDates.TryParse(text, Today, Swedish, out var date);

        Assert.Equal(expected is not null, parsed);
        if (expected is not null)
        {
            Assert.Equal(LocalDate.FromDateTime(DateTime.Parse(expected, CultureInfo.InvariantCulture)), date);
        }
    }

    [Fact]
    public void TryParse_SwedishMonthInAnEnglishClient_StillUnderstood()
    {
        Assert.True(PauseDates.TryParse("till 3 januari", Today, CultureInfo.GetCultureInfo("en-US"), out var date));
        Assert.Equal(new LocalDate(2027, 1, 3), date);
    }

    [Theory]
    [InlineData("3 dagar", 3)]
    [InlineData("i 2 veckor", 14)]
    [InlineData("en vecka", 7)]
    [InlineData("", 7)]
    [InlineData("200 dagar", null)]
    [InlineData("länge", null)]
    public void SnoozeDuration_SwedishLengths(string text, int? days)
    {
        Assert.Equal(days is { } d ? TimeSpan.FromDays(d) : null, ReminderFlow.Duration(text));
    }

    [Theory]
    [InlineData("kan någon hjälpa mig med Power BI?", "power-bi")]
    [InlineData("jag behöver hjälp med Power BI", "power-bi")]
    [InlineData("kan någon lära mig TikTok?", "short-form-video")]
    public void RecognizeAsk_SwedishWording_FindsTheSkill(string text, string skill)
    {
        Assert.Equal(skill, Assert.IsType<AskIntent.Confident>(Asks.Recognize(text)).Skill.Id.Value);
    }

    [Theory]
    [InlineData("kan någon hjälpa mig?")]
    [InlineData("jag vill lära mig något nytt")]
    public void RecognizeAsk_SwedishAskWithoutSkill_IsAnAskNotSmallTalk(string text)
    {
        Assert.IsType<AskIntent.Unknown>(Asks.Recognize(text));
    }

    [Fact]
    public void RecognizeAsk_SwedishSmallTalk_NotAnAsk()
    {
        Assert.IsType<AskIntent.NotAnAsk>(Asks.Recognize("fint väder i dag"));
    }
}
