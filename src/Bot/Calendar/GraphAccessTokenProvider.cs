using Azure.Core;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MentorBot.Bot.Calendar;

/// <summary>
/// App-only Graph tokens from an Azure.Identity credential, for Kiota's bearer provider. Only the configured Graph
/// host gets a token (Kiota's own TokenCredential provider silently sends none to anything but graph.microsoft.com
/// hosts, which also hides a misconfigured BaseUrl).
/// </summary>
public sealed class GraphAccessTokenProvider(TokenCredential credential, Uri baseUrl) : IAccessTokenProvider
{
    private static readonly string[] Scopes = ["https://graph.microsoft.com/.default"];

    public AllowedHostsValidator AllowedHostsValidator { get; } = new([baseUrl.Host]);

    public async Task<string> GetAuthorizationTokenAsync(
        Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        if (!AllowedHostsValidator.IsUrlHostValid(uri))
        {
            return string.Empty;
        }

        // Azure.Identity caches the token and renews it before expiry; asking on every request is cheap.
        var token = await credential.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken);
        return token.Token;
    }
}
