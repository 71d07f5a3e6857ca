using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage.Conversations;
using MentorBot.Bot.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MentorBot.Storage.Tests;

/// <summary>
/// The short in-process cache of conversation references (decision 0181): what this instance wrote it reads back at
/// once; what another instance wrote it sees within <see cref="TableConversationReferenceStore.CacheDuration"/>.
/// Two stores on one SQLite file stand for two bot instances.
/// </summary>
public sealed class ConversationReferenceCacheTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly PersonKey Person = new("00000000-0000-4000-8000-00000000cccc");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mentorbot-tests-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteTableEngine _engine;
    private readonly StepClock _clock = new();

    public ConversationReferenceCacheTests()
    {
        _engine = new SqliteTableEngine(Path.Combine(_folder, "refs.db"), "r", TimeSpan.FromSeconds(5), TimeProvider.System);
        _engine.GetTable(TableConversationReferenceStore.TableName).CreateIfNotExistsAsync(None).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Get_AfterOwnSave_ReturnsTheNewReference()
    {
        var store = new TableConversationReferenceStore(_engine, _clock);
        await store.SaveAsync(Person, Reference("https://smba.trafficmanager.net/emea/"), None);
        await store.GetAsync(Person, None);

        await store.SaveAsync(Person, Reference("https://smba.trafficmanager.net/amer/"), None);
        var read = await store.GetAsync(Person, None);

        Assert.Equal("https://smba.trafficmanager.net/amer/", read?.ServiceUrl);
    }

    [Fact]
    public async Task Get_AfterOwnDelete_ReturnsNothing()
    {
        var store = new TableConversationReferenceStore(_engine, _clock);
        await store.SaveAsync(Person, Reference("https://smba.trafficmanager.net/emea/"), None);
        await store.GetAsync(Person, None);

        await store.DeleteAsync(Person, None);

        Assert.Null(await store.GetAsync(Person, None));
    }

    [Fact]
    public async Task Get_ChangingTheReturnedReference_DoesNotChangeTheNextRead()
    {
        var store = new TableConversationReferenceStore(_engine, _clock);
        await store.SaveAsync(Person, Reference("https://smba.trafficmanager.net/emea/"), None);

        var first = await store.GetAsync(Person, None);
        first!.ServiceUrl = "https://evil.example/";
        var second = await store.GetAsync(Person, None);

        Assert.Equal("https://smba.trafficmanager.net/emea/", second?.ServiceUrl);
    }

    [Fact]
    public async Task Get_WhatAnotherInstanceSaved_IsSeenOnceTheCacheDurationPassed()
    {
        var here = new TableConversationReferenceStore(_engine, _clock);
        var elsewhere = new TableConversationReferenceStore(_engine, _clock);
        await here.SaveAsync(Person, Reference("https://smba.trafficmanager.net/emea/"), None);
        await here.GetAsync(Person, None);

        await elsewhere.SaveAsync(Person, Reference("https://smba.trafficmanager.net/amer/"), None);
        var soon = await here.GetAsync(Person, None);
        _clock.Advance(TableConversationReferenceStore.CacheDuration + TimeSpan.FromSeconds(1));
        var later = await here.GetAsync(Person, None);

        Assert.Equal("https://smba.trafficmanager.net/emea/", soon?.ServiceUrl);
        Assert.Equal("https://smba.trafficmanager.net/amer/", later?.ServiceUrl);
    }

    public void Dispose()
    {
        _engine.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static ConversationReference Reference(string serviceUrl) => new()
    {
        ChannelId = "msteams",
        ServiceUrl = serviceUrl,
        User = new ChannelAccount { Id = "29:user", Name = "Ada", AadObjectId = Person.Value },
        Bot = new ChannelAccount { Id = "28:bot", Name = "MentorBot" },
        Conversation = new ConversationAccount { Id = "a:1cache", ConversationType = "personal", TenantId = "tenant-1" },
    };

    private sealed class StepClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
