using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Profiles;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using NodaTime;

namespace MentorBot.Storage.Tests;

public abstract partial class TableEngineContractTests
{
    [Fact]
    public async Task ProfileStore_InsertThenGet_RoundTripsEveryField()
    {
        var store = await NewProfileStoreAsync();
        var profile = SampleProfile("aad-1") with
        {
            Participation = Participation.PausedUntilDate(new DateTimeOffset(2026, 12, 24, 8, 0, 0, TimeSpan.Zero)),
            TeamsId = new TeamsUserId("29:1abc"),
            ManagerId = new UserId("aad-boss"),
            Directory = new DirectoryFacts("akim@contoso.example", new DateTimeOffset(2026, 12, 7, 9, 30, 15, TimeSpan.Zero)),
            Language = "sv",
            LineAbove = [new UserId("aad-head"), new UserId("aad-ceo")],
        };

        var etag = await store.InsertAsync(profile, None);
        var read = await store.GetAsync(profile.Id, None);

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        AssertSameProfile(profile, read.Value);
        Assert.Equal("sv", read.Value.Language);
        Assert.Equal([new UserId("aad-head"), new UserId("aad-ceo")], read.Value.LineAbove);
    }

    [Fact]
    public async Task ProfileStore_ForgetManager_RemovesTheirIdFromColleaguesManagerLinkAndDirectoryLine()
    {
        var store = await NewProfileStoreAsync();
        await store.InsertAsync(SampleProfile("aad-head"), None);
        await store.InsertAsync(SampleProfile("aad-report") with { ManagerId = new UserId("aad-head") }, None);
        await store.InsertAsync(SampleProfile("aad-far") with { ManagerId = new UserId("aad-lead"), LineAbove = [new UserId("aad-head"), new UserId("aad-ceo")] }, None);
        await store.InsertAsync(SampleProfile("aad-only") with { ManagerId = new UserId("aad-lead"), LineAbove = [new UserId("aad-head")] }, None);
        await store.InsertAsync(SampleProfile("aad-other") with { ManagerId = new UserId("aad-lead"), LineAbove = [new UserId("aad-ceo")] }, None);

        var changed = await ((Core.Privacy.IPersonalDataStore)store).EraseAsync(
            new Core.Privacy.ErasureSubject(new UserId("aad-head"), [], [], []), None);

        Assert.Equal(4, changed); // three colleagues rewritten, the profile itself deleted
        Assert.Null(await store.GetAsync(new UserId("aad-head"), None));
        Assert.Null((await store.GetAsync(new UserId("aad-report"), None))!.Value.ManagerId);
        var far = (await store.GetAsync(new UserId("aad-far"), None))!.Value;
        Assert.Equal(new UserId("aad-lead"), far.ManagerId);
        Assert.Equal([new UserId("aad-ceo")], far.LineAbove);
        Assert.Empty((await store.GetAsync(new UserId("aad-only"), None))!.Value.LineAbove);
        Assert.Equal([new UserId("aad-ceo")], (await store.GetAsync(new UserId("aad-other"), None))!.Value.LineAbove);
    }

    [Fact]
    public async Task ProfileStore_OptionalFieldsAbsent_RoundTripAsNull()
    {
        var store = await NewProfileStoreAsync();
        var profile = SampleProfile("aad-2") with { Email = null, Department = null, ManagerId = null, TeamsId = null, Offers = [], Wants = [], Languages = [], Directory = null };

        await store.InsertAsync(profile, None);
        var read = await store.GetAsync(profile.Id, None);

        AssertSameProfile(profile, read!.Value);
        Assert.Null(read.Value.Language);
        Assert.Empty(read.Value.LineAbove);
    }

    [Fact]
    public async Task ProfileStore_ReplaceWithStaleETag_ThrowsAndKeepsNewerProfile()
    {
        var store = await NewProfileStoreAsync();
        var profile = SampleProfile("aad-3");
        var stale = await store.InsertAsync(profile, None);
        await store.ReplaceAsync(profile with { Capacity = 3 }, stale, None);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.ReplaceAsync(profile with { Capacity = 9 }, stale, None));

        Assert.Equal(ConcurrencyConflictKind.PreconditionFailed, ex.Kind);
        Assert.Equal(3, (await store.GetAsync(profile.Id, None))!.Value.Capacity);
    }

    [Fact]
    public async Task ProfileStore_InsertTwice_ThrowsEntityExists()
    {
        var store = await NewProfileStoreAsync();
        await store.InsertAsync(SampleProfile("aad-4"), None);

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.InsertAsync(SampleProfile("aad-4"), None));

        Assert.Equal(ConcurrencyConflictKind.EntityExists, ex.Kind);
    }

    [Fact]
    public async Task ProfileStore_Delete_RemovesProfile()
    {
        var store = await NewProfileStoreAsync();
        var etag = await store.InsertAsync(SampleProfile("aad-5"), None);

        await store.DeleteAsync(new UserId("aad-5"), etag, None);

        Assert.Null(await store.GetAsync(new UserId("aad-5"), None));
    }

    [Fact]
    public async Task ProfileStore_ListInPages_ReturnsEveryProfileOnceInIdOrder()
    {
        var store = await NewProfileStoreAsync();
        var ids = Enumerable.Range(0, 23).Select(i => $"aad-{i:D3}").ToList();
        foreach (var id in ids)
        {
            await store.InsertAsync(SampleProfile(id), None);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(5, token, None);
            seen.AddRange(page.Items.Select(p => p.Value.Id.AadObjectId));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(ids, seen);
    }

    internal static Profile SampleProfile(string id) => new(
        new UserId(id),
        "Zoë O'Brien",
        "zoe@contoso.example",
        "Sales \"EMEA\"",
        null,
        new CareerLevel(7),
        "Europe/Stockholm",
        new WorkingHours([IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday], new LocalTime(8, 30), new LocalTime(16, 15, 30)),
        ["sv", "en"],
        2,
        Participation.Active,
        ProgramRole.Both,
        [new OfferedSkill(new SkillId("negotiation"), SkillLevel.Expert)],
        [new WantedSkill(new SkillId("power-bi"), SkillLevel.Aware, SkillLevel.Practitioner), new WantedSkill(new SkillId("tiktok"), SkillLevel.None, SkillLevel.Working)]);

    private async Task<IProfileStore> NewProfileStoreAsync()
    {
        // A per-test engine view: the store's table gets a fresh prefix so tests stay isolated.
        var engine = new PrefixedEngine(Engine, "p" + Guid.NewGuid().ToString("N")[..10]);
        await engine.GetTable(TableProfileStore.TableName).CreateIfNotExistsAsync(None);
        return new TableProfileStore(engine);
    }

    private static void AssertSameProfile(Profile expected, Profile actual)
    {
        Assert.Equal(expected with { Languages = [], Offers = [], Wants = [], WorkingHours = WorkingHours.Default, LineAbove = [] },
            actual with { Languages = [], Offers = [], Wants = [], WorkingHours = WorkingHours.Default, LineAbove = [] });
        Assert.Equal(expected.LineAbove, actual.LineAbove);
        Assert.Equal(expected.Languages, actual.Languages);
        Assert.Equal(expected.Offers, actual.Offers);
        Assert.Equal(expected.Wants, actual.Wants);
        Assert.Equal(expected.WorkingHours.Days, actual.WorkingHours.Days);
        Assert.Equal(expected.WorkingHours.Start, actual.WorkingHours.Start);
        Assert.Equal(expected.WorkingHours.End, actual.WorkingHours.End);
    }

    private sealed class PrefixedEngine(ITableEngine inner, string prefix) : ITableEngine
    {
        public string Backend => inner.Backend;

        public IEntityTable GetTable(string name) => inner.GetTable(prefix + name);
    }
}
