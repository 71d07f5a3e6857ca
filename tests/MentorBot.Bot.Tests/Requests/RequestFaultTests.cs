using MentorBot.Bot.Proactive;
using System.Text.Json;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Mentoring;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MentorBot.Core;
using MentorBot.Core.Outbox;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Requests;

/// <summary>
/// Requests are never stuck (decision 0305): storage fails at each step of ask, decline and expiry in turn, and no
/// request is left searching with nobody pending after someone was asked, nor does the senior hear "already asking"
/// for a request nobody is working on.
/// </summary>
public sealed class RequestFaultTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Decline_StorageFailsAtEachStep_RequestIsDeclinedAndReofferedOrUntouched()
    {
        for (var failAt = 1; ; failAt++)
        {
            using var host = await new FlowHost(FaultyStore.Install).SeedAsync();
            var id = await AskAndOfferAsync(host);
            var faults = host.Services.GetRequiredService<FaultyStore>();

            faults.FailAtCall(failAt);
            var failed = await Fails(() => host.Mentoring.DeclineAsync(id, Jo.Id, null, None));
            var fired = faults.Fired;
            faults.FailAtCall(0);

            var request = await host.Mentoring.GetAsync(id, None);
            AssertNotStuck(request!);
            var messages = await MessagesAsync(host);
            if (!failed)
            {
                // Written with its messages; a fault while sending them right after leaves them to the dispatcher.
                await SendWhatWasLeftAsync(host);
                Assert.Equal(Kim.Id, request!.PendingOffer?.Candidate);
                Assert.Single(messages, m => m.Kind == RequestMessageKind.Offered && m.Recipient == Kim.Id);
                Assert.Single(host.Inbox(Kim), m => m.Operation == "send");
                if (!fired)
                {
                    Assert.True(failAt > 1, "a fault must be injected at least once");
                    return;
                }

                continue;
            }

            // Untouched, and nothing said about a step that did not happen: Jo's offer still pending, and her "no" can
            // be pressed again and goes through.
            Assert.Equal(Jo.Id, request!.PendingOffer?.Candidate);
            Assert.DoesNotContain(messages, m => m.Recipient == Kim.Id);
            Assert.Empty(host.Inbox(Kim));
            Assert.IsType<DeclineOutcome.Declined>(await host.Mentoring.DeclineAsync(id, Jo.Id, null, None));
            AssertNotStuck((await host.Mentoring.GetAsync(id, None))!);
        }
    }

    [Fact]
    public async Task Expiry_StorageFailsAtEachStep_OfferExpiresAndIsReofferedOrUntouchedUntilTheNextSweep()
    {
        for (var failAt = 1; ; failAt++)
        {
            using var host = await new FlowHost(FaultyStore.Install).SeedAsync();
            var id = await AskAndOfferAsync(host);
            var faults = host.Services.GetRequiredService<FaultyStore>();
            host.Clock.Advance(TimeSpan.FromDays(8));

            faults.FailAtCall(failAt);
            var failed = await Fails(() => host.Mentoring.ExpireDueOffersAsync(host.Clock.GetUtcNow(), None));
            var fired = faults.Fired;
            faults.FailAtCall(0);

            var request = (await host.Mentoring.GetAsync(id, None))!;
            AssertNotStuck(request);
            if (!failed)
            {
                await SendWhatWasLeftAsync(host);
                Assert.Equal(Kim.Id, request.PendingOffer?.Candidate);
                Assert.Single(host.Inbox(Kim), m => m.Operation == "send");
                if (!fired)
                {
                    Assert.True(failAt > 1, "a fault must be injected at least once");
                    return;
                }

                continue;
            }

            Assert.Equal(Jo.Id, request.PendingOffer?.Candidate);
            Assert.Equal(1, await host.Mentoring.ExpireDueOffersAsync(host.Clock.GetUtcNow(), None));
            var swept = (await host.Mentoring.GetAsync(id, None))!;
            AssertNotStuck(swept);
            Assert.Equal(Kim.Id, swept.PendingOffer?.Candidate);
        }
    }

    [Fact]
    public async Task Ask_NobodyAvailable_StorageFailsAtEachStep_SeniorIsNeverToldAlreadyAsking()
    {
        for (var failAt = 1; ; failAt++)
        {
            using var host = await new FlowHost(FaultyStore.Install).SeedAsync();
            var faults = host.Services.GetRequiredService<FaultyStore>();
            var nobodyTeaches = new AskForHelp(Sam.Id, Negotiation, null, MeetingFormat.Call, Urgency.ThisMonth);

            faults.FailAtCall(failAt);
            var failed = await Fails(() => host.Mentoring.AskAsync(nobodyTeaches, None));
            var fired = faults.Fired;
            faults.FailAtCall(0);

            foreach (var request in await host.Mentoring.ListBySeniorAsync(Sam.Id, None))
            {
                AssertNotStuck(request);
                Assert.False(request.IsOpen, "a request nobody can take on is stored closed");
            }

            Assert.IsType<AskOutcome.NoneAvailable>(await host.Mentoring.AskAsync(nobodyTeaches, None));
            Assert.Equal(failed, fired);
            if (!fired)
            {
                Assert.True(failAt > 1, "a fault must be injected at least once");
                return;
            }
        }
    }

    /// <summary>What the nudge dispatcher does on its next pass: leases what is still pending once leases lapsed, and sends it.</summary>
    private static async Task SendWhatWasLeftAsync(FlowHost host)
    {
        host.Clock.Advance(TimeSpan.FromMinutes(6));
        var dispatch = host.Services.GetRequiredService<RequestMessageDispatch>();
        foreach (var lease in await dispatch.LeaseDueAsync(host.Clock.GetUtcNow(), "dispatcher", TimeSpan.FromMinutes(5), 100, None))
        {
            await dispatch.DispatchAsync(lease, None);
        }
    }

    /// <summary>Every message a step recorded: the message rows in the host's mentoring table (decision 0306).</summary>
    private static async Task<IReadOnlyList<RequestMessage>> MessagesAsync(FlowHost host)
    {
        var table = host.Services.GetRequiredService<ITableEngine>().GetTable(TableMentoringStore.TableName);
        var rows = await table.QueryAllAsync(TableMentoringStore.Partition, EntityFilter.Equal("Kind", "message"), None);
        return [.. rows.Select(r => RequestMessageJson.Read(JsonSerializer.Deserialize(r["Data"].AsString(), NudgeJsonContext.Default.NudgeOutboxItem)!)!)];
    }

    /// <summary>Stuck: searching after someone was asked, with no offer pending and nothing that will move it on.</summary>
    private static void AssertNotStuck(MentoringRequest request) =>
        Assert.False(
            request.Status == RequestStatus.Searching && request.Offers.Count > 0 && request.PendingOffer is null,
            $"request {request.Id} is searching with {request.Offers.Count} offers and none pending");

    private static async Task<RequestId> AskAndOfferAsync(FlowHost host)
    {
        var asked = Assert.IsType<AskOutcome.CandidatesFound>(
            await host.Mentoring.AskAsync(new AskForHelp(Sam.Id, PowerBi, "dashboards", MeetingFormat.Call, Urgency.ThisMonth), None));
        Assert.IsType<OfferOutcome.Offered>(await host.Mentoring.OfferAsync(asked.Request.Id, Sam.Id, Jo.Id, None));
        return asked.Request.Id;
    }

    private static async Task<bool> Fails(Func<Task> operation)
    {
        try
        {
            await operation();
            return false;
        }
        catch (StorageUnavailableException)
        {
            return true;
        }
    }

    /// <summary>The request store, failing on the n-th call after <see cref="FailAtCall"/> (reads and writes alike).</summary>
    private sealed class FaultyStore(IRequestStore inner) : IRequestStore
    {
        private int _failAt;
        private int _calls;

        /// <summary>
        /// Over the product's own request store (the mentoring table on the host's engine, decision 0300), so a step's
        /// messages are written where the host's delivery and dispatcher lease them.
        /// </summary>
        public static void Install(IServiceCollection services)
        {
            services.AddSingleton(sp => new FaultyStore(sp.GetRequiredService<TableMentoringStore>()));
            services.Replace(ServiceDescriptor.Singleton<IRequestStore>(sp => sp.GetRequiredService<FaultyStore>()));
        }

        /// <summary>Whether the fault set by <see cref="FailAtCall"/> was thrown.</summary>
        public bool Fired { get; private set; }

        /// <summary>0 turns faults off.</summary>
        public void FailAtCall(int call) => (_failAt, _calls, Fired) = (call, 0, false);

        public async Task<Versioned<MentoringRequest>?> GetAsync(RequestId id, CancellationToken cancellationToken)
        {
            Step();
            return await inner.GetAsync(id, cancellationToken);
        }

        public async Task<ETag> InsertAsync(MentoringRequest request, CancellationToken cancellationToken)
        {
            Step();
            return await inner.InsertAsync(request, cancellationToken);
        }

        public async Task<ETag> ReplaceAsync(MentoringRequest request, ETag ifMatch, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
        {
            Step();
            return await inner.ReplaceAsync(request, ifMatch, messages, cancellationToken);
        }

        public async Task<ETag> ReplaceAndStartMentorshipAsync(MentoringRequest request, ETag ifMatch, Mentorship mentorship, IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken)
        {
            Step();
            return await inner.ReplaceAndStartMentorshipAsync(request, ifMatch, mentorship, messages, cancellationToken);
        }

        public async Task<Page<Versioned<MentoringRequest>>> ListOpenAsync(string? continuationToken, CancellationToken cancellationToken)
        {
            Step();
            return await inner.ListOpenAsync(continuationToken, cancellationToken);
        }

        public async Task<IReadOnlyList<MentoringRequest>> ListBySeniorAsync(UserId senior, CancellationToken cancellationToken)
        {
            Step();
            return await inner.ListBySeniorAsync(senior, cancellationToken);
        }

        public async Task<IReadOnlyList<MentoringRequest>> ListOfferedToAsync(UserId candidate, CancellationToken cancellationToken)
        {
            Step();
            return await inner.ListOfferedToAsync(candidate, cancellationToken);
        }

        public async Task DeleteAsync(RequestId id, CancellationToken cancellationToken)
        {
            Step();
            await inner.DeleteAsync(id, cancellationToken);
        }

        private void Step()
        {
            if (_failAt > 0 && Interlocked.Increment(ref _calls) == _failAt)
            {
                Fired = true;
                throw new StorageUnavailableException("Injected storage failure.");
            }
        }
    }
}
