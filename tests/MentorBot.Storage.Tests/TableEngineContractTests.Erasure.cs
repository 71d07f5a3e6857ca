using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Core;
using MentorBot.Core.Outbox;

namespace MentorBot.Storage.Tests;

public abstract partial class TableEngineContractTests
{
    // The person to forget, with values that appear nowhere else, so any trace of them is found by a plain search.
    private static readonly UserId Pat = new("5f1c0c3e-0000-4000-8000-00000000e1a5");
    private const string PatName = "Patience Quillfeather";
    private const string PatEmail = "patience.quillfeather@contoso.example";
    private const string PatTeamsId = "29:pat-quillfeather";
    private const string PatChat = "a:pat-quillfeather-personal";

    private static readonly string[] PatFreeText =
    [
        "Dept of Quillfeather Studies", "GOAL quillfeather dashboards", "DECLINE quillfeather too busy", "AGENDA quillfeather topic",
        "NOTES quillfeather meeting", "LEARNED quillfeather lesson", "HIGHLIGHT quillfeather review", "CONCERN-BY quillfeather worry",
        "CONCERN-ABOUT quillfeather pairing", "AUDIT quillfeather note", "DIALOG quillfeather typed", "GROUPDIALOG quillfeather typed",
    ];

    private static readonly UserId Sam = new("5f1c0c3e-0000-4000-8000-000000000051");
    private static readonly UserId Jo = new("5f1c0c3e-0000-4000-8000-000000000052");
    private static readonly UserId Owner = new("5f1c0c3e-0000-4000-8000-000000000053");

    [Fact]
    public async Task ForgetMe_PersonInEveryStore_FullScanOfEveryTableFindsNoTraceAndEventsAreCancelled()
    {
        await using var rig = await ErasureRig.StartAsync(new PrefixedEngine(Engine, "e" + Guid.NewGuid().ToString("N")[..10]));
        var now = rig.Clock.GetUtcNow();
        await SeedPatEverywhereAsync(rig, now);
        Assert.NotEmpty(Traces(await rig.ScanEverythingAsync()));

        await rig.Get<ForgetMeService>().ForgetAsync(
            new ErasureSubject(Pat, [PatTeamsId], [], [new ConversationAddress("msteams", PatChat)]), None);

        // One trace is kept on purpose (decision 0320): Sam's unsent "Pat has left MentorBot" needs Pat's name, and only it.
        var rows = await rig.ScanEverythingAsync();
        var partnerLeft = Assert.Single(rows, r => IsPendingPartnerLeftTo(r.Row, Sam));
        var traces = Traces(rows).Except([$"{partnerLeft.Table} ({partnerLeft.Row.PartitionKey}, {partnerLeft.Row.RowKey}) holds '{PatName}'"]).ToList();
        Assert.True(traces.Count == 0, "Left behind:\n" + string.Join("\n", traces));
        Assert.Contains("evt-quillfeather-1", rig.Calendar.Cancelled);
        Assert.True(await rig.Get<ISuppressionList>().ContainsAsync(Pat, None));

        // Other people's data stays: Sam keeps their profile (without the manager link) and their request's history.
        var sam = (await rig.Get<IProfileStore>().GetAsync(Sam, None))!.Value;
        Assert.Null(sam.ManagerId);
        var samsRequest = (await rig.Get<IRequestStore>().GetAsync(new RequestId("r-sam"), None))!.Value;
        Assert.Equal(ForgetMeService.Forgotten, Assert.Single(samsRequest.Offers).Candidate);
        Assert.NotNull(await rig.Get<IProfileStore>().GetAsync(Jo, None));
    }

    [Fact]
    public async Task ForgetMe_RunTwice_SecondRunFindsNothingAndSucceeds()
    {
        await using var rig = await ErasureRig.StartAsync(new PrefixedEngine(Engine, "e" + Guid.NewGuid().ToString("N")[..10]));
        await SeedPatEverywhereAsync(rig, rig.Clock.GetUtcNow());
        var subject = new ErasureSubject(Pat, [PatTeamsId], [], [new ConversationAddress("msteams", PatChat)]);
        await rig.Get<ForgetMeService>().ForgetAsync(subject, None);

        var again = await rig.Get<ForgetMeService>().ForgetAsync(subject, None);

        Assert.True(again.IsEmpty);
        // The second run leaves Sam's pending "Pat has left" (decision 0320) as the first did, and nothing else.
        var rows = await rig.ScanEverythingAsync();
        Assert.All(Traces(rows.Where(r => !IsPendingPartnerLeftTo(r.Row, Sam)).ToList()), trace => Assert.Fail(trace));
        Assert.Single(rows, r => IsPendingPartnerLeftTo(r.Row, Sam));
    }

    [Fact]
    public async Task EndPairing_WithABookedCheckInAhead_CancelsItsCalendarEvent()
    {
        await using var rig = await ErasureRig.StartAsync(new PrefixedEngine(Engine, "e" + Guid.NewGuid().ToString("N")[..10]));
        await SeedPatEverywhereAsync(rig, rig.Clock.GetUtcNow());

        var outcome = await rig.Get<MentorshipService>().EndAsync(new MentorshipId("m-pat"), Sam, EndReason.ClosedByParticipant, None);

        Assert.IsType<EndPairingOutcome.Ended>(outcome);
        Assert.Equal(["evt-quillfeather-1"], rig.Calendar.Cancelled);
    }

    [Fact]
    public async Task Scan_RowsInSeveralPartitionsBeyondOnePage_ReturnsEveryRowOnce()
    {
        var table = await NewTableAsync();
        await SeedAsync(table, "a", 700);
        await SeedAsync(table, "b", 600);

        var rows = await table.ScanAllAsync(None);

        Assert.Equal(1300, rows.Count);
        Assert.Equal(1300, rows.Select(r => (r.PartitionKey, r.RowKey)).Distinct().Count());
        Assert.Equal(700, rows.Count(r => r.PartitionKey == "a"));
        Assert.All(rows, r => Assert.NotNull(r.ETag));
    }

    private static bool IsPendingPartnerLeftTo(TableEntity row, UserId recipient) =>
        row.GetString("Kind") == "message" && row.GetString("Status") == nameof(NudgeStatus.Pending)
        && RequestMessageJson.Read(System.Text.Json.JsonSerializer.Deserialize(row["Data"].AsString(), Bot.Storage.Nudges.NudgeJsonContext.Default.NudgeOutboxItem)!)
            is { Kind: RequestMessageKind.PartnerLeft } message && message.Recipient == recipient;

    private static IEnumerable<string> Traces(IReadOnlyList<(string Table, TableEntity Row)> rows)
    {
        string[] needles = [Pat.AadObjectId, PatName, PatEmail, PatTeamsId, .. PatFreeText];
        foreach (var (table, row) in rows)
        {
            var text = string.Join(
                "\n",
                [row.PartitionKey, row.RowKey, .. row.Properties.Values.Where(p => p.Type == EdmType.String).Select(p => p.AsString())]);
            foreach (var needle in needles.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{table} ({row.PartitionKey}, {row.RowKey}) holds '{needle}'";
            }
        }
    }

    private static async Task SeedPatEverywhereAsync(ErasureRig rig, DateTimeOffset now)
    {
        var skill = new SkillId("power-bi");

        // Profiles: Pat, and Sam whose manager is Pat.
        var profiles = rig.Get<IProfileStore>();
        await profiles.InsertAsync(SampleProfile(Pat.AadObjectId) with { DisplayName = PatName, Email = PatEmail, Department = PatFreeText[0], TeamsId = new TeamsUserId(PatTeamsId) }, None);
        await profiles.InsertAsync(SampleProfile(Sam.AadObjectId) with { DisplayName = "Sam Senior", Email = "sam@contoso.example", Department = "Sales", ManagerId = Pat }, None);
        await profiles.InsertAsync(SampleProfile(Jo.AadObjectId) with { DisplayName = "Jo Junior", Email = "jo@contoso.example", Department = "IT" }, None);

        // Requests both ways: Pat asks (offered to Jo); Sam asked Pat, who declined with a note.
        var requests = rig.Get<IRequestStore>();
        var patsRequest = MentoringRequest.Create(new RequestId("r-pat"), Pat, skill, PatFreeText[1], MeetingFormat.Call, Urgency.ThisMonth, now);
        await requests.InsertAsync(Changed(patsRequest.OfferTo(Jo, now, TimeSpan.FromHours(48))), None);
        var samsRequest = MentoringRequest.Create(new RequestId("r-sam"), Sam, skill, "Dashboards for my team", MeetingFormat.Call, Urgency.ThisMonth, now);
        var offered = Changed(samsRequest.OfferTo(Pat, now, TimeSpan.FromHours(48)));
        await requests.InsertAsync(Changed(offered.Decline(Pat, PatFreeText[2], now.AddHours(1))), None);

        // A running pairing (Sam learns from Pat) with a booked check-in in both calendars.
        var pairing = Mentorship.Start(new MentorshipId("m-pat"), Sam, Pat, skill, new ProgramId("p-erasure"), now, now.AddMonths(3), Cadence.Default).Unwrap();
        var starting = Changed(Changed(MentoringRequest.Create(new RequestId("r-pair"), Sam, skill, null, MeetingFormat.Call, Urgency.ThisMonth, now)
            .OfferTo(Pat, now, TimeSpan.FromHours(48))).Accept(Pat, now));
        await requests.InsertAsync(MentoringRequest.Create(new RequestId("r-pair"), Sam, skill, null, MeetingFormat.Call, Urgency.ThisMonth, now), None);
        var pairingRequest = await requests.GetAsync(new RequestId("r-pair"), None);
        // The step's messages wait in the outbox (decision 0306): Pat's introduction, and the senior's "Pat said yes".
        await requests.ReplaceAndStartMentorshipAsync(
            starting,
            pairingRequest!.ETag,
            pairing,
            [
                new RequestMessage("r-pair.1.Matched.PairingStarted.pat", starting.Id, Pat, RequestMessageKind.PairingStarted, now, Mentorship: pairing.Id),
                new RequestMessage("r-pair.1.Matched.Progress.sam", starting.Id, Sam, RequestMessageKind.Progress, now, Candidate: Pat),
            ],
            None);

        // A change of the pairing waits in the outbox (decision 0307): one to Pat made by Sam, one to Sam made by Pat.
        var mentorships = rig.Get<IMentorshipStore>();
        await mentorships.ReplaceAsync(
            pairing,
            (await mentorships.GetAsync(pairing.Id, None))!.ETag,
            [PairingMessage.ForPairing(Pat, pairing, Sam, now), PairingMessage.ForPairing(Sam, pairing, Pat, now)],
            None);

        var checkIns = rig.Get<ICheckInStore>();
        var slot = new TimeSlot(now.AddDays(3), now.AddDays(3).AddMinutes(30));
        var booked = CheckIn.Propose(new CheckInId("c-pat-1"), pairing, 1, [slot], now).Unwrap() with
        {
            Status = CheckInStatus.Scheduled,
            Meeting = new ScheduledMeeting(slot, "https://teams.example/join/q", "evt-quillfeather-1"),
            Agenda = [new AgendaTopic(Pat, PatFreeText[3], now)],
            Notes = PatFreeText[4],
        };
        var etag = await checkIns.InsertAsync(booked, None);
        await checkIns.RecordFeedbackAsync(booked, etag, new CheckInFeedback(pairing.Id, booked.Id, Pat, true, 5, PatFreeText[5], null, null, now), None);
        await checkIns.SaveReviewAsync(new PeriodReview(pairing.Id, Pat, 5, PatFreeText[6], true, now), None);

        // A program Pat co-owns and is enrolled in, with concerns by and about Pat, and a stored round preview.
        var program = NewProgram("p-erasure", "Erasure program") with { Owners = [Owner, Pat] };
        await rig.Get<IProgramStore>().InsertAsync(program, None);
        var enrolments = rig.Get<IEnrolmentStore>();
        await enrolments.InsertAsync(Enrolment.SelfEnrol(program.Id, Pat, now), None);
        await enrolments.InsertAsync(Enrolment.SelfEnrol(program.Id, Jo, now), None);
        var concerns = rig.Get<IConcernStore>();
        await concerns.AddAsync(Concern.Raise(new ConcernId("c-by-pat"), program.Id, new MentorshipId("m-other"), Pat, PatFreeText[7], now, about: Jo), None);
        var about = Concern.Raise(new ConcernId("c-about-pat"), program.Id, pairing.Id, Sam, PatFreeText[8], now, about: Pat);
        var aboutETag = await concerns.AddAsync(about, None);
        var decided = (ConcernDecision.Decided)about.Handle(new OwnerAction.Acknowledge(Owner, PatFreeText[9]), program, now);
        await concerns.SaveAsync(decided.Concern, aboutETag, decided.Audit, None);
        await rig.Get<IRoundStore>().InsertAsync(
            new ProgramRound(new RoundId("round-q"), program.Id, Owner, now, [new RoundPair(Sam, Pat, skill, 0.9, ["shares a language"])], [], []), None);

        // Nudges: one to Pat, one to Sam about the pairing with Pat; Pat's nudge settings.
        var outbox = rig.Get<INudgeOutbox>();
        await outbox.EnqueueIfAbsentAsync(new NudgeOutboxItem(new NudgeKey("n-pat"), Pat, NudgeKind.AgendaPrep, now.AddDays(2), new NudgePayload(pairing.Id, booked.Id)), None);
        await outbox.EnqueueIfAbsentAsync(new NudgeOutboxItem(new NudgeKey("n-sam"), Sam, NudgeKind.AgendaPrep, now.AddDays(2), new NudgePayload(pairing.Id, booked.Id)), None);
        await rig.Get<INudgePreferencesStore>().SaveAsync(NudgePreferences.None(Pat).Mute(NudgeKind.Inactivity), None);

        // The chat side: Pat's conversation reference, a card posted to Pat, and dialog state in Pat's 1:1 and in a group chat.
        await rig.Get<IConversationReferenceStore>().SaveAsync(PersonKey.From(Pat), new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            User = new ChannelAccount { Id = PatTeamsId, Name = PatName, AadObjectId = Pat.AadObjectId },
            Bot = new ChannelAccount { Id = "28:bot", Name = "MentorBot" },
            Conversation = new ConversationAccount { Id = PatChat, ConversationType = "personal", TenantId = "tenant-1" },
        }, None);
        await rig.Get<IPostedCardStore>().AddAsync("r-sam", Pat, new PostedCard("https://smba.trafficmanager.net/emea/", PatChat, "1"), None);
        var dialogs = rig.Get<IDialogStateStore>();
        await dialogs.SaveAsync(new DialogStateKey("msteams", PatChat, null), $$"""{"typed":"{{PatFreeText[10]}}"}""", null, None);
        await dialogs.SaveAsync(new DialogStateKey("msteams", "19:group@thread.v2", PatTeamsId), $$"""{"typed":"{{PatFreeText[11]}}"}""", null, None);
        await dialogs.SaveAsync(new DialogStateKey("msteams", "19:group@thread.v2", "29:jo"), """{"typed":"Jo's own words"}""", null, None);
    }
}
