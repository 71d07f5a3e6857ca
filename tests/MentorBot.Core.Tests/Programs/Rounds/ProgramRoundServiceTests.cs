using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using MentorBot.Core.Outbox;

namespace MentorBot.Core.Tests.Programs.Rounds;

/// <summary>
/// Two seniors (Ann, Ben) want Power BI; Mo teaches it with one place. Ann also wants TikTok, which nobody teaches.
/// Owen owns the program; Ivy was invited and never said yes.
/// </summary>
public sealed class ProgramRoundServiceTests
{
    private static readonly ProgramId Pilot = new("pilot");
    private static readonly SkillId PowerBi = new("power-bi");
    private static readonly SkillId TikTok = new("short-form-video");
    private static readonly UserId Owen = new("owen");
    private static readonly UserId Ann = new("ann");
    private static readonly UserId Ben = new("ben");
    private static readonly UserId Mo = new("mo");
    private static readonly UserId Ivy = new("ivy");

    private readonly ManualTimeProvider _clock = new(People.Utc(2026, 11, 23, 9));
    private readonly FakeProgramStore _programs = new();
    private readonly FakeEnrolmentStore _enrolments = new();
    private readonly FakeRoundStore _rounds = new();
    private readonly FakeProfileStore _profiles = new();
    private readonly FakeMentoringStore _mentoring = new();
    private readonly RecordingDelivery _notifier = new();
    private readonly ProgramRoundService _service;

    public ProgramRoundServiceTests()
    {
        var ranker = new CandidateRanker(new MatchingOptions(), SkillCatalog.Default);
        var snapshots = new MatchingSnapshotLoader(_profiles, _mentoring, _mentoring);
        var live = new LiveMatchingIndex(_profiles, _mentoring, _mentoring, ranker, new InProcessChangeMarker(), Options.Create(new RequestOptions()), _clock, NullLogger<LiveMatchingIndex>.Instance);
        var mentoringService = new MentoringService(
            _mentoring,
            _profiles,
            live,
            ranker,
            SkillCatalog.Default,
            _notifier,
            new ProgramMembership(_programs, _enrolments, _profiles, _clock, live),
            Options.Create(new RequestOptions()),
            Options.Create(new CheckInOptions()),
            _clock,
            NullLogger<MentoringService>.Instance);
        _service = new ProgramRoundService(
            _programs, _enrolments, _rounds, _mentoring, _mentoring, snapshots, new ExactCohortMatcher(ranker), mentoringService, _clock, NullLogger<ProgramRoundService>.Instance);

        _programs.Table.Insert(Pilot, Program(Pilot, [Owen]));
        Add(Learner(Ann, PowerBi, TikTok), consented: true);
        Add(Learner(Ben, PowerBi), consented: true);
        Add(Mentor(Mo, capacity: 1), consented: true);
        Add(Mentor(Ivy, capacity: 1), consented: false);
    }

    [Fact]
    public async Task Preview_NotAnOwner_IsRefusedAndNothingIsStored()
    {
        var outcome = await _service.PreviewAsync(Pilot, Ann, CancellationToken.None);

        Assert.IsType<RoundPreviewOutcome.NotAnOwner>(outcome);
        Assert.Empty(_rounds.Table.Rows);
    }

    [Fact]
    public async Task Preview_OneMentorPlaceForTwoLearners_PairsOneWithReasonsAndSaysWhyTheOtherWaits()
    {
        var ready = Assert.IsType<RoundPreviewOutcome.Ready>(await _service.PreviewAsync(Pilot, Owen, CancellationToken.None));

        var pair = Assert.Single(ready.Round.Pairs);
        Assert.Equal((Mo, PowerBi), (pair.Mentor, pair.Skill));
        Assert.InRange(pair.Factors.Count, 1, 3);
        Assert.Empty(pair.Reasons);
        Assert.All(pair.Factors, f => Assert.True(f.Contribution > 0));
        var unmatched = Assert.Single(ready.Round.Unmatched);
        Assert.Equal((PowerBi, UnmatchedReason.MentorsTaken), (unmatched.Skill, unmatched.Reason));
        Assert.Equal((1, 1), (unmatched.EligibleMentors, unmatched.MentorsFull));
        Assert.NotEqual(pair.Learner, unmatched.Learner);
        Assert.Equal(RoundState.Previewed, _rounds.Table.Get((Pilot, ready.Round.Id))!.Value.State);
        Assert.Empty(_notifier.Sent);
    }

    [Fact]
    public async Task Preview_OnlyConsentedEnrolmentsTakePart_AndEachLearnerAsksForTheirTopSkill()
    {
        var ready = Assert.IsType<RoundPreviewOutcome.Ready>(await _service.PreviewAsync(Pilot, Owen, CancellationToken.None));

        Assert.DoesNotContain(ready.Round.Pairs, p => p.Mentor == Ivy);
        Assert.DoesNotContain(ready.Round.UnusedMentors, u => u.Mentor == Ivy);
        Assert.All(ready.Round.Pairs.Select(p => p.Skill).Concat(ready.Round.Unmatched.Select(u => u.Skill)), s => Assert.Equal(PowerBi, s));
    }

    [Fact]
    public async Task Preview_LearnerAlreadyAskingForTheirTopSkill_IsRoundedOnTheirNextOne()
    {
        await _mentoring.InsertAsync(MentoringRequest.Create(new RequestId("r-open"), Ann, PowerBi, null, MeetingFormat.Call, Urgency.NoRush, _clock.GetUtcNow()), CancellationToken.None);

        var ready = Assert.IsType<RoundPreviewOutcome.Ready>(await _service.PreviewAsync(Pilot, Owen, CancellationToken.None));

        Assert.Contains(ready.Round.Unmatched, u => u.Learner == Ann && u.Skill == TikTok && u.Reason == UnmatchedReason.NoEligibleMentor);
        Assert.Equal(Ben, Assert.Single(ready.Round.Pairs).Learner);
    }

    [Fact]
    public async Task Publish_CreatesTheRequestInTheProgramAndOffersItToTheChosenMentor()
    {
        var round = await PreviewAsync();

        var published = Assert.IsType<RoundPublishOutcome.Published>(await _service.PublishAsync(Pilot, round.Id, Owen, CancellationToken.None));

        Assert.Equal((1, 0, 0, 1), (published.Sent, published.AlreadySent, published.NotSent, published.StillUnmatched));
        var pair = Assert.Single(round.Pairs);
        var request = _mentoring.Requests.Get(round.RequestIdFor(pair))!.Value;
        Assert.Equal((pair.Learner, RequestStatus.Offered, Mo, Pilot), (request.Senior, request.Status, request.PendingOffer!.Candidate, request.Program));
        var offer = Assert.Single(_notifier.Sent, n => n.Message.Kind == RequestMessageKind.Offered);
        Assert.Equal(Mo, offer.Recipient);
        Assert.Equal(RoundState.Published, _rounds.Table.Get((Pilot, round.Id))!.Value.State);
    }

    [Fact]
    public async Task Publish_Twice_SendsNothingTheSecondTime()
    {
        var round = await PreviewAsync();
        await _service.PublishAsync(Pilot, round.Id, Owen, CancellationToken.None);
        var sentBefore = _notifier.Sent.Count;

        var again = Assert.IsType<RoundPublishOutcome.Published>(await _service.PublishAsync(Pilot, round.Id, Owen, CancellationToken.None));

        Assert.Equal((0, 1), (again.Sent, again.AlreadySent));
        Assert.Equal(sentBefore, _notifier.Sent.Count);
        Assert.Single(_mentoring.Requests.Rows);
    }

    [Fact]
    public async Task Publish_AfterAFailurePartWay_SendsOnlyWhatWasNotSent()
    {
        var round = await PreviewAsync();
        var stored = _rounds.Table.Get((Pilot, round.Id))!;
        _rounds.Table.Replace((Pilot, round.Id), stored.Value with { State = RoundState.Published, PublishedBy = Owen, PublishedAt = _clock.GetUtcNow() }, stored.ETag);

        var published = Assert.IsType<RoundPublishOutcome.Published>(await _service.PublishAsync(Pilot, round.Id, Owen, CancellationToken.None));

        Assert.Equal(1, published.Sent);
        Assert.Single(_notifier.Sent, n => n.Message.Kind == RequestMessageKind.Offered);
    }

    [Fact]
    public async Task Publish_ByANonOwner_IsRefusedAndSendsNothing()
    {
        var round = await PreviewAsync();

        var outcome = await _service.PublishAsync(Pilot, round.Id, Ann, CancellationToken.None);

        Assert.IsType<RoundPublishOutcome.NotAnOwner>(outcome);
        Assert.Empty(_mentoring.Requests.Rows);
        Assert.Empty(_notifier.Sent);
    }

    [Fact]
    public async Task Publish_AfterThePreviewLifetime_IsRefusedAsExpired()
    {
        var round = await PreviewAsync();
        _clock.Advance(ProgramRoundService.PreviewLifetime + TimeSpan.FromMinutes(1));

        var outcome = await _service.PublishAsync(Pilot, round.Id, Owen, CancellationToken.None);

        Assert.IsType<RoundPublishOutcome.Expired>(outcome);
        Assert.Empty(_notifier.Sent);
    }

    [Fact]
    public async Task Publish_AMentorJoinedAfterThePreview_IsRefusedAsStale_AndANewPreviewShowsThem()
    {
        // Decision 0460 replaces 0210's "send what was seen anyway": the round would now come out differently.
        var round = await PreviewAsync();
        Add(Mentor(new UserId("zed"), capacity: 3), consented: true);

        var outcome = await _service.PublishAsync(Pilot, round.Id, Owen, CancellationToken.None);

        Assert.Equal(RoundStaleReason.DataChanged, Assert.IsType<RoundPublishOutcome.Stale>(outcome).Reason);
        Assert.Empty(_notifier.Sent);
        Assert.Contains((await PreviewAsync()).Pairs, p => p.Mentor == new UserId("zed"));
    }

    [Fact]
    public void RequestIdFor_SameRoundLearnerAndSkill_IsStable_AndDiffersAcrossRounds()
    {
        var pair = new RoundPair(Ann, Mo, PowerBi, 1, []);
        var first = new ProgramRound(new RoundId("round-1"), Pilot, Owen, _clock.GetUtcNow(), [pair], [], []);

        Assert.Equal(first.RequestIdFor(pair), (first with { State = RoundState.Published }).RequestIdFor(pair with { Mentor = Ivy }));
        Assert.NotEqual(first.RequestIdFor(pair), (first with { Id = new RoundId("round-2") }).RequestIdFor(pair));
    }

    private async Task<ProgramRound> PreviewAsync() =>
        Assert.IsType<RoundPreviewOutcome.Ready>(await _service.PreviewAsync(Pilot, Owen, CancellationToken.None)).Round;

    private void Add(Profile profile, bool consented)
    {
        _profiles.Table.Insert(profile.Id, profile);
        var since = _clock.GetUtcNow().AddDays(-7);
        _enrolments.Table.Insert((Pilot, profile.Id), consented ? Enrolment.SelfEnrol(Pilot, profile.Id, since) : Enrolment.Invite(Pilot, profile.Id, since));
    }

    private static Profile Learner(UserId id, params SkillId[] wants) =>
        People.In(id.AadObjectId, "Europe/London") with
        {
            Id = id,
            Role = ProgramRole.Learn,
            Level = new CareerLevel(12),
            Wants = [.. wants.Select(s => new WantedSkill(s, SkillLevel.Aware, SkillLevel.Practitioner))],
        };

    private static Profile Mentor(UserId id, int capacity) =>
        People.In(id.AadObjectId, "Europe/London") with
        {
            Id = id,
            Role = ProgramRole.Teach,
            Level = new CareerLevel(2),
            Capacity = capacity,
            Offers = [new OfferedSkill(PowerBi, SkillLevel.Expert)],
        };

    private static MentoringProgram Program(ProgramId id, IReadOnlyList<UserId> owners) => new(
        id,
        "Pilot",
        new ProgramGoals("Leaders learn data tools", []),
        new CohortDates(new LocalDate(2026, 11, 1), new LocalDate(2027, 4, 30)),
        new MeetingDefaults(2, TimeSpan.FromMinutes(30)),
        MentoringProgram.DefaultReOfferWindow,
        owners);
}
