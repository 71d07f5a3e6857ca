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
/// Round editing (issue 18, decision 0460). Ann and Ben want Power BI; Mo and Zed teach it with one place each, Tia
/// teaches only TikTok; Cy wants TikTok. Owen owns the program.
/// </summary>
public sealed class RoundEditingTests
{
    private static readonly ProgramId Pilot = new("pilot");
    private static readonly SkillId PowerBi = new("power-bi");
    private static readonly SkillId TikTok = new("short-form-video");
    private static readonly UserId Owen = new("owen");
    private static readonly UserId Ann = new("ann");
    private static readonly UserId Ben = new("ben");
    private static readonly UserId Mo = new("mo");
    private static readonly UserId Zed = new("zed");
    private static readonly UserId Tia = new("tia");
    private static readonly UserId Cy = new("cy");

    private readonly ManualTimeProvider _clock = new(People.Utc(2026, 11, 23, 9));
    private readonly FakeProgramStore _programs = new();
    private readonly FakeEnrolmentStore _enrolments = new();
    private readonly FakeRoundStore _rounds = new();
    private readonly FakeProfileStore _profiles = new();
    private readonly FakeMentoringStore _mentoring = new();
    private readonly RecordingDelivery _notifier = new();
    private readonly ProgramRoundService _service;

    public RoundEditingTests()
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
        Add(Learner(Ann, PowerBi), consented: true);
        Add(Learner(Ben, PowerBi), consented: true);
        Add(Learner(Cy, TikTok), consented: true);
        Add(Mentor(Mo, capacity: 1), consented: true);
        Add(Mentor(Zed, capacity: 1) with { Languages = ["sv"] }, consented: true);
        Add(Mentor(Tia, capacity: 1) with { Offers = [new OfferedSkill(TikTok, SkillLevel.Expert)] }, consented: true);
    }

    [Fact]
    public async Task Pin_ThenRerun_KeepsThePinnedPairAndBumpsTheRevision()
    {
        var round = await PreviewAsync();
        var annPair = round.Pairs.Single(p => p.Learner == Ann);

        var pinned = Edited(await _service.EditAsync(Pilot, round.Id, Owen, 0, new RoundEdit.Pin(Ann, PowerBi), CancellationToken.None));
        var rerun = Edited(await _service.EditAsync(Pilot, round.Id, Owen, 1, new RoundEdit.Rerun(), CancellationToken.None));

        Assert.Equal(new RoundPin(Ann, PowerBi, annPair.Mentor), Assert.Single(rerun.Pins));
        Assert.Contains(rerun.Pairs, p => p.Learner == Ann && p.Mentor == annPair.Mentor && p.Pinned);
        Assert.Equal((1, 2), (pinned.Revision, rerun.Revision));
        Assert.Equal(2, _rounds.Table.Get((Pilot, round.Id))!.Value.Revision);
    }

    [Fact]
    public async Task Swap_ExchangesTheMentors_PinsBoth_AndTheScoreAndReasonsFollow()
    {
        var round = await PreviewAsync();
        var ann = round.Pairs.Single(p => p.Learner == Ann);
        var ben = round.Pairs.Single(p => p.Learner == Ben);

        var swapped = Edited(await _service.EditAsync(Pilot, round.Id, Owen, 0, new RoundEdit.Swap(Ann, PowerBi, Ben, PowerBi), CancellationToken.None));

        var annAfter = swapped.Pairs.Single(p => p.Learner == Ann);
        var benAfter = swapped.Pairs.Single(p => p.Learner == Ben);
        Assert.Equal((ben.Mentor, ann.Mentor), (annAfter.Mentor, benAfter.Mentor));
        Assert.True(annAfter.Pinned && benAfter.Pinned);
        Assert.Equal(Math.Round(swapped.Pairs.Sum(p => p.Score), 4), swapped.TotalScore);
        Assert.NotEmpty(annAfter.Factors);

        // The certified optimum without pins is at least as good as the owner's swap.
        Assert.True(round.TotalScore >= swapped.TotalScore - 1e-9);
    }

    [Fact]
    public async Task Swap_IntoAPairThatBreaksAHardRule_IsRefusedAndNothingChanges()
    {
        var round = await PreviewAsync();
        var before = _rounds.Table.Get((Pilot, round.Id))!.ETag;

        // Tia teaches only TikTok: Ann cannot learn Power BI from her.
        var outcome = await _service.EditAsync(Pilot, round.Id, Owen, 0, new RoundEdit.Swap(Ann, PowerBi, Cy, TikTok), CancellationToken.None);

        var refused = Assert.IsType<RoundEditOutcome.Refused>(outcome);
        Assert.Equal(RoundEditRefusal.PinNotPossible, refused.Reason);
        Assert.Contains(refused.Pins, p => p.Learner == Ann && p.Mentor == Tia);
        Assert.Equal(before, _rounds.Table.Get((Pilot, round.Id))!.ETag);
    }

    [Fact]
    public async Task Remove_TakesTheRequestOutAndFreesItsPlace()
    {
        var round = await PreviewAsync();

        var removed = Edited(await _service.EditAsync(Pilot, round.Id, Owen, 0, new RoundEdit.Remove(Ann, PowerBi), CancellationToken.None));

        Assert.DoesNotContain(removed.Pairs, p => p.Learner == Ann);
        Assert.DoesNotContain(removed.Unmatched, u => u.Learner == Ann);
        Assert.Equal(new RoundRemoval(Ann, PowerBi), Assert.Single(removed.Removed));
        Assert.Contains(removed.UnusedMentors, u => u.Mentor == Mo || u.Mentor == Zed);

        var restored = Edited(await _service.EditAsync(Pilot, round.Id, Owen, 1, new RoundEdit.Restore(Ann, PowerBi), CancellationToken.None));
        Assert.Contains(restored.Pairs, p => p.Learner == Ann);
    }

    [Fact]
    public async Task Edit_OfAnOlderRevision_IsStale_AndAnotherOwnersEditIsKept()
    {
        var round = await PreviewAsync();
        Edited(await _service.EditAsync(Pilot, round.Id, Owen, 0, new RoundEdit.Remove(Cy, TikTok), CancellationToken.None));

        var second = await _service.EditAsync(Pilot, round.Id, Owen, 0, new RoundEdit.Pin(Ann, PowerBi), CancellationToken.None);

        Assert.Equal(1, Assert.IsType<RoundEditOutcome.Stale>(second).CurrentRevision);
        var stored = _rounds.Table.Get((Pilot, round.Id))!.Value;
        Assert.Empty(stored.Pins);
        Assert.Single(stored.Removed);
    }

    [Fact]
    public async Task Edit_ByANonOwner_IsRefused()
    {
        var round = await PreviewAsync();

        Assert.IsType<RoundEditOutcome.NotAnOwner>(await _service.EditAsync(Pilot, round.Id, Ann, 0, new RoundEdit.Rerun(), CancellationToken.None));
    }

    [Fact]
    public async Task Publish_TheRevisionShown_SendsExactlyTheEditedPairs()
    {
        var round = await PreviewAsync();
        var ann = round.Pairs.Single(p => p.Learner == Ann);
        var swapped = Edited(await _service.EditAsync(Pilot, round.Id, Owen, 0, new RoundEdit.Swap(Ann, PowerBi, Ben, PowerBi), CancellationToken.None));

        var published = Assert.IsType<RoundPublishOutcome.Published>(await _service.PublishAsync(Pilot, round.Id, Owen, swapped.Revision, CancellationToken.None));

        Assert.Equal(3, published.Sent);
        var offers = _notifier.Sent.Where(n => n.Message.Kind == RequestMessageKind.Offered).Select(n => n.Recipient).ToList();
        Assert.Equal(swapped.Pairs.Select(p => p.Mentor.AadObjectId).Order(), offers.Select(o => o.AadObjectId).Order());
        Assert.Contains(_mentoring.Requests.Rows, r => r.Value.Senior == Ben && r.Value.Skill == PowerBi);
        Assert.NotEqual(ann.Mentor, swapped.Pairs.Single(p => p.Learner == Ann).Mentor);
        Assert.IsType<RoundEditOutcome.AlreadyPublished>(await _service.EditAsync(Pilot, round.Id, Owen, swapped.Revision, new RoundEdit.Rerun(), CancellationToken.None));
    }

    [Fact]
    public async Task Publish_AnOlderRevision_IsRefusedAsStaleAndSendsNothing()
    {
        var round = await PreviewAsync();
        Edited(await _service.EditAsync(Pilot, round.Id, Owen, 0, new RoundEdit.Remove(Ann, PowerBi), CancellationToken.None));

        var outcome = await _service.PublishAsync(Pilot, round.Id, Owen, 0, CancellationToken.None);

        var stale = Assert.IsType<RoundPublishOutcome.Stale>(outcome);
        Assert.Equal((RoundStaleReason.RoundChanged, 1), (stale.Reason, stale.CurrentRevision));
        Assert.Empty(_notifier.Sent);
        Assert.Equal(RoundState.Previewed, _rounds.Table.Get((Pilot, round.Id))!.Value.State);
    }

    [Fact]
    public async Task Publish_AfterTheDataChanged_IsRefusedAsStaleAndSendsNothing()
    {
        var round = await PreviewAsync();

        // Mo stops teaching: the round shown would no longer come out.
        var mo = _profiles.Table.Get(Mo)!;
        _profiles.Table.Replace(Mo, mo.Value with { Capacity = 0 }, mo.ETag);

        var outcome = await _service.PublishAsync(Pilot, round.Id, Owen, 0, CancellationToken.None);

        Assert.Equal(RoundStaleReason.DataChanged, Assert.IsType<RoundPublishOutcome.Stale>(outcome).Reason);
        Assert.Empty(_notifier.Sent);
        Assert.Empty(_mentoring.Requests.Rows);
    }

    private static ProgramRound Edited(RoundEditOutcome outcome) => Assert.IsType<RoundEditOutcome.Edited>(outcome).Round;

    private async Task<ProgramRound> PreviewAsync()
    {
        var round = Assert.IsType<RoundPreviewOutcome.Ready>(await _service.PreviewAsync(Pilot, Owen, CancellationToken.None)).Round;
        Assert.Equal(3, round.Pairs.Count);
        return round;
    }

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
