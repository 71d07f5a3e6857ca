using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Protocol.Authentication;

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>
    /// Registers incoming-request authentication. Until full JWT validation lands this accepts only anonymous local
    /// development (no <c>MicrosoftAppId</c>) and refuses every request when an app id is configured: it fails closed.
    /// </summary>
    public static IServiceCollection AddBotAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<IBotAuthenticator, AnonymousOnlyAuthenticator>();
        return services;
    }

    private sealed class AnonymousOnlyAuthenticator(IOptions<BotFrameworkOptions> options) : IBotAuthenticator
    {
        public Task<AuthenticationOutcome> AuthenticateAsync(
            string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken) =>
            Task.FromResult(options.Value.IsAnonymous
                ? AuthenticationOutcome.Anonymous()
                : AuthenticationOutcome.Refused("Token validation is not configured."));
    }
}
