using System.Net;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.CheckIns;
using MentorBot.Bot.Storage.Mentoring;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Privacy;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core.Programs;
using MentorBot.Core.Outbox;

namespace MentorBot.Storage.Tests;

/// <summary>
/// Check-in and concern messages through the same outbox (decision 0320), on each backend with two instances of the
/// product's composition: a check-in's change and its message are one write in the check-ins' partition; the Connector
/// failing, throttling and timing out loses nothing and repeats nothing; a concern reaches its reader once and never
/// the pair; the partner of someone forgotten still hears they left; settled rows are swept after their retention.
/// </summary>
public abstract partial class TableEngineContractTests
{
    private const string ConcernText = "I feel talked down to in our meetings";

    [Fact]
    public async Task CheckInMessages_StaleWrite_WritesNeitherCheckInNorMessage_CurrentWriteWritesBoth()
    {
        await using var rig = await MessagesRig.StartAsync(this);
        var pairing = await PairAsync(rig);
        var store = rig.First.GetRequiredService<TableCheckInStore>();
        var proposed = Assert.IsType<ProposeOutcome.Proposed>(
            await rig.First.GetRequiredService<CheckInService>().ProposeAsync(pairing.Id, rig.Senior.Id, None)).Details.CheckIn;
        var stale = (await store.GetAsync(proposed.Id, None))!.ETag;
        await store.ReplaceAsync(proposed, stale, None);
        var booked = proposed.Schedule(proposed.ProposedSlots[0]).Unwrap();
        var message = CheckInMessage.ForCheckIn(rig.Senior.Id, booked, rig.Junior.Id, MessagesStart, RequestMessageKind.CheckInBooked);

        await Assert.ThrowsAsync<Core.Persistence.ConcurrencyConflictException>(() => store.ReplaceAsync(booked, stale, [message], None));
        Assert.Null(await store.Messages.GetAsync(new NudgeKey(message.Key), None));
        Assert.Equal(CheckInStatus.Proposed, (await store.GetAsync(proposed.Id, None))!.Value.Status);

        await store.ReplaceAsync(booked, (await store.GetAsync(proposed.Id, None))!.ETag, [message], None);
        var written = await store.Messages.GetAsync(new NudgeKey(message.Key), None);
        Assert.Equal((NudgeKind.Message, NudgeStatus.Pending, rig.Senior.Id), (written!.Kind, written.Status, written.Recipient));
        Assert.Equal(message, RequestMessageJson.Read(written));
        Assert.Equal(CheckInStatus.Scheduled, (await store.GetAsync(proposed.Id, None))!.Value.Status);
        Assert.Single(await store.ListAsync(pairing.Id, None));
    }

    [Fact]
    public async Task CheckInMessages_ConnectorFails500Then429ThenTimesOutWhileACheckInIsBooked_TheOtherPersonGetsItOnceAfterRecovery()
    {
        await using var rig = await MessagesRig.StartAsync(this);
        var pairing = await PairAsync(rig);
        var checkIns = rig.First.GetRequiredService<CheckInService>();
        var proposed = Assert.IsType<ProposeOutcome.Proposed>(await checkIns.ProposeAsync(pairing.Id, rig.Senior.Id, None)).Details.CheckIn;
        await rig.DispatchUntilQuietAsync();
        var toSeniorBefore = rig.Connector.SendsTo(rig.Senior);
        rig.Connector.FailNext(
            new SendOutcome.Failed(HttpStatusCode.InternalServerError, null),
            new SendOutcome.Throttled(TimeSpan.FromSeconds(30)),
            new SendOutcome.Failed(HttpStatusCode.GatewayTimeout, "Timeout"));

        // The junior picks a time on the second instance; the first instance's dispatcher may send what it left.
        var scheduled = await rig.Second.GetRequiredService<CheckInService>().ScheduleAsync(proposed.Id, proposed.ProposedSlots[0].Start, rig.Junior.Id, None);

        Assert.IsType<ScheduleOutcome.Scheduled>(scheduled);
        Assert.Equal(toSeniorBefore, rig.Connector.SendsTo(rig.Senior));
        await rig.DispatchUntilQuietAsync();

        Assert.Equal(0, rig.Connector.Failing);
        Assert.Equal(toSeniorBefore + 1, rig.Connector.SendsTo(rig.Senior));
        var booked = await CheckInMessagesAsync(rig, RequestMessageKind.CheckInBooked);
        var sent = Assert.Single(booked);
        Assert.Equal((rig.Senior.Id, NudgeStatus.Sent), (sent.Recipient, sent.Status));
        Assert.True(sent.Attempts >= 2, $"Sent after {sent.Attempts} attempts: the failures were not in its way.");
        Assert.Single(await CheckInMessagesAsync(rig, RequestMessageKind.CheckInTimesOffered), m => m.Recipient == rig.Junior.Id && m.Status == NudgeStatus.Sent);
    }

    [Fact]
    public async Task ConcernMessages_ConnectorFails500Then429ThenTimesOut_TheReaderGetsItOnce_ThePairNeverSeesIt()
    {
        await using var rig = await MessagesRig.StartAsync(this);
        var pairing = await PairAsync(rig);
        var before = (Senior: rig.Connector.SendsTo(rig.Senior), Junior: rig.Connector.SendsTo(rig.Junior), Owner: rig.Connector.SendsTo(rig.Owner));
        rig.Connector.FailNext(
            new SendOutcome.Failed(HttpStatusCode.InternalServerError, null),
            new SendOutcome.Throttled(TimeSpan.FromSeconds(30)),
            new SendOutcome.Failed(HttpStatusCode.GatewayTimeout, "Timeout"));

        var raised = Assert.IsType<ConcernOutcome.Raised>(
            await rig.First.GetRequiredService<ConcernService>().RaiseAsync(pairing.Id, rig.Junior.Id, ConcernText, None));
        await rig.DispatchUntilQuietAsync();

        Assert.Equal(1, raised.OwnersAlerted);
        Assert.Equal(0, rig.Connector.Failing);
        Assert.Equal(before.Owner + 1, rig.Connector.SendsTo(rig.Owner));
        Assert.Contains(rig.Connector.CardsTo(rig.Owner), card => card.Contains(ConcernText, StringComparison.Ordinal));
        // The senior hears only that the pairing is paused; the junior who raised it gets nothing proactive.
        Assert.Equal(before.Senior + 1, rig.Connector.SendsTo(rig.Senior));
        Assert.Equal(before.Junior, rig.Connector.SendsTo(rig.Junior));
        Assert.DoesNotContain(rig.Connector.CardsTo(rig.Senior).Concat(rig.Connector.CardsTo(rig.Junior)), card =>
            card.Contains(ConcernText, StringComparison.Ordinal) || card.Contains(rig.Junior.DisplayName, StringComparison.Ordinal) && card.Contains("concern", StringComparison.OrdinalIgnoreCase));
        var store = (TableMentoringStore)rig.First.GetRequiredService<IRequestStore>();
        var rows = await MentoringMessagesAsync(rig);
        Assert.Equal(
            [(RequestMessageKind.ConcernForOwner, rig.Owner.Id), (RequestMessageKind.PairingPausedQuietly, rig.Senior.Id)],
            rows.Where(m => m.Kind is RequestMessageKind.ConcernForOwner or RequestMessageKind.PairingPausedQuietly).OrderBy(m => m.Kind).Select(m => (m.Kind, m.Recipient)));
        Assert.All(rows.Where(m => m.Kind == RequestMessageKind.PairingPausedQuietly), m => Assert.Null(m.Candidate));
        Assert.Equal(MentorshipStatus.Paused, (await store.GetAsync(pairing.Id, None))!.Value.State.Status);
    }

    [Fact]
    public async Task ForgetMe_PartnerMessageUnsent_PartnerStillHearsTheyLeft_AndTheRowKeepsNoIdOfTheirs()
    {
        await using var rig = await MessagesRig.StartAsync(this);
        await PairAsync(rig);
        var toSeniorBefore = rig.Connector.SendsTo(rig.Senior);
        rig.Connector.FailNext(new SendOutcome.Failed(HttpStatusCode.InternalServerError, null));

        var summary = await rig.First.GetRequiredService<ForgetMeService>().ForgetAsync(rig.Junior.Id, None);
        var table = rig.First.GetRequiredService<ITableEngine>().GetTable(TableMentoringStore.TableName);
        var left = Assert.Single(await table.QueryAllAsync(TableMentoringStore.Partition, null, None), r => r.GetString("Kind") == "message"
            && RequestMessageJson.Read(System.Text.Json.JsonSerializer.Deserialize(r["Data"].AsString(), Bot.Storage.Nudges.NudgeJsonContext.Default.NudgeOutboxItem)!)?.Kind == RequestMessageKind.PartnerLeft);
        await rig.DispatchUntilQuietAsync();

        Assert.Equal(1, summary.PairingsEnded);
        Assert.Equal(NudgeStatus.Pending.ToString(), left.GetString("Status"));
        Assert.DoesNotContain(left.Properties.Values, p => p.Type == EdmType.String && p.AsString().Contains(rig.Junior.Id.AadObjectId, StringComparison.Ordinal));
        Assert.Equal(toSeniorBefore + 1, rig.Connector.SendsTo(rig.Senior));
        Assert.Contains(rig.Connector.CardsTo(rig.Senior), card => card.Contains("Jo Junior has left MentorBot", StringComparison.Ordinal));
        // Sent, the message keeps not even the name; nothing of theirs is left in the mentoring table.
        Assert.DoesNotContain(await table.QueryAllAsync(TableMentoringStore.Partition, null, None), r => r.Properties.Values.Any(p =>
            p.Type == EdmType.String && p.AsString().Contains(rig.Junior.DisplayName, StringComparison.Ordinal)));
        Assert.DoesNotContain(await table.QueryAllAsync(TableMentoringStore.Partition, null, None), r => r.Properties.Values.Any(p =>
            p.Type == EdmType.String && p.AsString().Contains(rig.Junior.Id.AadObjectId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MessageRetention_SweepDeletesSettledRowsPastRetentionInBothPartitions_KeepsPendingAndRecentOnes()
    {
        await using var rig = await MessagesRig.StartAsync(this);
        var pairing = await PairAsync(rig);
        Assert.IsType<ProposeOutcome.Proposed>(await rig.First.GetRequiredService<CheckInService>().ProposeAsync(pairing.Id, rig.Senior.Id, None));
        await rig.DispatchUntilQuietAsync();
        var dispatch = rig.First.GetRequiredService<RequestMessageDispatch>();
        var settledEarly = (await MentoringMessagesAsync(rig)).Count + (await CheckInMessagesAsync(rig, RequestMessageKind.CheckInTimesOffered)).Count;
        rig.Clock.Advance(TimeSpan.FromDays(13));
        // A pending message written now (the cadence change, whose send fails) must survive every sweep.
        rig.Connector.FailNext(new SendOutcome.Failed(HttpStatusCode.InternalServerError, null));
        await rig.First.GetRequiredService<CheckInService>().ChangeCadenceAsync(pairing.Id, rig.Junior.Id, new Cadence(TimeSpan.FromDays(7), TimeSpan.FromMinutes(45)), None);

        var beforeRetention = await dispatch.SweepSettledAsync(None);
        rig.Clock.Advance(TimeSpan.FromDays(2));
        var afterRetention = await dispatch.SweepSettledAsync(None);

        Assert.Equal(0, beforeRetention);
        Assert.Equal(settledEarly, afterRetention);
        Assert.Empty(await CheckInMessagesAsync(rig, RequestMessageKind.CheckInTimesOffered));
        var left = Assert.Single(await MentoringMessagesAsync(rig));
        Assert.Equal((RequestMessageKind.CadenceChanged, NudgeStatus.Pending), (left.Kind, left.Status));
    }

    private static async Task<Mentorship> PairAsync(MessagesRig rig)
    {
        Assert.IsType<Core.Requests.AcceptOutcome.Paired>(await rig.First.GetRequiredService<MentoringService>().AcceptAsync(rig.Request, rig.Junior.Id, None));
        await rig.DispatchUntilQuietAsync();
        return Assert.Single(await rig.First.GetRequiredService<IMentorshipStore>().ListForPersonAsync(rig.Senior.Id, None));
    }

    private static async Task<IReadOnlyList<(RequestMessageKind Kind, Core.Profiles.UserId Recipient, NudgeStatus Status, int Attempts, Core.Profiles.UserId? Candidate)>> RowsAsync(
        MessagesRig rig, string table, string partition)
    {
        var rows = await rig.First.GetRequiredService<ITableEngine>().GetTable(table).QueryAllAsync(partition, EntityFilter.Equal("Kind", "message"), None);
        return [.. rows
            .Select(r => System.Text.Json.JsonSerializer.Deserialize(r["Data"].AsString(), Bot.Storage.Nudges.NudgeJsonContext.Default.NudgeOutboxItem)!)
            .Select(item => (RequestMessageJson.Read(item)!, item))
            .Select(x => (x.Item1.Kind, x.Item1.Recipient, x.item.Status, x.item.Attempts, x.Item1.Candidate))];
    }

    private static async Task<IReadOnlyList<(RequestMessageKind Kind, Core.Profiles.UserId Recipient, NudgeStatus Status, int Attempts, Core.Profiles.UserId? Candidate)>> MentoringMessagesAsync(MessagesRig rig) =>
        await RowsAsync(rig, TableMentoringStore.TableName, TableMentoringStore.Partition);

    private static async Task<IReadOnlyList<(RequestMessageKind Kind, Core.Profiles.UserId Recipient, NudgeStatus Status, int Attempts, Core.Profiles.UserId? Candidate)>> CheckInMessagesAsync(
        MessagesRig rig, RequestMessageKind kind) =>
        [.. (await RowsAsync(rig, TableCheckInStore.TableName, "checkin")).Where(m => m.Kind == kind)];
}
