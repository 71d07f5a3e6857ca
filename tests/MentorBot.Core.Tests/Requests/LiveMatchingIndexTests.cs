using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using MentorBot.Core.Tests.Programs.Rounds;
using MentorBot.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Tests.Requests;

/// <summary>
/// Two bot instances over one store (decision 0185). Instance A asks first, so its index holds the tenant as it was;
/// then instance B (or a direct store write, as another process would make) changes a colleague. A's index is stale on
/// purpose, yet the offer A writes never breaks a hard constraint: it goes to the next colleague who still qualifies.
/// </summary>
public sealed class LiveMatchingIndexTests
{
    private static readonly SkillId PowerBi = new("power-bi");
    private static readonly TenantId Contoso = new("contoso");
    private static readonly TenantId Fabrikam = new("fabrikam");
    private static readonly UserId Sam = new("sam");
    private static readonly UserId Ben = new("ben");
    private static readonly UserId Cara = new("cara");
    private static readonly UserId Dana = new("dddddddd-0000-4000-8000-000000000004");

    private readonly ManualTimeProvider _clock = new(People.Utc(2026, 11, 23, 9));
    private readonly FakeProfileStore _profiles = new();
    private readonly FakeMentoringStore _mentoring = new();
    private readonly SharedMarker _marker = new();
    private readonly FakeProgramStore _programs = new();
    private readonly FakeEnrolmentStore _enrolments = new();
    private readonly Instance _a;
    private readonly Instance _b;

    public LiveMatchingIndexTests()
    {
        _a = new Instance(this, TimeSpan.FromMinutes(10));
        _b = new Instance(this, TimeSpan.FromMinutes(10));
        Put(Person(Sam, learns: true));

        // Ben is the better match (expert), Cara the next (practitioner): a fresh index always offers Ben first.
        Put(Person(Ben, learns: false, SkillLevel.Expert) with { Capacity = 1 });
        Put(Person(Cara, learns: false, SkillLevel.Practitioner));
    }

    [Fact]
    public async Task Offer_ColleagueReachedCapacityOnAnotherInstance_GoesToNextValidColleague()
    {
        var request = await AskOnAAsync();
        _mentoring.Mentorships.Insert(new MentorshipId("m-elsewhere"), Pair(Ben, new UserId("someone-else")));
        var stale = await _a.Mentoring.RankAsync(request.Id, CancellationToken.None);

        var outcome = await _a.Mentoring.OfferAsync(request.Id, Sam, null, CancellationToken.None);

        Assert.Equal(Ben, stale!.Candidates[0].Mentor.Id);
        Assert.Equal(Cara, Assert.IsType<OfferOutcome.Offered>(outcome).Candidate.Id);
        Assert.DoesNotContain(_a.Delivery.Sent, n => n.Recipient == Ben);
    }

    [Fact]
    public async Task Offer_ColleagueOptedOutOnAnotherInstance_GoesToNextValidColleague()
    {
        var request = await AskOnAAsync();
        await _b.Profiles.OptOutAsync(Ben, CancellationToken.None);
        var stale = await _a.Mentoring.RankAsync(request.Id, CancellationToken.None);

        var outcome = await _a.Mentoring.OfferAsync(request.Id, Sam, null, CancellationToken.None);

        Assert.Equal(Ben, stale!.Candidates[0].Mentor.Id);
        Assert.Equal(Cara, Assert.IsType<OfferOutcome.Offered>(outcome).Candidate.Id);
    }

    [Fact]
    public async Task Offer_ColleagueMovedToAnotherTenant_GoesToNextValidColleague()
    {
        var request = await AskOnAAsync();
        Put(_profiles.Table.Get(Ben)!.Value with { Tenant = Fabrikam });
        var stale = await _a.Mentoring.RankAsync(request.Id, CancellationToken.None);

        var outcome = await _a.Mentoring.OfferAsync(request.Id, Sam, null, CancellationToken.None);

        Assert.Equal(Ben, stale!.Candidates[0].Mentor.Id);
        Assert.Equal(Cara, Assert.IsType<OfferOutcome.Offered>(outcome).Candidate.Id);
    }

    [Fact]
    public async Task Offer_ColleagueNowInLearnersReportingLine_GoesToNextValidColleague()
    {
        var request = await AskOnAAsync();
        Put(Person(Dana, learns: true) with { ManagerId = Ben });
        Put(_profiles.Table.Get(Sam)!.Value with { ManagerId = Dana });
        var stale = await _a.Mentoring.RankAsync(request.Id, CancellationToken.None);

        var outcome = await _a.Mentoring.OfferAsync(request.Id, Sam, null, CancellationToken.None);

        Assert.Equal(Ben, stale!.Candidates[0].Mentor.Id);
        Assert.Equal(Cara, Assert.IsType<OfferOutcome.Offered>(outcome).Candidate.Id);
    }

    [Fact]
    public async Task Offer_ColleagueRecentlyPairedWithLearner_GoesToNextValidColleague()
    {
        var request = await AskOnAAsync();
        var ended = Pair(Ben, Sam).End(EndReason.Completed, _clock.GetUtcNow().AddDays(-7)).Value!;
        _mentoring.Mentorships.Insert(new MentorshipId("m-before"), ended);

        var outcome = await _a.Mentoring.OfferAsync(request.Id, Sam, null, CancellationToken.None);

        Assert.Equal(Cara, Assert.IsType<OfferOutcome.Offered>(outcome).Candidate.Id);
    }

    [Fact]
    public async Task Offer_ColleagueLeftTheProgramOnAnotherInstance_GoesToNextValidColleague()
    {
        // Program consent (decision 0242): a request in a program is only ever offered to people who said yes to it.
        var pilot = new ProgramId("pilot");
        _programs.Table.Insert(pilot, new MentoringProgram(
            pilot,
            "Pilot",
            new ProgramGoals("Leaders learn data tools", []),
            new CohortDates(new NodaTime.LocalDate(2026, 11, 1), new NodaTime.LocalDate(2027, 4, 30)),
            new MeetingDefaults(2, TimeSpan.FromMinutes(30)),
            MentoringProgram.DefaultReOfferWindow,
            []));
        foreach (var member in new[] { Sam, Ben, Cara })
        {
            _enrolments.Table.Insert((pilot, member), Enrolment.SelfEnrol(pilot, member, _clock.GetUtcNow().AddDays(-1)));
        }

        var request = await AskOnAAsync();
        var stale = await _a.Mentoring.RankAsync(request.Id, CancellationToken.None);
        var left = await _b.Membership.LeaveAsync(pilot, Ben, CancellationToken.None);

        var outcome = await _a.Mentoring.OfferAsync(request.Id, Sam, null, CancellationToken.None);

        Assert.Equal(pilot, request.Program);
        Assert.Equal(MembershipChange.Left, left);
        Assert.Equal(Ben, stale!.Candidates[0].Mentor.Id);
        Assert.Equal(Cara, Assert.IsType<OfferOutcome.Offered>(outcome).Candidate.Id);
        Assert.DoesNotContain(_a.Delivery.Sent, n => n.Recipient == Ben);
    }

    [Fact]
    public async Task Offer_ChosenColleagueReachedCapacityElsewhere_IsUnavailableAndNothingIsSent()
    {
        var request = await AskOnAAsync();
        _mentoring.Mentorships.Insert(new MentorshipId("m-elsewhere"), Pair(Ben, new UserId("someone-else")));

        var outcome = await _a.Mentoring.OfferAsync(request.Id, Sam, Ben, CancellationToken.None);

        Assert.IsType<OfferOutcome.CandidateUnavailable>(outcome);
        Assert.Empty(_a.Delivery.Sent);
        Assert.Null(_mentoring.Requests.Get(request.Id)!.Value.PendingOffer);
    }

    [Fact]
    public async Task Ask_AfterStaleOfferWasCorrected_NoLongerShowsTheColleague()
    {
        var request = await AskOnAAsync();
        _mentoring.Mentorships.Insert(new MentorshipId("m-elsewhere"), Pair(Ben, new UserId("someone-else")));
        await _a.Mentoring.OfferAsync(request.Id, Sam, null, CancellationToken.None);

        var again = await _a.Mentoring.RankAsync(request.Id, CancellationToken.None);

        Assert.DoesNotContain(again!.Candidates, c => c.Mentor.Id == Ben);
    }

    [Fact]
    public async Task Ask_ProfileSavedOnThisInstance_IsRankedAtOnce()
    {
        await AskOnAAsync();

        var saved = await _a.Profiles.SaveAsync(Dana, _ => Person(Dana, learns: false, SkillLevel.Expert) with { Capacity = 3 }, CancellationToken.None);
        Assert.IsType<ProfileSaveOutcome.Saved>(saved);
        var ranking = await _a.Mentoring.RankAsync((await AskOnAAsync(withdrawFirst: true)).Id, CancellationToken.None);

        Assert.Contains(ranking!.Candidates, c => c.Mentor.Id == Dana);
    }

    [Fact]
    public async Task Ask_ProfileSavedOnAnotherInstance_IsRankedOnceTheMarkerIsChecked()
    {
        var a = new Instance(this, TimeSpan.Zero);
        await AskAsync(a);

        await _b.Profiles.SaveAsync(Dana, _ => Person(Dana, learns: false, SkillLevel.Expert) with { Capacity = 3 }, CancellationToken.None);

        // The check sees the moved marker and reads the tenant again in the background; the next asks catch up.
        var seen = false;
        for (var attempt = 0; attempt < 200 && !seen; attempt++)
        {
            var request = await AskAsync(a, withdrawFirst: true);
            seen = (await a.Mentoring.RankAsync(request.Id, CancellationToken.None))!.Candidates.Any(c => c.Mentor.Id == Dana);
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }

        Assert.True(seen);
    }

    [Fact]
    public async Task Ask_ProfileSavedOnAnotherInstance_IsNotSeenBeforeTheCheckInterval()
    {
        await AskOnAAsync();

        var saved = await _b.Profiles.SaveAsync(Dana, _ => Person(Dana, learns: false, SkillLevel.Expert) with { Capacity = 3 }, CancellationToken.None);
        var ranking = await _a.Mentoring.RankAsync((await AskOnAAsync(withdrawFirst: true)).Id, CancellationToken.None);

        // The documented staleness: within the interval A still ranks what it had, which is why offers re-read.
        Assert.IsType<ProfileSaveOutcome.Saved>(saved);
        Assert.DoesNotContain(ranking!.Candidates, c => c.Mentor.Id == Dana);
    }

    private Task<MentoringRequest> AskOnAAsync(bool withdrawFirst = false) => AskAsync(_a, withdrawFirst);

    private async Task<MentoringRequest> AskAsync(Instance instance, bool withdrawFirst = false)
    {
        if (withdrawFirst)
        {
            foreach (var open in _mentoring.Requests.Rows.Select(r => r.Value).Where(r => r.IsOpen).ToList())
            {
                await instance.Mentoring.WithdrawAsync(open.Id, Sam, CancellationToken.None);
            }
        }

        var asked = await instance.Mentoring.AskAsync(new AskForHelp(Sam, PowerBi, null, MeetingFormat.Call, Urgency.ThisMonth), CancellationToken.None);
        var found = Assert.IsType<AskOutcome.CandidatesFound>(asked);
        return found.Request;
    }

    private void Put(Profile profile)
    {
        if (_profiles.Table.Get(profile.Id) is { } stored)
        {
            _profiles.Table.Replace(profile.Id, profile, stored.ETag);
        }
        else
        {
            _profiles.Table.Insert(profile.Id, profile);
        }
    }

    private Mentorship Pair(UserId junior, UserId senior) =>
        Mentorship.Start(new MentorshipId($"m-{junior.AadObjectId}-{senior.AadObjectId}"), senior, junior, PowerBi, null, _clock.GetUtcNow().AddDays(-30), _clock.GetUtcNow().AddDays(60), Cadence.Default).Value! with { Tenant = Contoso };

    private static Profile Person(UserId id, bool learns, SkillLevel level = SkillLevel.Practitioner) =>
        People.In(id.AadObjectId, "Europe/London") with
        {
            Department = learns ? "Leadership" : "Data",
            Role = learns ? ProgramRole.Learn : ProgramRole.Teach,
            Level = new CareerLevel(learns ? 12 : 2),
            Offers = learns ? [] : [new OfferedSkill(PowerBi, level)],
            Wants = learns ? [new WantedSkill(PowerBi, SkillLevel.Aware, SkillLevel.Practitioner)] : [],
            Tenant = Contoso,
        };

    /// <summary>One bot process: its own live index and services over the shared stores and marker.</summary>
    private sealed class Instance
    {
        public Instance(LiveMatchingIndexTests world, TimeSpan checkInterval)
        {
            var ranker = new CandidateRanker(new MatchingOptions(), SkillCatalog.Default);
            var options = Options.Create(new RequestOptions { IndexCheckInterval = checkInterval });
            var live = new LiveMatchingIndex(world._profiles, world._mentoring, world._mentoring, ranker, world._marker, options, world._clock, NullLogger<LiveMatchingIndex>.Instance);
            var membership = new ProgramMembership(world._programs, world._enrolments, world._profiles, world._clock, live);
            Membership = membership;
            Mentoring = new MentoringService(
                world._mentoring, world._profiles, live, ranker, SkillCatalog.Default, Delivery, membership, options,
                Options.Create(new CheckInOptions()), world._clock, NullLogger<MentoringService>.Instance);
            Profiles = new ProfileService(world._profiles, new ProfileValidator(SkillCatalog.Default), world._clock, live);
        }

        public RecordingDelivery Delivery { get; } = new();

        public ProgramMembership Membership { get; }

        public MentoringService Mentoring { get; }

        public ProfileService Profiles { get; }
    }

    /// <summary>The storage marker both instances share: a counter per tenant.</summary>
    private sealed class SharedMarker : IMatchingChangeMarker
    {
        private readonly Dictionary<string, int> _moves = [];

        public Task<string?> ReadAsync(TenantId? tenant, CancellationToken cancellationToken)
        {
            lock (_moves)
            {
                return Task.FromResult(_moves.TryGetValue(Key(tenant), out var moves) ? moves.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
            }
        }

        public Task<MarkerMove> MoveAsync(TenantId? tenant, CancellationToken cancellationToken)
        {
            lock (_moves)
            {
                var before = _moves.TryGetValue(Key(tenant), out var moves) ? moves.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                _moves[Key(tenant)] = moves + 1;
                return Task.FromResult(new MarkerMove(before, (moves + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        private static string Key(TenantId? tenant) => tenant?.Value ?? "-";
    }
}
