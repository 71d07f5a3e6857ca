using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Tests.Protocol.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Tests.Hosting;

public sealed class TenantAllowListMiddlewareTests
{
    [Theory]
    [InlineData(new string[0], TestActivities.TenantId, true)]
    [InlineData(new[] { TestActivities.TenantId }, TestActivities.TenantId, true)]
    [InlineData(new[] { "B7F9B5C2-8F3A-4B7E-9C6D-0A1B2C3D4E5F" }, TestActivities.TenantId, true)]
    [InlineData(new[] { "00000000-0000-0000-0000-000000000001" }, TestActivities.TenantId, false)]
    [InlineData(new[] { "00000000-0000-0000-0000-000000000001" }, null, false)]
    public async Task OnTurn_Tenant_ContinuesOnlyWhenAllowed(string[] allowed, string? tenant, bool continues)
    {
        var options = new BotOptions();
        foreach (var id in allowed)
        {
            options.AllowedTenants.Add(id);
        }

        var activity = TestActivities.Message("hi");
        activity.Conversation!.TenantId = tenant;
        var connector = new RecordingConnectorClient();
        var ranBot = false;
        var middleware = new TenantAllowListMiddleware(new StaticOptionsMonitor(options), NullLogger<TenantAllowListMiddleware>.Instance);

        await middleware.OnTurnAsync(new TurnContext(activity, connector), _ => { ranBot = true; return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(continues, ranBot);
        Assert.Empty(connector.Calls);
    }

    private sealed class StaticOptionsMonitor(BotOptions value) : IOptionsMonitor<BotOptions>
    {
        public BotOptions CurrentValue => value;

        public BotOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<BotOptions, string?> listener) => null;
    }
}
