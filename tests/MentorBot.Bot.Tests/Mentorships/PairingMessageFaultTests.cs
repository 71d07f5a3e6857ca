using System.Net;
using System.Text.Json;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Mentoring;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core.Outbox;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Mentorships;

/// <summary>
/// A pairing's change is recorded with the pairing's write and sent through the outbox (decision 0307): the Connector
/// failing while a pairing is ended loses nothing, and the partner is told once when it recovers. The person who ended
/// it hears in their own turn's reply, not proactively.
/// </summary>
public sealed class PairingMessageFaultTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task End_ConnectorFails_PartnerIsToldExactlyOnceAfterItRecovers()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await PairAsync(host);
        var before = host.Inbox(Jo).Count(m => m.Operation == "send");
        host.Connector.SendOutcomes.Enqueue(new SendOutcome.Failed(HttpStatusCode.InternalServerError, "ServiceError"));

        Assert.IsType<EndPairingOutcome.Ended>(
            await host.Services.GetRequiredService<MentorshipService>().EndAsync(pairing.Id, Sam.Id, EndReason.ClosedByParticipant, None));
        var recorded = Assert.Single(await MessagesAsync(host), m => m.Message.Kind == RequestMessageKind.PairingChanged);
        var triedOnce = host.Inbox(Jo).Count(m => m.Operation == "send") - before;
        await SendWhatWasLeftAsync(host);
        await SendWhatWasLeftAsync(host);

        Assert.Equal(Jo.Id, recorded.Message.Recipient);
        Assert.Equal(NudgeStatus.Pending, recorded.Item.Status);
        Assert.Equal(1, triedOnce);
        Assert.Equal(2, host.Inbox(Jo).Count(m => m.Operation == "send") - before);
        var settled = Assert.Single(await MessagesAsync(host), m => m.Message.Kind == RequestMessageKind.PairingChanged);
        Assert.Equal(NudgeStatus.Sent, settled.Item.Status);
        Assert.DoesNotContain(await MessagesAsync(host), m => m.Message.Kind == RequestMessageKind.PairingChanged && m.Message.Recipient == Sam.Id);
    }

    [Fact]
    public async Task End_ConnectorUp_PartnerIsToldAtOnceAndTheDispatcherSendsNothingMore()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await PairAsync(host);
        var before = host.Inbox(Jo).Count(m => m.Operation == "send");

        await host.Services.GetRequiredService<MentorshipService>().EndAsync(pairing.Id, Sam.Id, EndReason.ClosedByParticipant, None);
        var atOnce = host.Inbox(Jo).Count(m => m.Operation == "send") - before;
        await SendWhatWasLeftAsync(host);

        Assert.Equal(1, atOnce);
        Assert.Equal(1, host.Inbox(Jo).Count(m => m.Operation == "send") - before);
    }

    [Fact]
    public async Task ChangeCadence_ConnectorFails_PartnerIsToldExactlyOnceAfterItRecovers()
    {
        using var host = await new FlowHost().SeedAsync();
        var pairing = await PairAsync(host);
        var before = host.Inbox(Sam).Count(m => m.Operation == "send");
        host.Connector.SendOutcomes.Enqueue(new SendOutcome.Failed(HttpStatusCode.InternalServerError, "ServiceError"));

        Assert.NotNull(await host.Services.GetRequiredService<Core.CheckIns.CheckInService>()
            .ChangeCadenceAsync(pairing.Id, Jo.Id, new Cadence(TimeSpan.FromDays(7), TimeSpan.FromMinutes(45)), None));
        var triedOnce = host.Inbox(Sam).Count(m => m.Operation == "send") - before;
        await SendWhatWasLeftAsync(host);
        await SendWhatWasLeftAsync(host);

        Assert.Equal(1, triedOnce);
        Assert.Equal(2, host.Inbox(Sam).Count(m => m.Operation == "send") - before);
        var settled = Assert.Single(await MessagesAsync(host), m => m.Message.Kind == RequestMessageKind.CadenceChanged);
        Assert.Equal(Sam.Id, settled.Message.Recipient);
        Assert.Equal(NudgeStatus.Sent, settled.Item.Status);
    }

    private static async Task<Mentorship> PairAsync(FlowHost host)
    {
        var asked = Assert.IsType<AskOutcome.CandidatesFound>(
            await host.Mentoring.AskAsync(new AskForHelp(Sam.Id, PowerBi, "dashboards", MeetingFormat.Call, Urgency.ThisMonth), None));
        Assert.IsType<OfferOutcome.Offered>(await host.Mentoring.OfferAsync(asked.Request.Id, Sam.Id, Jo.Id, None));
        await host.Mentoring.AcceptAsync(asked.Request.Id, Jo.Id, None);
        return Assert.Single(await host.Services.GetRequiredService<IMentorshipStore>().ListForPersonAsync(Sam.Id, None));
    }

    /// <summary>What the nudge dispatcher does on its next pass, once leases and backoff lapsed.</summary>
    private static async Task SendWhatWasLeftAsync(FlowHost host)
    {
        host.Clock.Advance(TimeSpan.FromHours(1));
        var dispatch = host.Services.GetRequiredService<RequestMessageDispatch>();
        foreach (var lease in await dispatch.LeaseDueAsync(host.Clock.GetUtcNow(), "dispatcher", TimeSpan.FromMinutes(5), 100, None))
        {
            await dispatch.DispatchAsync(lease, None);
        }
    }

    private static async Task<IReadOnlyList<(NudgeOutboxItem Item, RequestMessage Message)>> MessagesAsync(FlowHost host)
    {
        var table = host.Services.GetRequiredService<ITableEngine>().GetTable(TableMentoringStore.TableName);
        var rows = await table.QueryAllAsync(TableMentoringStore.Partition, EntityFilter.Equal("Kind", "message"), None);
        return [.. rows
            .Select(r => JsonSerializer.Deserialize(r["Data"].AsString(), NudgeJsonContext.Default.NudgeOutboxItem)!)
            .Select(item => (item, RequestMessageJson.Read(item)!))];
    }
}
