using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.Programs.Rounds;
using MentorBot.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace MentorBot.Core.Tests.Programs;

/// <summary>
/// Each program setting an owner edits changes what happens (decision 0440): Sam (learning Power BI) and Ben (teaching
/// it) both joined the pilot; the same ask, offer and accept under different settings gives different pairs, offers and
/// joins. The configured defaults (2 weeks, 30 minutes, 3 months, 48 h) differ from every value set here.
/// </summary>
public sealed class ProgramSettingsEffectTests
{
    private static readonly ProgramId Pilot = new("pilot");
    private static readonly SkillId PowerBi = new("power-bi");
    private static readonly UserId Ben = new("ben");
    private static readonly UserId Sam = new("sam");
    private static readonly UserId Ada = new("ada");

    private readonly ManualTimeProvider _clock = new(People.Utc(2026, 11, 23, 9));
    private readonly FakeProgramStore _programs = new();
    private readonly FakeEnrolmentStore _enrolments = new();
    private readonly FakeProfileStore _profiles = new();
    private readonly FakeMentoringStore _mentoring = new();
    private readonly RecordingDelivery _notifier = new();
    private readonly ProgramMembership _membership;
    private readonly MentoringService _service;

    public ProgramSettingsEffectTests()
    {
        var ranker = new CandidateRanker(new MatchingOptions(), SkillCatalog.Default);
        var live = new LiveMatchingIndex(_profiles, _mentoring, _mentoring, ranker, new InProcessChangeMarker(), Options.Create(new RequestOptions()), _clock, NullLogger<LiveMatchingIndex>.Instance);
        _membership = new ProgramMembership(_programs, _enrolments, _profiles, _clock, live);
        _service = new MentoringService(
            _mentoring, _profiles, live, ranker, SkillCatalog.Default, _notifier, _membership,
            Options.Create(new RequestOptions()), Options.Create(new CheckInOptions()), _clock, NullLogger<MentoringService>.Instance);
        _profiles.Table.Insert(Sam, People.In("sam", "Europe/London") with
        {
            Role = ProgramRole.Learn,
            Level = new CareerLevel(12),
            Wants = [new WantedSkill(PowerBi, SkillLevel.Aware, SkillLevel.Practitioner)],
        });
        _profiles.Table.Insert(Ben, People.In("ben", "Europe/London") with
        {
            Role = ProgramRole.Teach,
            Level = new CareerLevel(2),
            Offers = [new OfferedSkill(PowerBi, SkillLevel.Expert), new OfferedSkill(new SkillId("power-automate"), SkillLevel.Practitioner)],
        });
        _profiles.Table.Insert(Ada, People.In("ada", "Europe/London") with
        {
            Role = ProgramRole.Teach,
            Level = new CareerLevel(3),
            Offers = [new OfferedSkill(PowerBi, SkillLevel.Expert), new OfferedSkill(new SkillId("negotiation"), SkillLevel.Expert)],
        });
    }

    [Theory]
    [InlineData(3, 45, 6)]
    [InlineData(1, 60, 2)]
    public async Task Accept_NewPair_TakesTheProgramsCadenceMeetingLengthAndTerm(int everyWeeks, int minutes, int termMonths)
    {
        await StartAsync(p => p with { Meetings = new MeetingDefaults(everyWeeks, TimeSpan.FromMinutes(minutes)), TermMonths = termMonths });

        var paired = await PairAsync();

        Assert.Equal(TimeSpan.FromDays(7 * everyWeeks), paired.Mentorship.Cadence.Interval);
        Assert.Equal(TimeSpan.FromMinutes(minutes), paired.Mentorship.Cadence.MeetingLength);
        // Calendar months in the senior's zone (London: the same local time, so the UTC hour may move with summer time).
        Assert.Equal(_clock.GetUtcNow().AddMonths(termMonths).Date, paired.Mentorship.PlannedEnd.UtcDateTime.Date);
        // The slot finder searches for meetings of the program's length.
        var next = CheckInCadence.Next(paired.Mentorship, [], paired.Senior, new CheckInOptions(), _clock.GetUtcNow()).Value!;
        Assert.Equal(TimeSpan.FromMinutes(minutes), CheckInCadence.SearchFor(next, paired.Mentorship, paired.Senior, paired.Junior, new CheckInOptions()).Length);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(120)]
    public async Task Offer_ExpiresAfterTheProgramsAnswerWindow(int hours)
    {
        await StartAsync(p => p with { ReOfferWindow = TimeSpan.FromHours(hours) });

        var offered = await OfferAsync();

        Assert.Equal(_clock.GetUtcNow().AddHours(hours), offered.Request.PendingOffer!.ExpiresAt);
    }

    [Fact]
    public async Task PausedProgram_NobodyJoinsAndNoNewMatch_ResumedItMatchesAgain()
    {
        await StartAsync(p => p);
        await SetAsync(p => p with { State = ProgramState.Paused });

        var join = await _membership.JoinAsync(Pilot, Ada, null, CancellationToken.None);
        var joinable = await _membership.JoinableAsync(Ada, null, CancellationToken.None);
        var whilePaused = await _service.AskAsync(new AskForHelp(Sam, PowerBi, null, MeetingFormat.Call, Urgency.ThisMonth), CancellationToken.None);
        await SetAsync(p => p with { State = ProgramState.Running });
        var resumed = await _service.AskAsync(new AskForHelp(Sam, PowerBi, null, MeetingFormat.Call, Urgency.ThisMonth), CancellationToken.None);

        Assert.Equal(MembershipChange.ProgramPaused, join.Change);
        Assert.Empty(joinable);
        Assert.IsType<AskOutcome.NoneAvailable>(whilePaused);
        Assert.Equal(Ben, Assert.Single(Assert.IsType<AskOutcome.CandidatesFound>(resumed).Candidates).Mentor.Id);
    }

    [Fact]
    public async Task ClosedProgram_NobodyJoins()
    {
        await StartAsync(p => p);
        await SetAsync(p => p with { State = ProgramState.Closed });

        var join = await _membership.JoinAsync(Pilot, Ada, null, CancellationToken.None);

        Assert.Equal(MembershipChange.ProgramEnded, join.Change);
    }

    [Theory]
    [InlineData("power-bi", true)]
    [InlineData("negotiation", false)]
    public async Task TargetSkills_AnAskForOneBelongsToTheProgram_AnAskForAnotherIsMadeOutsideIt(string target, bool belongs)
    {
        await StartAsync(p => p with { Goals = p.Goals with { TargetSkills = [new SkillId(target)] } });

        var found = Assert.IsType<AskOutcome.CandidatesFound>(
            await _service.AskAsync(new AskForHelp(Sam, PowerBi, null, MeetingFormat.Call, Urgency.ThisMonth), CancellationToken.None));

        // In the program only its members are asked (Ben); outside it Ada, who never joined, can be asked too.
        Assert.Equal(belongs ? Pilot : null, found.Request.Program);
        Assert.Equal(belongs ? [Ben] : [Ada, Ben], found.Candidates.Select(c => c.Mentor.Id).OrderBy(id => id.AadObjectId));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task JuniorsMayAsk_DecidesWhetherSomeoneWhoJoinedToTeachCanAskInTheProgram(bool juniorsMayAsk)
    {
        var negotiation = new SkillId("negotiation");
        await StartAsync(p => p with { Name = "Data pilot", Goals = p.Goals with { TargetSkills = [] }, JuniorsMayAsk = juniorsMayAsk });
        Assert.Equal(MembershipChange.Joined, (await _membership.JoinAsync(Pilot, Ada, null, CancellationToken.None)).Change);

        // Ben takes part to teach (role "teach"); Sam came to learn and may always ask.
        var bens = await _service.AskAsync(new AskForHelp(Ben, negotiation, null, MeetingFormat.Call, Urgency.ThisMonth), CancellationToken.None);
        var sams = await _service.AskAsync(new AskForHelp(Sam, PowerBi, null, MeetingFormat.Call, Urgency.ThisMonth), CancellationToken.None);

        if (juniorsMayAsk)
        {
            var found = Assert.IsType<AskOutcome.CandidatesFound>(bens);
            Assert.Equal(Pilot, found.Request.Program);
            Assert.Equal(Ada, Assert.Single(found.Candidates).Mentor.Id);
        }
        else
        {
            Assert.Equal("Data pilot", Assert.IsType<AskOutcome.ProgramForLearners>(bens).ProgramName);
            Assert.DoesNotContain(await _mentoring.ListBySeniorAsync(Ben, CancellationToken.None), r => r.Skill == negotiation);
        }

        Assert.Equal(Pilot, Assert.IsType<AskOutcome.CandidatesFound>(sams).Request.Program);
    }

    [Theory]
    [InlineData(ProgramState.Paused)]
    [InlineData(ProgramState.Closed)]
    public async Task OfferSentBeforeTheProgramStopped_AcceptIsRefusedAndTheOfferStays_RunningAgainItPairs(ProgramState stopped)
    {
        await StartAsync(p => p with { Name = "Data pilot" });
        var offered = await OfferAsync();
        await SetAsync(p => p with { State = stopped });

        var refused = await _service.AcceptAsync(offered.Request.Id, Ben, CancellationToken.None);
        var still = (await _mentoring.GetAsync(offered.Request.Id, CancellationToken.None))!.Value;
        await SetAsync(p => p with { State = ProgramState.Running });
        var again = await _service.AcceptAsync(offered.Request.Id, Ben, CancellationToken.None);

        Assert.Equal("Data pilot", Assert.IsType<AcceptOutcome.ProgramNotTakingPairs>(refused).ProgramName);
        Assert.True(still.IsOpen);
        Assert.Equal(Ben, still.PendingOffer!.Candidate);
        Assert.Equal(Ben, Assert.IsType<AcceptOutcome.Paired>(again).Mentorship.Junior);
    }

    [Fact]
    public async Task TargetSkills_AColleagueWhoAlsoTeachesAnotherTargetSkillRanksHigher_NobodyIsAddedOrLeftOut()
    {
        // The same members and the same ask, once in a program aimed at Power BI only and once at Power BI and
        // Power Automate, which Ben also teaches (Ada does not).
        await StartAsync(p => p);
        Assert.Equal(MembershipChange.Joined, (await _membership.JoinAsync(Pilot, Ada, null, CancellationToken.None)).Change);
        var powerBiOnly = Assert.IsType<AskOutcome.CandidatesFound>(
            await _service.AskAsync(new AskForHelp(Sam, PowerBi, null, MeetingFormat.Call, Urgency.ThisMonth), CancellationToken.None));
        Assert.IsType<WithdrawOutcome.Withdrawn>(await _service.WithdrawAsync(powerBiOnly.Request.Id, Sam, CancellationToken.None));
        await SetAsync(p => p with { Goals = p.Goals with { TargetSkills = [PowerBi, new SkillId("power-automate")] } });

        var both = Assert.IsType<AskOutcome.CandidatesFound>(
            await _service.AskAsync(new AskForHelp(Sam, PowerBi, null, MeetingFormat.Call, Urgency.ThisMonth), CancellationToken.None));

        double ScoreOf(AskOutcome.CandidatesFound found, UserId who) => found.Candidates.Single(c => c.Mentor.Id == who).Score;
        Assert.Equal(ScoreOf(powerBiOnly, Ada), ScoreOf(both, Ada));
        Assert.Equal(ScoreOf(powerBiOnly, Ben) + ProgramFit.PerTargetSkill, ScoreOf(both, Ben), 4);
        Assert.Equal([Ada, Ben], powerBiOnly.Candidates.Select(c => c.Mentor.Id));
        Assert.Equal([Ben, Ada], both.Candidates.Select(c => c.Mentor.Id));
    }

    private async Task StartAsync(Func<MentoringProgram, MentoringProgram> settings)
    {
        var program = ProgramBuilder.Valid() with
        {
            Id = Pilot,
            Cohort = new CohortDates(new LocalDate(2026, 9, 1), new LocalDate(2027, 6, 30)),
            Goals = new ProgramGoals("Leaders learn data tools.", [PowerBi]),
        };
        _programs.Table.Insert(Pilot, settings(program));
        Assert.Equal(MembershipChange.Joined, (await _membership.JoinAsync(Pilot, Sam, null, CancellationToken.None)).Change);
        Assert.Equal(MembershipChange.Joined, (await _membership.JoinAsync(Pilot, Ben, null, CancellationToken.None)).Change);
    }

    private async Task SetAsync(Func<MentoringProgram, MentoringProgram> change)
    {
        var stored = (await _programs.GetAsync(Pilot, CancellationToken.None))!;
        await _programs.ReplaceAsync(change(stored.Value), stored.ETag, CancellationToken.None);
    }

    private async Task<OfferOutcome.Offered> OfferAsync()
    {
        var found = Assert.IsType<AskOutcome.CandidatesFound>(
            await _service.AskAsync(new AskForHelp(Sam, PowerBi, null, MeetingFormat.Call, Urgency.ThisMonth), CancellationToken.None));
        Assert.Equal(Pilot, found.Request.Program);
        return Assert.IsType<OfferOutcome.Offered>(await _service.OfferAsync(found.Request.Id, Sam, Ben, CancellationToken.None));
    }

    private async Task<AcceptOutcome.Paired> PairAsync()
    {
        var offered = await OfferAsync();
        return Assert.IsType<AcceptOutcome.Paired>(await _service.AcceptAsync(offered.Request.Id, Ben, CancellationToken.None));
    }
}
