using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using MentorBot.Core.Tests.Programs.Rounds;
using MentorBot.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace MentorBot.Core.Tests.Requests;

/// <summary>
/// Decision 0410: an ask's reads of the asker's own records are independent, so they are in flight together (on Azure
/// Table storage one round trip's latency instead of one per read), and the profile the turn already read is not read
/// again. The stores here hold each read until all the reads expected together have started (or a generous safety
/// timeout passes, so a regression fails on the count instead of hanging); what is asserted is how many overlapped.
/// </summary>
public sealed class AskReadsTogetherTests
{
    private static readonly SkillId PowerBi = new("power-bi");
    private static readonly TenantId Contoso = new("contoso");
    private static readonly UserId Sam = new("sam");
    private static readonly UserId Ben = new("ben");

    private readonly ManualTimeProvider _clock = new(People.Utc(2026, 11, 23, 9));
    private readonly FakeProfileStore _profiles = new();
    private readonly FakeMentoringStore _mentoring = new();

    public AskReadsTogetherTests()
    {
        _profiles.Table.Insert(Sam, Person(Sam, learns: true));
        _profiles.Table.Insert(Ben, Person(Ben, learns: false));
    }

    [Fact]
    public async Task Ask_ReadsTheAskersProfileRequestsPairsAndProgramsTogether()
    {
        var overlap = new Overlap(expected: 4);
        var service = Service(overlap);

        var outcome = await service.AskAsync(Ask(), CancellationToken.None);

        Assert.IsType<AskOutcome.CandidatesFound>(outcome);
        Assert.Equal(4, overlap.Started);
        Assert.Equal(4, overlap.MaxInFlight);
    }

    [Fact]
    public async Task Ask_WithTheProfileTheTurnRead_DoesNotReadItAgain()
    {
        var overlap = new Overlap(expected: 3);
        var service = Service(overlap);

        var outcome = await service.AskAsync(Ask(), CancellationToken.None, _profiles.Table.Get(Sam));

        Assert.IsType<AskOutcome.CandidatesFound>(outcome);
        Assert.Equal(3, overlap.Started);
        Assert.Equal(3, overlap.MaxInFlight);
    }

    private static AskForHelp Ask() => new(Sam, PowerBi, null, MeetingFormat.Call, Urgency.ThisMonth);

    private MentoringService Service(Overlap overlap)
    {
        var profiles = new Mock<IProfileStore>();
        profiles.Setup(s => s.GetAsync(It.IsAny<UserId>(), It.IsAny<CancellationToken>()))
            .Returns((UserId id, CancellationToken c) => overlap.Through(() => _profiles.GetAsync(id, c)));
        var requests = new Mock<IRequestStore>();
        requests.Setup(s => s.ListBySeniorAsync(It.IsAny<UserId>(), It.IsAny<CancellationToken>()))
            .Returns((UserId id, CancellationToken c) => overlap.Through(() => _mentoring.ListBySeniorAsync(id, c)));
        requests.Setup(s => s.InsertAsync(It.IsAny<MentoringRequest>(), It.IsAny<CancellationToken>()))
            .Returns((MentoringRequest r, CancellationToken c) => _mentoring.InsertAsync(r, c));
        var pairs = new Mock<IMentorshipStore>();
        pairs.Setup(s => s.ListForPersonAsync(It.IsAny<UserId>(), It.IsAny<CancellationToken>()))
            .Returns((UserId id, CancellationToken c) => overlap.Through(() => _mentoring.ListForPersonAsync(id, c)));
        pairs.Setup(s => s.ListActiveAsync(It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Returns((string? token, CancellationToken c) => _mentoring.ListActiveAsync(token, c));
        var programs = new Mock<IProgramStore>();
        programs.Setup(s => s.ListAsync(It.IsAny<CancellationToken>()))
            .Returns((CancellationToken c) => overlap.Through(() => Task.FromResult<IReadOnlyList<Versioned<MentoringProgram>>>([])));

        var ranker = new CandidateRanker(new MatchingOptions(), SkillCatalog.Default);
        var options = Options.Create(new RequestOptions());
        var live = new LiveMatchingIndex(_profiles, pairs.Object, _mentoring, ranker, new InProcessChangeMarker(), options, _clock, NullLogger<LiveMatchingIndex>.Instance);
        var membership = new ProgramMembership(programs.Object, new FakeEnrolmentStore(), _profiles, _clock, live);
        return new MentoringService(
            requests.Object, profiles.Object, live, ranker, SkillCatalog.Default, new RecordingDelivery(), membership, options,
            Options.Create(new CheckInOptions()), _clock, NullLogger<MentoringService>.Instance);
    }

    private static Profile Person(UserId id, bool learns) =>
        People.In(id.AadObjectId, "Europe/London") with
        {
            Department = learns ? "Leadership" : "Data",
            Role = learns ? ProgramRole.Learn : ProgramRole.Teach,
            Level = new CareerLevel(learns ? 12 : 2),
            Offers = learns ? [] : [new OfferedSkill(PowerBi, SkillLevel.Expert)],
            Wants = learns ? [new WantedSkill(PowerBi, SkillLevel.Aware, SkillLevel.Practitioner)] : [],
            Tenant = Contoso,
        };

    /// <summary>Holds each read until <c>expected</c> reads are in flight, and records how many ever were at once.</summary>
    private sealed class Overlap(int expected)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private int _inFlight;

        public int Started { get; private set; }

        public int MaxInFlight { get; private set; }

        public async Task<T> Through<T>(Func<Task<T>> read)
        {
            lock (_gate)
            {
                Started++;
                MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
                if (_inFlight >= expected)
                {
                    _all.TrySetResult();
                }
            }

            try
            {
                // Reads made one after another never get here together: after the safety timeout they go on alone.
                await Task.WhenAny(_all.Task, Task.Delay(TimeSpan.FromSeconds(5)));
                return await read();
            }
            finally
            {
                lock (_gate)
                {
                    _inFlight--;
                }
            }
        }
    }
}
