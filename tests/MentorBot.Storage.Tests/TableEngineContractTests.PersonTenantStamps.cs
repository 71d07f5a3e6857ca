using MentorBot.Bot.Dialogs.Persistence;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Conversations;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Tenants;

namespace MentorBot.Storage.Tests;

/// <summary>
/// Decision 0235: the records keyed by one person or one conversation name their tenant too. Posted-card records take
/// their request's, dialog stacks and nudge settings the tenant the turn was served as; a dialog stack is read,
/// replaced and deleted only by its own tenant. Tenant A is the default tenant (Core writes it as null), as in 0230.
/// </summary>
public abstract partial class TableEngineContractTests
{
    [Fact]
    public async Task TenantStamps_PostedCards_CarryTheirRequestsTenantAndListOnlyTheRecipients()
    {
        var world = await TwoTenantsAsync();
        var engine = world.Engine;
        var table = engine.GetTable(TablePostedCardStore.TableName);
        await table.CreateIfNotExistsAsync(None);
        var store = new TablePostedCardStore(engine);

        await store.AddAsync("r-a", SeniorA, new PostedCard("https://smba.trafficmanager.net/emea/", "a:alma", "1"), None);
        await store.AddAsync("r-b", SeniorB, new PostedCard("https://smba.trafficmanager.net/emea/", "a:bo", "2"), None);
        await store.AddAsync("r-b", JuniorB, new PostedCard("https://smba.trafficmanager.net/emea/", "a:bea", "3"), None);
        var rows = await table.ScanAllAsync(None);

        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(r.GetString("Subject") == "r-a" ? TenantA.Value : TenantB.Value, r.GetString("TenantId")));
        Assert.Equal(["3"], (await store.ListAsync("r-b", JuniorB, None)).Select(c => c.ActivityId));
        Assert.Empty(await store.ListAsync("r-b", SeniorA, None));
    }

    [Fact]
    public async Task TenantStamps_DialogStateOfTenantB_IsNothingToTenantAUnderTheSameKeys()
    {
        var (store, table, _) = await NewTenantDialogStateStoreAsync();
        var shared = new DialogStateKey("msteams", "a:claimed-by-both", null);
        var asB = shared with { Tenant = TenantB };
        var asA = shared with { Tenant = null }; // A is the default tenant
        await store.SaveAsync(asB, """{"typed":"Bo's half-typed goal"}""", null, None);

        var readByA = await store.LoadAsync(asA, None);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(asA, """{"typed":"A's"}""", null, None));
        await store.DeleteAsync(asA, ETag.Any, None);

        Assert.Null(readByA);
        var row = Assert.Single(await table.ScanAllAsync(None));
        Assert.Equal(TenantB.Value, row.GetString("TenantId"));
        Assert.Contains("Bo's half-typed goal", (await store.LoadAsync(asB, None))?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenantStamps_DialogStateOfTheDefaultTenant_IsStampedAndStacksFromBeforeTenantsStayItsOwn()
    {
        var (store, table, engine) = await NewTenantDialogStateStoreAsync();
        var mine = new DialogStateKey("msteams", "a:alma", null);
        var old = new DialogStateKey("msteams", "a:from-before-tenants", null);
        // A store that knows no default tenant writes what a version before tenants wrote: no TenantId.
        await new TableDialogStateStore(engine).SaveAsync(old, "old stack", null, None);

        await store.SaveAsync(mine, "alma's stack", null, None);

        var rows = await table.ScanAllAsync(None);
        Assert.Equal([null, TenantA.Value], rows.Select(r => r.GetString("TenantId")).Order());
        Assert.Equal("old stack", (await store.LoadAsync(old, None))?.Value);
        Assert.Null(await store.LoadAsync(old with { Tenant = TenantB }, None));
    }

    [Fact]
    public async Task TenantStamps_DialogStateDeleteAnyByItsOwnTenant_DeletesIt()
    {
        var (store, table, _) = await NewTenantDialogStateStoreAsync();
        var key = new DialogStateKey("msteams", "19:group@thread.v2", "29:bo") { Tenant = TenantB };
        await store.SaveAsync(key, "bo's stack", null, None);

        await store.DeleteAsync(key, ETag.Any, None);

        Assert.Empty(await table.ScanAllAsync(None));
    }

    [Fact]
    public async Task TenantStamps_NudgeSettings_RowNamesTheServedTenantAndAnotherTenantSeesNone()
    {
        var engine = new PrefixedEngine(Engine, "n" + Guid.NewGuid().ToString("N")[..10]);
        var table = engine.GetTable(TableNudgePreferencesStore.TableName);
        await table.CreateIfNotExistsAsync(None);
        var store = new TableNudgePreferencesStore(engine, new DefaultTenant(TenantA));
        var service = new NudgePreferencesService(store, new FixedClock(ProgramNow));
        // A store that knows no default tenant writes what a version before tenants wrote: no TenantId.
        await new TableNudgePreferencesStore(engine).SaveAsync(NudgePreferences.None(FormerA).Mute(NudgeKind.Inactivity), None);

        await service.MuteAsync(SeniorB, TenantB, NudgeKind.Inactivity, None);
        await service.MuteAsync(SeniorA, null, NudgeKind.AgendaPrep, None);

        var rows = (await table.ScanAllAsync(None)).ToDictionary(r => r.RowKey, StringComparer.Ordinal);
        Assert.Equal(TenantB.Value, rows[SeniorB.AadObjectId].GetString("TenantId"));
        Assert.Equal(TenantA.Value, rows[SeniorA.AadObjectId].GetString("TenantId"));
        Assert.DoesNotContain(TenantB.Value, rows[SeniorB.AadObjectId].GetString("Data"), StringComparison.Ordinal);
        Assert.Equal(TenantB, (await store.GetAsync(SeniorB, None))?.Tenant);
        Assert.Empty((await service.GetAsync(SeniorB, null, None)).MutedKinds);
        Assert.Equal([NudgeKind.Inactivity], (await service.GetAsync(SeniorB, TenantB, None)).MutedKinds);
        // A row from before tenants is the default tenant's.
        Assert.Equal([NudgeKind.Inactivity], (await service.GetAsync(FormerA, null, None)).MutedKinds);
        Assert.Empty((await service.GetAsync(FormerA, TenantB, None)).MutedKinds);
    }

    private async Task<(IDialogStateStore Store, IEntityTable Table, ITableEngine Engine)> NewTenantDialogStateStoreAsync()
    {
        var engine = new PrefixedEngine(Engine, "d" + Guid.NewGuid().ToString("N")[..10]);
        var table = engine.GetTable(TableDialogStateStore.TableName);
        await table.CreateIfNotExistsAsync(None);
        return (new TableDialogStateStore(engine, new DefaultTenant(TenantA)), table, engine);
    }
}
