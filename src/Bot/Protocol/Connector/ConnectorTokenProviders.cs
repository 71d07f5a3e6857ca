using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace MentorBot.Bot.Protocol.Connector;

/// <summary>Bearer tokens for calls to the Bot Connector; null means "send no Authorization header" (anonymous mode).</summary>
public interface IConnectorTokenProvider
{
    ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}

internal static class ConnectorScopes
{
    public const string BotFramework = "https://api.botframework.com/.default";
    public const string LoginAuthority = "https://login.microsoftonline.com/";
    public const string MultiTenantAuthorityTenant = "botframework.com";
}

/// <summary>Local development without credentials (Agents Playground, Emulator): no token at all.</summary>
internal sealed class AnonymousConnectorTokenProvider : IConnectorTokenProvider
{
    public ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}

/// <summary>
/// Client-secret tokens through MSAL. The confidential client is built once (this is a singleton) because MSAL's
/// in-memory cache lives in it and refreshes tokens before they expire.
/// </summary>
internal sealed class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    private readonly IConfidentialClientApplication _application;

    public MsalConnectorTokenProvider(IOptions<BotFrameworkOptions> options)
    {
        var bot = options.Value;
        var tenant = bot.MicrosoftAppType == MicrosoftAppType.SingleTenant
            ? bot.MicrosoftAppTenantId!
            : ConnectorScopes.MultiTenantAuthorityTenant;
        _application = ConfidentialClientApplicationBuilder.Create(bot.MicrosoftAppId)
            .WithClientSecret(bot.MicrosoftAppPassword)
            .WithAuthority(ConnectorScopes.LoginAuthority + tenant)
            .Build();
    }

    public async ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        var result = await _application.AcquireTokenForClient([ConnectorScopes.BotFramework])
            .WithForceRefresh(forceRefresh)
            .ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}

/// <summary>
/// A user-assigned managed identity (<c>MicrosoftAppType=UserAssignedMSI</c>, app id = the identity's client id).
/// The token is kept until shortly before it expires so every send does not hit the identity endpoint.
/// </summary>
internal sealed class ManagedIdentityConnectorTokenProvider(IOptions<BotFrameworkOptions> options, TimeProvider timeProvider)
    : IConnectorTokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly ManagedIdentityCredential _credential =
        new(ManagedIdentityId.FromUserAssignedClientId(options.Value.MicrosoftAppId!));

    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _cached;

    public async ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = timeProvider.GetUtcNow();
            if (forceRefresh || _cached is not { } token || token.ExpiresOn - RefreshMargin <= now)
            {
                _cached = await _credential.GetTokenAsync(new TokenRequestContext([ConnectorScopes.BotFramework]), cancellationToken);
            }

            return _cached.Value.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
