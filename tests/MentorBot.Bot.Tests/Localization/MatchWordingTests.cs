using System.Globalization;
using MentorBot.Bot.Cards;
using MentorBot.Core.Matching;
using MentorBot.Core.Skills;

namespace MentorBot.Bot.Tests.Localization;

/// <summary>Core's match facts and "why nobody" counts, worded per language (decision 0381).</summary>
public sealed class MatchWordingTests
{
    private static readonly SkillId PowerBi = new("power-bi");
    private static readonly SkillId Stakeholders = new("stakeholder-management");

    private static readonly MatchFacts Facts = new(
        PowerBi, SkillLevel.Expert, SkillLevel.Aware, Stakeholders, 35 * 60, "Marketing", false, "en", 0, 2, 0, null);

    private static MatchWording Wording(string culture) =>
        new(new CardTexts(CultureInfo.GetCultureInfo(culture)), SkillCatalog.Default.NameOf);

    public static TheoryData<MatchFactor, string, string> Factors => new()
    {
        { MatchFactor.SkillGap, "is an expert in Power BI; you know what it is", "är expert på Power BI; du vet vad det är" },
        { MatchFactor.Reciprocity, "wants to learn Stakeholder management, which you can share", "vill lära sig Stakeholder management, som du kan dela med dig av" },
        { MatchFactor.SharedHours, "35 h a week in shared working hours", "35 tim i veckan med gemensam arbetstid" },
        { MatchFactor.DifferentDepartment, "a different department (Marketing)", "en annan avdelning (Marketing)" },
        { MatchFactor.SharedLanguage, "you both speak English", "ni pratar båda engelska" },
        { MatchFactor.LoadBalance, "free for a new pairing", "ledig för ett nytt mentorskap" },
        { MatchFactor.NewConnection, "a new connection for both of you", "en ny kontakt för er båda" },
    };

    [Theory]
    [MemberData(nameof(Factors))]
    public void Factor_SameFacts_WordedInEachLanguage(MatchFactor factor, string english, string swedish)
    {
        var score = new FactorScore(factor, 1, Facts);

        Assert.Equal(english, Wording("en-GB").Factor(score));
        Assert.Equal(swedish, Wording("sv-SE").Factor(score));
    }

    [Fact]
    public void Factor_ForAnOwner_SpeaksAboutThemNotYou()
    {
        var facts = Facts with { LearnerLevel = SkillLevel.None, PairedUntil = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), RecentOffers = 2, ActivePairings = 1 };
        string Owner(MatchFactor f, string culture) => Wording(culture).Factor(new FactorScore(f, 1, facts), ReasonReader.Owner);

        Assert.Equal("is an expert in Power BI; it's new to them", Owner(MatchFactor.SkillGap, "en-GB"));
        Assert.Equal("wants to learn Stakeholder management, which they can share", Owner(MatchFactor.Reciprocity, "en-GB"));
        Assert.Equal("paired before (until 1 Mar 2026)", Owner(MatchFactor.NewConnection, "en-GB"));
        Assert.Equal("har varit ihopparade förut (till 1 mars 2026)", Owner(MatchFactor.NewConnection, "sv-SE"));
        Assert.Equal("1 av 2 platser upptagna, 2 förfrågningar nyligen", Owner(MatchFactor.LoadBalance, "sv-SE"));
    }

    [Fact]
    public void Factor_HalfHours_FormattedPerCulture()
    {
        var score = new FactorScore(MatchFactor.SharedHours, 1, Facts with { SharedMinutesPerWeek = 270 });

        Assert.Equal("4.5 h a week in shared working hours", Wording("en-GB").Factor(score));
        Assert.Equal("4,5 tim i veckan med gemensam arbetstid", Wording("sv-SE").Factor(score));
    }

    [Fact]
    public void Nobody_CountsWithoutNames_InEachLanguage()
    {
        var why = new NobodyAvailable(PowerBi, false, 4, new Dictionary<ExclusionReason, int>
        {
            [ExclusionReason.AtCapacity] = 2,
            [ExclusionReason.OptedOut] = 1,
            [ExclusionReason.ReportingLine] = 1,
        });

        Assert.Equal(
            "4 people know Power BI, but none of them can take this on right now: 2 have no room at the moment, 1 is taking a break, 1 is in the same reporting line.",
            Wording("en-US").Nobody(why));
        Assert.Equal(
            "4 personer kan Power BI, men ingen av dem har möjlighet just nu: 2 har inte plats just nu, 1 tar en paus, 1 finns i samma rapporteringslinje.",
            Wording("sv-SE").Nobody(why));
    }

    [Fact]
    public void Nobody_PausedAndOptedOut_CountedAsOneBreak()
    {
        var why = new NobodyAvailable(PowerBi, false, 2, new Dictionary<ExclusionReason, int> { [ExclusionReason.Paused] = 1, [ExclusionReason.OptedOut] = 1 });

        Assert.Equal("2 personer kan Power BI, men ingen av dem har möjlighet just nu: 2 tar en paus.", Wording("sv-SE").Nobody(why));
    }

    [Fact]
    public void Nobody_EveryoneAsked_SaysHowTheyAnswered()
    {
        var why = new NobodyAvailable(PowerBi, false, 3, new Dictionary<ExclusionReason, int>()) { AskedEveryone = true, Declined = 2, Silent = 1 };

        Assert.Equal("I've asked everyone who can help with Power BI right now: 2 couldn't take it on and 1 didn't answer in time.", Wording("en-GB").Nobody(why));
        Assert.Equal("Jag har frågat alla som kan hjälpa dig med Power BI just nu: 2 hade inte möjlighet och 1 svarade inte i tid.", Wording("sv-SE").Nobody(why));
    }

    [Theory]
    [InlineData(false, false, "Ingen erbjuder Power BI än.")]
    [InlineData(true, false, "Ingen annan erbjuder Power BI än.")]
    [InlineData(false, true, "Jag har ingen profil för dig än, så jag kan inte leta efter någon.")]
    public void Nobody_NobodyOffersIt_Swedish(bool learnerOffersIt, bool noProfile, string expected)
    {
        var why = new NobodyAvailable(PowerBi, noProfile, 0, new Dictionary<ExclusionReason, int>()) { LearnerOffersIt = learnerOffersIt };

        Assert.Equal(expected, Wording("sv-SE").Nobody(why));
    }

    [Fact]
    public void Found_OneManyAtLeast()
    {
        Assert.Equal("1 person kan hjälpa dig med Power BI.", Wording("sv-SE").Found(PowerBi, 1, false));
        Assert.Equal("3 people can help you with Power BI.", Wording("en-US").Found(PowerBi, 3, false));
        Assert.Equal("Minst 5 personer kan hjälpa dig med Power BI.", Wording("sv-SE").Found(PowerBi, 5, true));
    }

    [Fact]
    public void InReturn_TellsTheAskedColleagueWhatTheAskerShares()
    {
        Assert.Equal("Eva kan dela med sig av Stakeholder management till dig", Wording("sv-SE").InReturn("Eva", Stakeholders));
        Assert.Null(Wording("en-US").InReturn("Eva", null));
    }
}
