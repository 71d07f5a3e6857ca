using MentorBot.Bot.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Tests.Hosting;

public sealed class BotFrameworkOptionsTests
{
    [Theory]
    [InlineData("SingleTenant", "app", "secret", null, "needs MicrosoftAppTenantId")]
    [InlineData("SingleTenant", "app", null, "tenant", "needs MicrosoftAppPassword")]
    [InlineData("UserAssignedMSI", "app", null, null, "UserAssignedMSI needs MicrosoftAppTenantId")]
    [InlineData("UserAssignedMSI", "app", "secret", "tenant", "must not have a MicrosoftAppPassword")]
    [InlineData("MultiTenant", "app", null, null, "needs MicrosoftAppPassword")]
    [InlineData("Sometimes", "app", "secret", null, "'Sometimes' is not one of")]
    [InlineData("", null, "secret", null, "MicrosoftAppId is empty")]
    public void Validate_InvalidCombination_FailsNamingTheKey(string appType, string? appId, string? password, string? tenant, string expected)
    {
        var options = Build(appType, appId, password, tenant);

        var failure = Assert.Throws<OptionsValidationException>(() => options.Value);

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null, null, null, MicrosoftAppType.MultiTenant)]
    [InlineData("MultiTenant", "app", "secret", null, MicrosoftAppType.MultiTenant)]
    [InlineData("SingleTenant", "app", "secret", "tenant", MicrosoftAppType.SingleTenant)]
    [InlineData("UserAssignedMSI", "app", null, "tenant", MicrosoftAppType.UserAssignedMsi)]
    [InlineData("userassignedmsi", "app", null, "tenant", MicrosoftAppType.UserAssignedMsi)]
    public void Validate_ValidCombination_Binds(string appType, string? appId, string? password, string? tenant, MicrosoftAppType expected)
    {
        var options = Build(appType, appId, password, tenant);

        Assert.Equal(expected, options.Value.MicrosoftAppType);
        Assert.Equal(appId is null, options.Value.IsAnonymous);
    }

    private static IOptions<BotFrameworkOptions> Build(string appType, string? appId, string? password, string? tenant)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenant,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddBotProtocol();
        return services.BuildServiceProvider().GetRequiredService<IOptions<BotFrameworkOptions>>();
    }
}
