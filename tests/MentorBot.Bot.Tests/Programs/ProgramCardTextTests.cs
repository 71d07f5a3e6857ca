using System.Globalization;
using MentorBot.Bot.Cards;
using MentorBot.Core;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using Microsoft.Extensions.Options;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// The offer and introduction cards speak for the program (decision 0440): its rhythm and term on the offer (not the
/// tenant's defaults), its purpose and the pair's rhythm on the introduction, in English and Swedish.
/// </summary>
public sealed class ProgramCardTextTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv");
    private readonly MentoringViews _views = new(SkillCatalog.Default, Options.Create(new CheckInOptions()));
    private readonly Core.Profiles.Profile _senior = Senior(S(1), "Helen Brandt", [], [PowerBi], 1);
    private readonly Core.Profiles.Profile _junior = Junior(J(1), "Sam Rivera", []) with { Offers = [new OfferedSkill(PowerBi, SkillLevel.Expert)] };
    private readonly MentoringProgram _program = Program(Id, "Two-way pilot", Owner) with { Meetings = new MeetingDefaults(3, TimeSpan.FromMinutes(45)), TermMonths = 6 };

    [Theory]
    [InlineData("en", true, "About 45 minutes every 3 weeks, for 6 months")]
    [InlineData("sv", true, "Ungefär 45 minuter var 3:e vecka, i 6 månader")]
    [InlineData("en", false, "About 30 minutes every 2 weeks, for 3 months")]
    public void Offer_StatesTheProgramsRhythmAndTerm_OutsideOneTheDefaults(string language, bool inProgram, string expected)
    {
        var request = MentoringRequest.Create(new RequestId("r-1"), _senior.Id, PowerBi, null, default, default, Now, inProgram ? _program.Id : null);
        var offer = new RequestOffered(request, _senior, new RankedCandidate(_junior, 0, SkillLevel.None, SkillLevel.None, 0, []), Now.AddHours(48));

        var view = _views.Offer(offer, Audience.For(CultureInfo.GetCultureInfo(language), "UTC"), inProgram ? _program : null);

        Assert.Equal(expected, view.TimeCommitment);
    }

    [Fact]
    public void Intro_StatesThePurposeAndThePairsRhythm_InTheReadersLanguage()
    {
        var pairing = Mentorship.Start(new MentorshipId("m-1"), _senior.Id, _junior.Id, PowerBi, _program.Id, Now, Now.AddMonths(6), _program.Meetings.ToCadence()).Value!;
        var started = new PairingStarted(pairing, _senior, _junior, MentoringRequest.Create(new RequestId("r-1"), _senior.Id, PowerBi, null, default, default, Now, _program.Id));

        var english = _views.Intro(started, _senior.Id, Audience.For(English, "UTC"), _program);
        var swedish = _views.Intro(started, _junior.Id, Audience.For(Swedish, "UTC"), _program);
        var outside = _views.Intro(started with { Mentorship = pairing with { Program = null } }, _senior.Id, Audience.For(English, "UTC"));

        Assert.Equal("You meet about 45 minutes every 3 weeks.", english.Rhythm);
        Assert.Equal($"Why Two-way pilot exists: {_program.Goals.Purpose}", english.Purpose);
        Assert.Equal("Ni ses ungefär 45 minuter var 3:e vecka.", swedish.Rhythm);
        Assert.StartsWith("Därför finns Two-way pilot: ", swedish.Purpose, StringComparison.Ordinal);
        Assert.Null(outside.Purpose);
    }
}
