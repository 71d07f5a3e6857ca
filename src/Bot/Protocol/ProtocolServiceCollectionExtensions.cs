using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Integration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Protocol;

public static class ProtocolServiceCollectionExtensions
{
    /// <summary>
    /// The Bot Framework protocol layer: options, the HTTP adapter, the turn pipeline and the Connector client with
    /// the token provider <c>MicrosoftAppType</c> asks for. Authentication is registered separately
    /// (<c>AddBotAuthentication</c>); middleware and the bot by the application.
    /// </summary>
    public static IServiceCollection AddBotProtocol(this IServiceCollection services)
    {
        services.AddSingleton<BotFrameworkOptionsSetup>();
        services.AddSingleton<IConfigureOptions<BotFrameworkOptions>>(sp => sp.GetRequiredService<BotFrameworkOptionsSetup>());
        services.AddSingleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidator>();
        services.AddOptions<BotFrameworkOptions>().ValidateOnStart();

        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConnectorOptions>().BindConfiguration(ConnectorOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<IConnectorTokenProvider>(sp =>
        {
            var bot = sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
            return bot switch
            {
                { IsAnonymous: true } => new AnonymousConnectorTokenProvider(),
                { MicrosoftAppType: MicrosoftAppType.UserAssignedMsi } => ActivatorUtilities.CreateInstance<ManagedIdentityConnectorTokenProvider>(sp),
                _ => ActivatorUtilities.CreateInstance<MsalConnectorTokenProvider>(sp),
            };
        });
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<ConnectorRetryPipeline>();
        // The connector client logs its own typed outcomes; the factory's per-request logging scopes only cost time on
        // every reply (0184) and would write conversation ids into Information logs.
        services.AddHttpClient(ConnectorClient.HttpClientName).RemoveAllLoggers();
        services.AddSingleton<IConnectorClient, ConnectorClient>();

        services.AddSingleton<MiddlewareSet>();
        services.AddSingleton<TurnErrorHandler>();
        services.AddSingleton<BotFrameworkHttpAdapter>();
        return services;
    }
}
