using MentorBot.Bot.Hosting;
using MentorBot.Bot.Tests.Hosting;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MentorBot.Bot.Middleware;
using MentorBot.Bot.Turns;

namespace MentorBot.Bot.Tests.Middleware;

public sealed class TenantAllowListMiddlewareTests
{
    private const string OtherTenant = "00000000-0000-0000-0000-000000000001";

    [Theory]
    [InlineData(new[] { TestActivities.TenantId }, TestActivities.TenantId, true)]
    [InlineData(new[] { "B7F9B5C2-8F3A-4B7E-9C6D-0A1B2C3D4E5F" }, TestActivities.TenantId, true)]
    [InlineData(new[] { OtherTenant }, TestActivities.TenantId, false)]
    [InlineData(new[] { OtherTenant }, null, false)]
    public async Task OnTurn_AllowedTenants_ContinuesOnlyForThem(string[] allowed, string? tenant, bool continues)
    {
        var (ranBot, _, _) = await RunAsync(Policy(allowed, appId: "app", MicrosoftAppType.MultiTenant, appTenant: null), Message(tenant));

        Assert.Equal(continues, ranBot);
    }

    [Fact]
    public async Task OnTurn_SingleTenantWithoutList_ServesOnlyTheAppsOwnTenant()
    {
        var policy = Policy([], "app", MicrosoftAppType.SingleTenant, appTenant: TestActivities.TenantId);

        Assert.True((await RunAsync(policy, Message(TestActivities.TenantId))).RanBot);
        Assert.False((await RunAsync(policy, Message(OtherTenant))).RanBot);
    }

    [Fact]
    public async Task OnTurn_IsolatedMode_ServesEveryTenantAsItself()
    {
        var policy = Policy([], "app", MicrosoftAppType.MultiTenant, appTenant: null, TenantMode.Isolated);

        var (ranBot, context, _) = await RunAsync(policy, Message(OtherTenant));

        Assert.True(ranBot);
        Assert.Equal(new TenantId(OtherTenant), context.TurnState.Get<TurnTenant>()?.Id);
        Assert.False((await RunAsync(policy, Message(null))).RanBot);
    }

    [Fact]
    public async Task OnTurn_AnonymousWithNoTenantSettings_ServesEveryoneAsTheLocalDevelopmentTenant()
    {
        var policy = Policy([], appId: null, MicrosoftAppType.MultiTenant, appTenant: null);

        var (ranBot, context, _) = await RunAsync(policy, Message(TestActivities.TenantId));

        Assert.True(ranBot);
        Assert.Equal(TenantId.LocalDevelopment, context.TurnState.Get<TurnTenant>()?.Id);
    }

    [Fact]
    public async Task OnTurn_RefusedMessage_GetsOnePoliteLineAndNoTurnTenant()
    {
        var (ranBot, context, connector) = await RunAsync(Policy([OtherTenant], "app", MicrosoftAppType.MultiTenant, null), Message(TestActivities.TenantId));

        Assert.False(ranBot);
        Assert.Null(context.TurnState.Get<TurnTenant>());
        var reply = Assert.Single(connector.Sent);
        Assert.Equal(TenantAllowListMiddleware.Refusal, reply.Text);
    }

    [Fact]
    public async Task OnTurn_RefusedCardAction_AnswersAnErrorBodyAndSendsNothing()
    {
        var invoke = Message(TestActivities.TenantId);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = AdaptiveCardInvokeValue.InvokeName;
        invoke.Text = null;

        var (ranBot, context, connector) = await RunAsync(Policy([OtherTenant], "app", MicrosoftAppType.MultiTenant, null), invoke);

        Assert.False(ranBot);
        Assert.Empty(connector.Calls);
        Assert.Equal(200, context.InvokeResponse?.Status);
        var body = context.InvokeResponse!.Body!.Value;
        Assert.Equal(403, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.error", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task OnTurn_RefusedInstall_StaysSilent()
    {
        var update = Message(TestActivities.TenantId);
        update.Type = ActivityTypes.ConversationUpdate;

        var (ranBot, context, connector) = await RunAsync(Policy([OtherTenant], "app", MicrosoftAppType.MultiTenant, null), update);

        Assert.False(ranBot);
        Assert.Empty(connector.Calls);
        Assert.Null(context.InvokeResponse);
    }

    [Theory]
    [InlineData("app", MicrosoftAppType.MultiTenant, new string[0], TenantMode.Allowed, true)]
    [InlineData("app", MicrosoftAppType.MultiTenant, new[] { TestActivities.TenantId }, TenantMode.Allowed, false)]
    [InlineData("app", MicrosoftAppType.MultiTenant, new string[0], TenantMode.Isolated, false)]
    [InlineData("app", MicrosoftAppType.SingleTenant, new string[0], TenantMode.Allowed, false)]
    [InlineData(null, MicrosoftAppType.MultiTenant, new string[0], TenantMode.Allowed, false)]
    public void Problem_MultiTenantWithNeitherListNorIsolatedMode_NamesTheSettings(string? appId, MicrosoftAppType type, string[] allowed, TenantMode mode, bool refused)
    {
        var bot = new BotOptions { TenantMode = mode };
        foreach (var id in allowed)
        {
            bot.AllowedTenants.Add(id);
        }

        var problem = TenantPolicy.Problem(bot, new BotFrameworkOptions { MicrosoftAppId = appId, MicrosoftAppType = type, MicrosoftAppTenantId = "t" });

        Assert.Equal(refused, problem is not null);
        if (refused)
        {
            Assert.Contains("Bot:AllowedTenants", problem);
            Assert.Contains("Bot:TenantMode=Isolated", problem);
        }
    }

    [Theory]
    [InlineData(null, null, new string[0], null, TenantId_LocalDevelopment)]
    [InlineData("app", "AAAA0000-0000-0000-0000-000000000001", new string[0], null, "aaaa0000-0000-0000-0000-000000000001")]
    [InlineData("app", null, new[] { OtherTenant }, null, OtherTenant)]
    [InlineData("app", "t-app", new[] { OtherTenant }, "t-default", "t-default")]
    [InlineData("app", null, new[] { OtherTenant, TestActivities.TenantId }, null, null)]
    public void DefaultTenant_Settings_FollowTheDocumentedOrder(string? appId, string? appTenant, string[] allowed, string? configured, string? expected)
    {
        var bot = new BotOptions { DefaultTenantId = configured, TenantMode = TenantMode.Isolated };
        foreach (var id in allowed)
        {
            bot.AllowedTenants.Add(id);
        }

        var policy = new TenantPolicy(Options.Create(bot), Options.Create(new BotFrameworkOptions { MicrosoftAppId = appId, MicrosoftAppTenantId = appTenant }));

        Assert.Equal(TenantId.From(expected), policy.DefaultTenant.Id);
    }

    private const string TenantId_LocalDevelopment = "00000000-0000-0000-0000-00000000d0e5";

    private static TenantPolicy Policy(string[] allowed, string? appId, MicrosoftAppType type, string? appTenant, TenantMode mode = TenantMode.Allowed)
    {
        var bot = new BotOptions { TenantMode = mode };
        foreach (var id in allowed)
        {
            bot.AllowedTenants.Add(id);
        }

        return new TenantPolicy(
            Options.Create(bot),
            Options.Create(new BotFrameworkOptions { MicrosoftAppId = appId, MicrosoftAppType = type, MicrosoftAppTenantId = appTenant }));
    }

    private static Activity Message(string? tenant)
    {
        var activity = TestActivities.Message("hi");
        activity.Conversation!.TenantId = tenant;
        return activity;
    }

    private static async Task<(bool RanBot, TurnContext Context, RecordingConnectorClient Connector)> RunAsync(TenantPolicy policy, Activity activity)
    {
        var connector = new RecordingConnectorClient();
        var context = new TurnContext(activity, connector);
        var ranBot = false;
        var middleware = new TenantAllowListMiddleware(policy, NullLogger<TenantAllowListMiddleware>.Instance);

        await middleware.OnTurnAsync(context, _ => { ranBot = true; return Task.CompletedTask; }, CancellationToken.None);

        return (ranBot, context, connector);
    }
}
