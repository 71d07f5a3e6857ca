using MentorBot.Bot.Hosting;
using MentorBot.Bot.Tests.Proactive;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MentorBot.Bot.Middleware;

namespace MentorBot.Bot.Tests.Middleware;

public sealed class ConversationReferenceMiddlewareTests
{
    private static readonly PersonKey Person = new(TestActivities.UserAadObjectId);
    private static readonly TrustedServiceUrls TrustedServiceUrls = new(Options.Create(new BotFrameworkOptions { MicrosoftAppId = "11111111-1111-1111-1111-111111111111" }));
    private readonly InMemoryConversationReferenceStore _store = new();

    [Fact]
    public async Task Install_PersonalChat_SavesTheReferenceKeyedByAadObjectId()
    {
        await RunAsync(TestActivities.Load("installation-update-add"));

        var reference = await _store.GetAsync(Person, CancellationToken.None);
        Assert.Equal(TestActivities.PersonalConversationId, reference!.Conversation!.Id);
        Assert.Equal("https://smba.trafficmanager.net/emea/", reference.ServiceUrl);
        Assert.Equal(TestActivities.BotId, reference.Bot!.Id);
        Assert.Equal(TestActivities.TenantId, reference.Conversation.TenantId);
        Assert.Null(reference.ActivityId);
    }

    [Fact]
    public async Task Message_ServiceUrlMoved_RefreshesTheStoredReference()
    {
        await RunAsync(TestActivities.Load("conversation-update-members-added"));

        await RunAsync(TestActivities.Message("hi", serviceUrl: "https://smba.trafficmanager.net/amer/"));

        Assert.Equal("https://smba.trafficmanager.net/amer/", (await _store.GetAsync(Person, CancellationToken.None))!.ServiceUrl);
    }

    [Fact]
    public async Task Message_FirstContact_SavesTheReference()
    {
        await RunAsync(TestActivities.Message("hi"));

        Assert.Equal("Alex Wilber", (await _store.GetAsync(Person, CancellationToken.None))!.User!.Name);
    }

    [Fact]
    public async Task Message_NoAadObjectId_KeysByChannelAccountId()
    {
        var activity = TestActivities.Message("hi");
        activity.From!.AadObjectId = null;

        await RunAsync(activity);

        Assert.NotNull(await _store.GetAsync(new PersonKey(TestActivities.UserId), CancellationToken.None));
    }

    [Fact]
    public async Task ChannelMessage_IsNotAPersonsOneOnOne_NothingSaved()
    {
        var activity = TestActivities.Load("message-channel-mention");

        await RunAsync(activity);

        Assert.Null(await _store.GetAsync(new PersonKey(activity.From!.AadObjectId!), CancellationToken.None));
    }

    [Fact]
    public async Task Uninstall_DeletesTheReference()
    {
        await RunAsync(TestActivities.Load("installation-update-add"));
        var uninstall = TestActivities.Load("installation-update-add");
        uninstall.Action = InstallationUpdateActions.Remove;

        await RunAsync(uninstall);

        Assert.Null(await _store.GetAsync(Person, CancellationToken.None));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("https://evil.example/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    public async Task Message_UntrustedServiceUrl_KeepsTheStoredReference(string serviceUrl)
    {
        await RunAsync(TestActivities.Message("hi"));

        await RunAsync(TestActivities.Message("hi", serviceUrl));

        Assert.Equal("https://smba.trafficmanager.net/emea/", (await _store.GetAsync(Person, CancellationToken.None))!.ServiceUrl);
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\r\n\t")]
    public async Task Message_BlankConversationId_SavesNothing(string conversationId)
    {
        var activity = TestActivities.Message("hi");
        activity.Conversation!.Id = conversationId;

        await RunAsync(activity);

        Assert.Null(await _store.GetAsync(Person, CancellationToken.None));
    }

    [Fact]
    public async Task AnyActivity_CallsNext()
    {
        var ranBot = false;

        await new ConversationReferenceMiddleware(_store, TrustedServiceUrls, NullLogger<ConversationReferenceMiddleware>.Instance)
            .OnTurnAsync(new TurnContext(TestActivities.Message("hi"), new RecordingConnectorClient()), _ => { ranBot = true; return Task.CompletedTask; }, CancellationToken.None);

        Assert.True(ranBot);
    }

    [Fact]
    public async Task Message_ServedAsAnotherTenantThanClaimed_StoresTheServedTenantAndLeavesTheActivityAlone()
    {
        // Decision 0234: the reference (and so its row's TenantId) names the tenant the allow-list served the turn as.
        var activity = TestActivities.Message("hi");
        activity.Conversation!.TenantId = null;
        var turn = new TurnContext(activity, new RecordingConnectorClient());
        var served = new TenantId("00000000-0000-0000-0000-00000000d0e5");
        turn.TurnState.Set(new TurnTenant(served, null));

        await new ConversationReferenceMiddleware(_store, TrustedServiceUrls, NullLogger<ConversationReferenceMiddleware>.Instance)
            .OnTurnAsync(turn, _ => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(served.Value, (await _store.GetAsync(Person, CancellationToken.None))!.Conversation!.TenantId);
        Assert.Null(activity.Conversation.TenantId);
    }

    private Task RunAsync(Activity activity) =>
        new ConversationReferenceMiddleware(_store, TrustedServiceUrls, NullLogger<ConversationReferenceMiddleware>.Instance)
            .OnTurnAsync(new TurnContext(activity, new RecordingConnectorClient()), _ => Task.CompletedTask, CancellationToken.None);
}
