using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Protocol.Authentication;

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Registers incoming-request authentication: <see cref="IBotAuthenticator"/> (singleton), the
    /// <c>BotAuthentication</c> options section (validated on start), the Bot Framework keys
    /// (<c>MicrosoftAppId</c>, <c>MicrosoftAppTenantId</c> from the configuration root), and the metadata cache (the
    /// host decides whether anonymous mode may run: <c>AnonymousMode</c>).
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        // Bot Builder reads its keys from the configuration root. Read them as the protocol layer does (blank = unset,
        // any casing of the app type): a plain Bind turned an empty password into "" and let MSAL throw at start.
        services.AddOptions<BotFrameworkOptions>()
            .Configure<IConfiguration>((options, configuration) => new BotFrameworkOptionsSetup(configuration).Configure(options));
        services.AddOptions<BotAuthenticationOptions>()
            .BindConfiguration(BotAuthenticationOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());

        services.AddHttpClient(MetadataDocumentRetriever.HttpClientName)
            .ConfigureHttpClient((provider, client) =>
            {
                client.Timeout = provider.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value.MetadataRequestTimeout;
                client.MaxResponseContentBufferSize = MetadataDocumentRetriever.MaxDocumentBytes;
            })
            // A redirect could lead from an allowed (https or loopback) address to one we would never fetch directly.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });

        services.TryAddSingleton<MetadataDocumentRetriever>();
        services.TryAddSingleton<OpenIdMetadataCache>();
        services.TryAddSingleton<IBotAuthenticator, BotFrameworkAuthenticator>();
        return services;
    }
}
