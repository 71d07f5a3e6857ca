using System.Text;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Matching;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Import;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core.Tests.Programs;
using MentorBot.Core.Tests.Programs.Rounds;
using MentorBot.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace MentorBot.Core.Tests.Privacy;

/// <summary>
/// An owner imports Ben, who teaches Power BI; Sam, in no program, asks for Power BI. Ben has not said yes to anything,
/// so he is never offered, ranked or counted until he presses Join himself (decision 0242).
/// </summary>
public sealed class ImportConsentTests
{
    private static readonly ProgramId Pilot = new("pilot");
    private static readonly SkillId PowerBi = new("power-bi");
    private static readonly UserId Ben = new("22222222-2222-2222-2222-222222222222");
    private static readonly UserId Sam = new("sam");
    private const string Csv =
        "name,email,aad_object_id,department,manager,career_level,time_zone,skills_offered,skills_wanted,role,capacity,languages\n"
        + "Ben Okafor,ben@contoso.com,22222222-2222-2222-2222-222222222222,Marketing,,2,Europe/London,power-bi:4,,teach,2,en\n";

    private readonly ManualTimeProvider _clock = new(People.Utc(2026, 11, 23, 9));
    private readonly FakeProgramStore _programs = new();
    private readonly FakeEnrolmentStore _enrolments = new();
    private readonly FakeProfileStore _profiles = new();
    private readonly FakeMentoringStore _mentoring = new();
    private readonly RecordingDelivery _notifier = new();
    private readonly ProgramMembership _membership;
    private readonly MentoringService _service;

    public ImportConsentTests()
    {
        var ranker = new CandidateRanker(new MatchingOptions(), SkillCatalog.Default);
        var live = new LiveMatchingIndex(_profiles, _mentoring, _mentoring, ranker, new InProcessChangeMarker(), Options.Create(new RequestOptions()), _clock, NullLogger<LiveMatchingIndex>.Instance);
        _membership = new ProgramMembership(_programs, _enrolments, _profiles, _clock, live);
        _service = new MentoringService(
            _mentoring,
            _profiles,
            live,
            ranker,
            SkillCatalog.Default,
            _notifier,
            _membership,
            Options.Create(new RequestOptions()),
            Options.Create(new CheckInOptions()),
            _clock,
            NullLogger<MentoringService>.Instance);
        _programs.Table.Insert(Pilot, ProgramBuilder.Valid() with { Id = Pilot, Cohort = new CohortDates(new LocalDate(2026, 9, 1), new LocalDate(2027, 6, 30)) });
        var sam = People.In("sam", "Europe/London") with
        {
            Role = ProgramRole.Learn,
            Level = new CareerLevel(12),
            Wants = [new WantedSkill(PowerBi, SkillLevel.Aware, SkillLevel.Practitioner)],
        };
        _profiles.Table.Insert(Sam, sam);
    }

    [Fact]
    public void Import_WritesInvitedProfiles_NotActiveOnes()
    {
        var imported = Assert.Single(Import());

        Assert.Equal(ParticipationState.Invited, imported.Profile.Participation.State);
        Assert.False(imported.Profile.Participation.HasConsented);
    }

    [Fact]
    public async Task Ask_ImportedColleagueWhoHasNotJoined_IsNeverOfferedOrCounted_AfterJoinTheyAre()
    {
        Save(Import());

        var before = await _service.AskAsync(new AskForHelp(Sam, PowerBi, null, MeetingFormat.Call, Urgency.ThisMonth), CancellationToken.None);
        var joined = await _membership.JoinAsync(Pilot, Ben, null, CancellationToken.None);
        var after = await _service.AskAsync(new AskForHelp(Sam, PowerBi, null, MeetingFormat.Call, Urgency.ThisMonth), CancellationToken.None);

        var none = Assert.IsType<AskOutcome.NoneAvailable>(before);
        Assert.Equal(0, none.Why.Why.Others);
        Assert.DoesNotContain(_notifier.Sent, n => n.Recipient == Ben);
        Assert.Equal(MembershipChange.Joined, joined.Change);
        var found = Assert.IsType<AskOutcome.CandidatesFound>(after);
        Assert.Equal(Ben, Assert.Single(found.Candidates).Mentor.Id);
    }

    [Fact]
    public async Task PauseOrResume_InvitedPerson_DoesNotMakeThemMatchable()
    {
        Save(Import());
        var profiles = new ProfileService(_profiles, new ProfileValidator(SkillCatalog.Default), _clock);

        var resumed = await profiles.ResumeAsync(Ben, CancellationToken.None);
        var paused = await profiles.PauseAsync(Ben, _clock.GetUtcNow().AddDays(3), CancellationToken.None);

        Assert.IsType<ParticipationOutcome.NoProfile>(resumed);
        Assert.IsType<ParticipationOutcome.NoProfile>(paused);
        Assert.Equal(ParticipationState.Invited, _profiles.Table.Get(Ben)!.Value.Participation.State);
    }

    private IReadOnlyList<ImportedParticipant> Import() =>
        Assert.IsType<ImportOutcome.Ready>(new ParticipantCsvImport(new FakeSkillLookup(), ImportLimits.Default)
            .DryRun(Encoding.UTF8.GetBytes(Csv), Pilot, KnownPeople.None, _clock.GetUtcNow())).Participants;

    private void Save(IReadOnlyList<ImportedParticipant> participants)
    {
        foreach (var participant in participants)
        {
            _profiles.Table.Insert(participant.Profile.Id, participant.Profile);
            _enrolments.Table.Insert((Pilot, participant.Profile.Id), participant.Enrolment);
        }
    }
}
