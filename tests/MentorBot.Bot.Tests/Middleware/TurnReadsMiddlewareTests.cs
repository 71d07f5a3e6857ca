using MentorBot.Bot.Middleware;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Bot.Tests.Proactive;
using MentorBot.Bot.Turns;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using Moq;

namespace MentorBot.Bot.Tests.Middleware;

/// <summary>Decision 0410: the turn's common reads start together, each is taken once, and the turn's own writes are never hidden.</summary>
public sealed class TurnReadsMiddlewareTests
{
    [Fact]
    public async Task DialogStack_ReadAtTheStart_IsTakenOnce_ThenTheStoreIsReadAgain()
    {
        var dialogs = new InMemoryDialogStateStore();
        var turn = new TurnContext(TestActivities.Message("hi"), new RecordingConnectorClient());
        var key = DialogStateKey.For(turn);
        await dialogs.SaveAsync(key, "[\"before\"]", null, CancellationToken.None);
        Versioned<string>? early = null;
        Task<Versioned<string>?>? second = null;

        await Middleware(dialogs, new Mock<IProfileStore>().Object).OnTurnAsync(turn, async ct =>
        {
            early = await DialogStatePrefetch.Take(turn, key)!;
            second = DialogStatePrefetch.Take(turn, key);
        }, CancellationToken.None);

        Assert.Equal("[\"before\"]", early?.Value);
        Assert.Null(second);
    }

    [Fact]
    public async Task Profile_StartedAtTheTurnsStart_IsReadOnceForTheTurnPerson()
    {
        var profiles = new Mock<IProfileStore>();
        var alex = TurnPerson.UserIdOf(TestActivities.Message("hi").From)!.Value;
        var stored = new Versioned<Profile>(NudgeTestData.Person(alex.AadObjectId, "Alex Wilber", "Europe/Stockholm"), new ETag("v1"));
        profiles.Setup(p => p.GetAsync(It.IsAny<UserId>(), It.IsAny<CancellationToken>())).ReturnsAsync(stored);
        var turn = new TurnContext(TestActivities.Message("hi"), new RecordingConnectorClient());
        var person = new TurnPersonMiddleware(new InMemoryConversationReferenceStore(), profiles.Object);

        await Middleware(new InMemoryDialogStateStore(), profiles.Object).OnTurnAsync(
            turn, ct => person.OnTurnAsync(turn, _ => Task.CompletedTask, ct), CancellationToken.None);

        profiles.Verify(p => p.GetAsync(It.IsAny<UserId>(), It.IsAny<CancellationToken>()), Times.Once());
        Assert.Same(stored, TurnPerson.Of(turn)?.StoredProfileAtStart);
    }

    private static TurnReadsMiddleware Middleware(IDialogStateStore dialogs, IProfileStore profiles) =>
        new(new InMemoryConversationReferenceStore(), profiles, dialogs);

}
