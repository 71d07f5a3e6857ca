using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.CheckIns;
using MentorBot.Bot.Storage.Conversations;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Bot.Storage.Programs;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Bot.Middleware;
using MentorBot.Core;

namespace MentorBot.Storage.Tests;

/// <summary>
/// Decision 0234: every row about people names its tenant, inherited from its parent (a program, a pairing) or, for
/// a conversation reference, the tenant the turn was served as. Seeded on the two-tenant store of decision 0230.
/// </summary>
public abstract partial class TableEngineContractTests
{
    [Fact]
    public async Task TenantStamps_TwoTenantsOnOneStore_EveryChildRowCarriesItsParentsTenant()
    {
        var world = await TwoTenantsAsync();
        var engine = world.Engine;
        await SeedChildrenAsync(world, engine);

        var owners = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [world.ProgramA.Value] = TenantA.Value,
            [world.ProgramB.Value] = TenantB.Value,
            ["m-a"] = TenantA.Value,
            ["m-b"] = TenantB.Value,
            // The crafted pairing of B's people attached to A's program is B's: a pairing's rows follow the pairing.
            ["m-stray"] = TenantB.Value,
        };

        var enrolments = await engine.GetTable(TableEnrolmentStore.TableName).ScanAllAsync(None);
        var rounds = (await engine.GetTable(TableProgramStore.TableName).ScanAllAsync(None)).Where(r => r.PartitionKey.StartsWith("round|", StringComparison.Ordinal)).ToList();
        var concerns = await engine.GetTable(TableConcernStore.TableName).ScanAllAsync(None);
        var checkIns = await engine.GetTable(TableCheckInStore.TableName).ScanAllAsync(None);
        var nudges = await engine.GetTable(TableNudgeOutbox.TableName).ScanAllAsync(None);
        var references = await engine.GetTable(TableConversationReferenceStore.TableName).ScanAllAsync(None);

        Assert.Equal(6, enrolments.Count);
        Assert.All(enrolments, r => Assert.Equal(owners[r.PartitionKey], r.GetString("TenantId")));
        Assert.Equal(2, rounds.Count);
        Assert.All(rounds, r => Assert.Equal(owners[r.PartitionKey["round|".Length..]], r.GetString("TenantId")));
        Assert.Equal(4, concerns.Count); // two concerns, each with one audit row from its decision
        Assert.All(concerns, r => Assert.Equal(owners[r.PartitionKey], r.GetString("TenantId")));
        Assert.Equal(6, checkIns.Count); // a check-in and a feedback row per pairing
        Assert.All(checkIns, r => Assert.Equal(owners[r.GetString("Mentorship")!], r.GetString("TenantId")));
        Assert.Equal(3, nudges.Count);
        Assert.All(nudges, r => Assert.Equal(r.GetString("Recipient") == SeniorA.AadObjectId ? TenantA.Value : TenantB.Value, r.GetString("TenantId")));
        Assert.Equal([TenantA.Value, TenantB.Value], references.OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => r.GetString("TenantId")));
    }

    private static async Task SeedChildrenAsync(TwoTenants world, ITableEngine engine)
    {
        // Round previews through the product's round service.
        Assert.IsType<RoundPreviewOutcome.Ready>(await world.Rounds.PreviewAsync(world.ProgramA, OwnerA, None));
        await world.Rounds.PreviewAsync(world.ProgramB, OwnerB, None);

        var concerns = new TableConcernStore(engine);
        foreach (var (id, program, pairing, by) in new[] { ("c-a", world.ProgramA, "m-a", SeniorA), ("c-b", world.ProgramB, "m-b", SeniorB) })
        {
            var concern = Concern.Raise(new ConcernId(id), program, new MentorshipId(pairing), by, "We have not met for weeks.", ProgramNow);
            var etag = await concerns.AddAsync(concern, None);
            var acknowledged = concern with { State = ConcernState.Acknowledged };
            await concerns.SaveAsync(acknowledged, etag, new ConcernAuditEntry(concern.Id, program, concern.Mentorship, by == SeniorA ? OwnerA : OwnerB, OwnerActionKind.Acknowledge, ProgramNow, null), None);
        }

        var checkIns = new TableCheckInStore(engine);
        var outbox = new TableNudgeOutbox(engine);
        var mentoring = new Bot.Storage.Mentoring.TableMentoringStore(engine);
        foreach (var pairing in new[] { "m-a", "m-b", "m-stray" })
        {
            var mentorship = (await mentoring.GetAsync(new MentorshipId(pairing), None))!.Value;
            var checkIn = CheckIn.Propose(
                new CheckInId("k-" + pairing), mentorship, 1, [new TimeSlot(ProgramNow.AddDays(1), ProgramNow.AddDays(1).AddMinutes(30))], ProgramNow).Unwrap();
            var etag = await checkIns.InsertAsync(checkIn, None);
            var feedback = new CheckInFeedback(mentorship.Id, checkIn.Id, mentorship.Senior, true, 5, null, null, null, ProgramNow);
            await checkIns.RecordFeedbackAsync(checkIn, etag, feedback, None);
            await outbox.EnqueueIfAbsentAsync(
                new NudgeOutboxItem(new NudgeKey("n-" + pairing), mentorship.Senior, NudgeKind.AgendaPrep, ProgramNow, new NudgePayload(mentorship.Id, checkIn.Id)), None);
        }

        // A lease and its completion rewrite the row: the tenant stays on it.
        foreach (var lease in await outbox.LeaseDueAsync(ProgramNow, "worker", TimeSpan.FromMinutes(1), 10, None))
        {
            await outbox.MarkSentAsync(lease, ProgramNow, None);
        }

        // Conversation references carry the tenant the turn was served as (ConversationReferenceMiddleware puts it on).
        var references = new TableConversationReferenceStore(engine);
        foreach (var (person, tenant) in new[] { (SeniorA, TenantA), (SeniorB, TenantB) })
        {
            await references.SaveAsync(PersonKey.From(person), new ConversationReference
            {
                ChannelId = "msteams",
                ServiceUrl = "https://smba.trafficmanager.net/emea/",
                User = new ChannelAccount { Id = "29:" + person.AadObjectId, AadObjectId = person.AadObjectId },
                Conversation = new ConversationAccount { Id = "a:" + person.AadObjectId, ConversationType = "personal", TenantId = tenant.Value.ToUpperInvariant() },
            }, None);
        }
    }
}
