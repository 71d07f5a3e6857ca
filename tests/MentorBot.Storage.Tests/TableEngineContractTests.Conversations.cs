using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Conversations;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;

namespace MentorBot.Storage.Tests;

public abstract partial class TableEngineContractTests
{
    [Fact]
    public async Task ConversationReferenceStore_SaveThenGet_RoundTripsTheReference()
    {
        var store = await NewConversationReferenceStoreAsync();
        var person = new PersonKey("00000000-0000-4000-8000-00000000aaaa");

        await store.SaveAsync(person, Reference("a:1xyz", "https://smba.trafficmanager.net/emea/"), None);
        var read = await store.GetAsync(person, None);

        Assert.NotNull(read);
        Assert.Equal(("a:1xyz", "https://smba.trafficmanager.net/emea/", "msteams"), (read.Conversation?.Id, read.ServiceUrl, read.ChannelId));
        Assert.Equal(("29:user", "28:bot", "tenant-1"), (read.User?.Id, read.Bot?.Id, read.Conversation?.TenantId));
    }

    [Fact]
    public async Task ConversationReferenceStore_SaveAgain_NewestServiceUrlWins()
    {
        var store = await NewConversationReferenceStoreAsync();
        var person = new PersonKey("29:channel-account-only");

        await store.SaveAsync(person, Reference("a:1", "https://smba.trafficmanager.net/emea/"), None);
        await store.SaveAsync(person, Reference("a:1", "https://smba.trafficmanager.net/amer/"), None);

        Assert.Equal("https://smba.trafficmanager.net/amer/", (await store.GetAsync(person, None))?.ServiceUrl);
    }

    [Theory]
    [InlineData("webchat/user#1?x")]
    [InlineData("back\\slash%20and\ttab")]
    public async Task ConversationReferenceStore_KeysWithForbiddenCharacters_AreStoredAndKeptApart(string id)
    {
        var store = await NewConversationReferenceStoreAsync();

        await store.SaveAsync(new PersonKey(id), Reference("conv-a", "https://a.example/"), None);
        await store.SaveAsync(new PersonKey(id + "2"), Reference("conv-b", "https://b.example/"), None);

        Assert.Equal("conv-a", (await store.GetAsync(new PersonKey(id), None))?.Conversation?.Id);
        Assert.Equal("conv-b", (await store.GetAsync(new PersonKey(id + "2"), None))?.Conversation?.Id);
    }

    [Fact]
    public async Task ConversationReferenceStore_VeryLongIds_DoNotCollide()
    {
        var store = await NewConversationReferenceStoreAsync();
        var common = new string('x', 900);

        await store.SaveAsync(new PersonKey(common + "1"), Reference("one", "https://a.example/"), None);
        await store.SaveAsync(new PersonKey(common + "2"), Reference("two", "https://a.example/"), None);

        Assert.Equal("one", (await store.GetAsync(new PersonKey(common + "1"), None))?.Conversation?.Id);
        Assert.Equal("two", (await store.GetAsync(new PersonKey(common + "2"), None))?.Conversation?.Id);
    }

    [Fact]
    public async Task ConversationReferenceStore_Delete_RemovesAndIsIdempotent()
    {
        var store = await NewConversationReferenceStoreAsync();
        var person = new PersonKey("aad-delete");
        await store.SaveAsync(person, Reference("a:1", "https://a.example/"), None);

        await store.DeleteAsync(person, None);
        await store.DeleteAsync(person, None);

        Assert.Null(await store.GetAsync(person, None));
    }

    [Fact]
    public async Task DialogStateStore_SaveLoadReplace_FollowsETags()
    {
        var store = await NewDialogStateStoreAsync();
        var key = new DialogStateKey("msteams", "a:1xyz", null);

        var first = await store.SaveAsync(key, """{"format":1,"frames":[]}""", null, None);
        var loaded = await store.LoadAsync(key, None);
        var second = await store.SaveAsync(key, """{"format":1,"frames":[{"id":"ask"}]}""", first, None);

        Assert.Equal(first, loaded?.ETag);
        Assert.NotEqual(first, second);
        Assert.Contains("ask", (await store.LoadAsync(key, None))?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DialogStateStore_StaleWriteAndSecondInsert_AreConflictsAndKeepTheWinner()
    {
        var store = await NewDialogStateStoreAsync();
        var key = new DialogStateKey("msteams", "a:race", null);
        var first = await store.SaveAsync(key, "winner-0", null, None);
        await store.SaveAsync(key, "winner-1", first, None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(key, "loser", first, None));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.SaveAsync(key, "loser", null, None));

        Assert.Equal("winner-1", (await store.LoadAsync(key, None))?.Value);
    }

    [Fact]
    public async Task DialogStateStore_GroupMembers_HaveSeparateStacks()
    {
        var store = await NewDialogStateStoreAsync();
        var ada = new DialogStateKey("msteams", "19:group@thread.v2", "29:ada");
        var ben = new DialogStateKey("msteams", "19:group@thread.v2", "29:ben");

        await store.SaveAsync(ada, "ada's", null, None);
        await store.SaveAsync(ben, "ben's", null, None);

        Assert.Equal("ada's", (await store.LoadAsync(ada, None))?.Value);
        Assert.Equal("ben's", (await store.LoadAsync(ben, None))?.Value);
    }

    [Fact]
    public async Task DialogStateStore_DeleteAnyWhenMissing_SucceedsAndStaleDeleteConflicts()
    {
        var store = await NewDialogStateStoreAsync();
        var key = new DialogStateKey("msteams", "a:delete", null);
        await store.DeleteAsync(key, ETag.Any, None);
        var first = await store.SaveAsync(key, "v0", null, None);
        await store.SaveAsync(key, "v1", first, None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.DeleteAsync(key, first, None));
        await store.DeleteAsync(key, ETag.Any, None);

        Assert.Null(await store.LoadAsync(key, None));
    }

    [Fact]
    public async Task PostedCardStore_AddedCards_AreListedPerSubjectAndRecipient()
    {
        var store = await NewPostedCardStoreAsync();
        var junior = new UserId("00000000-0000-4000-8000-00000000000a");
        var senior = new UserId("00000000-0000-4000-8000-00000000000b");
        var first = new PostedCard("https://smba.trafficmanager.net/emea/", "a:1/chat?x#y", "1:activity");
        var second = new PostedCard("https://smba.trafficmanager.net/emea/", "a:1/chat?x#y", "2:activity");

        await store.AddAsync("r-1", junior, first, None);
        await store.AddAsync("r-1", junior, second, None);
        await store.AddAsync("r-1", junior, first, None);
        await store.AddAsync("r-2", junior, new PostedCard("https://x/", "c", "3"), None);
        await store.AddAsync("r-1", senior, new PostedCard("https://x/", "c", "4"), None);

        Assert.Equal([first, second], (await store.ListAsync("r-1", junior, None)).OrderBy(c => c.ActivityId));
        Assert.Single(await store.ListAsync("r-2", junior, None));
        Assert.Equal("4", Assert.Single(await store.ListAsync("r-1", senior, None)).ActivityId);
        Assert.Empty(await store.ListAsync("r-3", junior, None));
    }

    [Fact]
    public async Task PostedCardStore_SecondInstance_SeesCardsTheFirstPosted()
    {
        var prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        var one = await NewPostedCardStoreAsync(prefix, Engine);
        var two = await NewPostedCardStoreAsync(prefix, CreateSecondEngine());
        var junior = new UserId("00000000-0000-4000-8000-00000000000c");

        await one.AddAsync("r-1", junior, new PostedCard("https://x/", "c", "1"), None);

        Assert.Equal("1", Assert.Single(await two.ListAsync("r-1", junior, None)).ActivityId);
    }

    [Fact]
    public async Task PostedCardStore_DeleteForPerson_RemovesOnlyTheirCardsAndCountsThem()
    {
        var store = await NewPostedCardStoreAsync();
        var leaving = new UserId("00000000-0000-4000-8000-00000000000d");
        var staying = new UserId("00000000-0000-4000-8000-00000000000e");
        await store.AddAsync("r-1", leaving, new PostedCard("https://x/", "c", "1"), None);
        await store.AddAsync("r-2", leaving, new PostedCard("https://x/", "c", "2"), None);
        await store.AddAsync("r-1", staying, new PostedCard("https://x/", "c", "3"), None);

        var removed = await store.DeleteForPersonAsync(leaving, None);

        Assert.Equal(2, removed);
        Assert.Empty(await store.ListAsync("r-1", leaving, None));
        Assert.Single(await store.ListAsync("r-1", staying, None));
        Assert.Equal(0, await store.DeleteForPersonAsync(leaving, None));
    }

    private static ConversationReference Reference(string conversationId, string serviceUrl) => new()
    {
        ChannelId = "msteams",
        ServiceUrl = serviceUrl,
        User = new ChannelAccount { Id = "29:user", Name = "Ada", AadObjectId = "00000000-0000-4000-8000-00000000aaaa" },
        Bot = new ChannelAccount { Id = "28:bot", Name = "MentorBot" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = "tenant-1" },
    };

    private async Task<IConversationReferenceStore> NewConversationReferenceStoreAsync()
    {
        var engine = new PrefixedEngine(Engine, "c" + Guid.NewGuid().ToString("N")[..10]);
        await engine.GetTable(TableConversationReferenceStore.TableName).CreateIfNotExistsAsync(None);
        return new TableConversationReferenceStore(engine);
    }

    private Task<IPostedCardStore> NewPostedCardStoreAsync() => NewPostedCardStoreAsync("p" + Guid.NewGuid().ToString("N")[..10], Engine);

    private static async Task<IPostedCardStore> NewPostedCardStoreAsync(string prefix, ITableEngine over)
    {
        var engine = new PrefixedEngine(over, prefix);
        await engine.GetTable(TablePostedCardStore.TableName).CreateIfNotExistsAsync(None);
        return new TablePostedCardStore(engine);
    }

    private async Task<IDialogStateStore> NewDialogStateStoreAsync()
    {
        var engine = new PrefixedEngine(Engine, "d" + Guid.NewGuid().ToString("N")[..10]);
        await engine.GetTable(TableDialogStateStore.TableName).CreateIfNotExistsAsync(None);
        return new TableDialogStateStore(engine);
    }
}
