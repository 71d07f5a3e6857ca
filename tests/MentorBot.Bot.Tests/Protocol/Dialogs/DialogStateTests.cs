using MentorBot.Core.Persistence;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Protocol.Integration;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using Microsoft.Extensions.Logging;

namespace MentorBot.Bot.Tests.Protocol.Dialogs;

public sealed class DialogStateTests
{
    private static readonly DialogStateKey PersonalKey = new("msteams", "a:sam-personal", null);

    [Fact]
    public async Task Stack_AfterRestart_ContinuesWithTypedState()
    {
        var host = new SampleHost();
        var before = host.NewAdapter();
        await before.SendAsync("mentor");
        await before.SendAsync("Social media");

        var after = host.NewAdapter();
        var turn = await after.SendAsync("Short-form video for our brand");

        Assert.Equal("Shall I look for a mentor for Social media?", turn.Text);
    }

    [Fact]
    public async Task NestedStack_AfterRestart_ResumesTheParentWithTheChildsResult()
    {
        var host = new SampleHost();
        var before = host.NewAdapter();
        await before.SendAsync("requests");
        await before.SendAsync("AI tools");
        await before.SendAsync("Summarising long email threads");

        var after = host.NewAdapter();
        var confirmed = await after.SendAsync("yes");
        var finished = await after.SendAsync("no");

        Assert.Equal(["Great, I'll look for a mentor for AI tools.", "Would you like a mentor for another skill?"], confirmed.Texts);
        Assert.Equal("All set: AI tools.", finished.Text);
    }

    [Fact]
    public async Task Stack_WhileWaiting_IsStoredAsReadableJson()
    {
        var host = new SampleHost();
        var adapter = host.NewAdapter();

        await adapter.SendAsync("mentor");
        await adapter.SendAsync("AI tools");

        var stored = await host.Store.LoadAsync(PersonalKey, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Contains("\"id\":\"requestMentor\"", stored.Value, StringComparison.Ordinal);
        Assert.Contains("\"skill\":\"AI tools\"", stored.Value, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"goalText\"", stored.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stack_WhenDialogEnds_IsDeleted()
    {
        var host = new SampleHost();
        var adapter = host.NewAdapter();

        await adapter.SendAsync("availability");
        await adapter.SubmitAsync(SamplePrompts.AvailabilityVerb, new { day = "Monday", minutes = 30 });

        Assert.Null(await host.Store.LoadAsync(PersonalKey, CancellationToken.None));
    }

    public static TheoryData<string, string> BrokenStates => new()
    {
        { "not JSON", "{ this is not json" },
        { "unknown envelope format", """{"format":99,"frames":[]}""" },
        { "unknown dialog id", """{"format":1,"frames":[{"id":"renamedDialog","version":1,"state":{}}]}""" },
        { "older state version", """{"format":1,"frames":[{"id":"requestMentor","version":0,"state":{"step":1,"state":{}}}]}""" },
        { "older state shape", """{"format":1,"frames":[{"id":"requestMentor","version":1,"state":{"stepName":"askGoal"}}]}""" },
        { "step that no longer exists", """{"format":1,"frames":[{"id":"requestMentor","version":1,"state":{"step":9,"state":{}}}]}""" },
        { "prompt without options", """{"format":1,"frames":[{"id":"requestMentor","version":1,"state":{"step":0,"state":{}}},{"id":"skillChoice","version":1,"state":{"attempts":0}}]}""" },
    };

    [Theory]
    [MemberData(nameof(BrokenStates))]
    public async Task BrokenState_OnNextMessage_IsClearedAndUserStartsFresh(string why, string json)
    {
        var host = new SampleHost();
        await host.Store.SaveAsync(PersonalKey, json, null, CancellationToken.None);
        var adapter = host.NewAdapter();

        var turn = await adapter.SendAsync("hello");

        Assert.True(turn.Texts.SequenceEqual([DialogRunner.FreshStartText, SampleBot.Fallback]), $"{why}: {turn.Text}");
        Assert.Null(await host.Store.LoadAsync(PersonalKey, CancellationToken.None));
        Assert.Contains(host.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Discarded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BrokenState_ThenNewDialog_RunsNormally()
    {
        var host = new SampleHost();
        await host.Store.SaveAsync(PersonalKey, """{"format":1,"frames":[{"id":"gone","version":1,"state":{}}]}""", null, CancellationToken.None);
        var adapter = host.NewAdapter();

        await adapter.SendAsync("hello");
        var turn = await adapter.SendAsync("mentor");

        Assert.Equal(["Which skill would you like help with?"], turn.VisibleTexts);
    }

    [Fact]
    public async Task Save_WhenAnotherTurnSavedFirst_ReportsConflictAndKeepsTheirState()
    {
        var store = new RacingStore();
        var host = new SampleHost(store);
        var adapter = host.NewAdapter();
        await adapter.SendAsync("mentor");
        var runner = host.NewRunner();
        store.CompetingWrite = """{"format":1,"frames":[]}""";

        var result = await runner.ContinueAsync(new TestTurnContext(Message(adapter, "AI tools"), TestTurnContext.Counter("bot")), CancellationToken.None);

        Assert.Equal(DialogTurnStatus.Conflict, result.Status);
        Assert.Equal("""{"format":1,"frames":[]}""", (await store.LoadAsync(PersonalKey, CancellationToken.None))!.Value);
        Assert.Contains(host.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("saved this conversation's dialog state first", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedTurn_ClearsTheStack_AndTheNextMessageStartsFresh()
    {
        var host = new SampleHost();
        var adapter = host.NewAdapter();
        await adapter.SendAsync("fail");

        var failed = await adapter.SendAsync("this answer reaches the broken step");
        var next = await adapter.SendAsync("something else");

        Assert.Equal(TurnErrorHandler.Apology, failed.Text);
        Assert.Equal(SampleBot.Fallback, next.Text);
    }

    [Fact]
    public async Task BeginAsync_WithADialogActive_ReplacesTheStack()
    {
        var host = new SampleHost();
        var adapter = host.NewAdapter();
        await adapter.SendAsync("mentor");
        var turn = new TestTurnContext(Message(adapter, "anything"), TestTurnContext.Counter("bot"));

        var result = await host.NewRunner().BeginAsync(turn, AvailabilityDialog.DialogId, null, CancellationToken.None);
        var after = await adapter.SubmitAsync(SamplePrompts.AvailabilityVerb, new { day = "Monday", minutes = 30 });

        Assert.Equal(DialogTurnStatus.Waiting, result.Status);
        Assert.Equal("Thanks, Monday for 30 minutes it is.", after.Text);
        Assert.Null(await host.Store.LoadAsync(PersonalKey, CancellationToken.None));
    }

    [Fact]
    public async Task GroupChat_TwoMembers_HaveSeparateStacks()
    {
        var host = new SampleHost();
        var group = new ConversationAccount { Id = "19:team-chat@thread.v2", ConversationType = "groupChat", IsGroup = true };
        var sam = host.NewAdapter(group, new ChannelAccount { Id = "29:sam", Name = "Sam Senior" });
        var jo = host.NewAdapter(group, new ChannelAccount { Id = "29:jo", Name = "Jo Junior" });
        await sam.SendAsync("mentor");

        var joTurn = await jo.SendAsync("AI tools");
        var samTurn = await sam.SendAsync("AI tools");

        Assert.Equal(SampleBot.Fallback, joTurn.Text);
        Assert.Equal("What would you like to get better at in AI tools?", samTurn.Text);
    }

    [Fact]
    public async Task WaterfallBegin_WithOptionsOfAnotherType_IsABug()
    {
        var runner = new SampleHost().NewRunner();
        var turn = new TestTurnContext(Message(new SampleHost().NewAdapter(), "x"), TestTurnContext.Counter("bot"));

        var begin = () => runner.BeginAsync(turn, RequestMentorDialog.DialogId, "not a state", CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(begin);
    }

    [Fact]
    public void DialogSet_WithDuplicateIds_Throws()
    {
        var create = () => new DialogSet([new RequestMentorDialog(), new RequestMentorDialog()]);

        Assert.Throws<InvalidOperationException>(create);
    }

    private static Activity Message(TestAdapter adapter, string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = "user-x",
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        From = adapter.User,
        Recipient = adapter.Bot,
        Conversation = adapter.Conversation,
        Text = text,
    };

    /// <summary>Lets another "turn" write between this turn's load and save, as a double-clicked button would.</summary>
    private sealed class RacingStore : IDialogStateStore
    {
        private readonly InMemoryDialogStateStore _inner = new();

        public string? CompetingWrite { get; set; }

        public Task<Versioned<string>?> LoadAsync(DialogStateKey key, CancellationToken cancellationToken) => _inner.LoadAsync(key, cancellationToken);

        public async Task<ETag> SaveAsync(DialogStateKey key, string stateJson, ETag? ifMatch, CancellationToken cancellationToken)
        {
            if (CompetingWrite is { } competing)
            {
                CompetingWrite = null;
                await _inner.SaveAsync(key, competing, ETag.Any, cancellationToken);
            }

            return await _inner.SaveAsync(key, stateJson, ifMatch, cancellationToken);
        }

        public Task DeleteAsync(DialogStateKey key, ETag ifMatch, CancellationToken cancellationToken) => _inner.DeleteAsync(key, ifMatch, cancellationToken);
    }
}
