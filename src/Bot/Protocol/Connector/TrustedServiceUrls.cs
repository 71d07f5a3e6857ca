using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Protocol.Connector;

/// <summary>
/// Decides which serviceUrls may receive our bearer token: the Teams Connector hosts over HTTPS, plus any serviceUrl
/// that arrived in an activity whose validated token carries it as its <c>serviceurl</c> claim. A token without that
/// claim (Entra-profile tokens) binds nothing, so it never widens the set beyond the Teams hosts (decision 0254);
/// the one exception is loopback, as the Bot Framework Emulator with credentials sends. Plain-http loopback is also
/// accepted in anonymous local mode (no token is ever sent); any other plain-http URL is refused.
/// </summary>
public sealed class TrustedServiceUrls(IOptions<BotFrameworkOptions> options)
{
    private static readonly string[] ConnectorHosts =
    [
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
    ];

    private readonly ConcurrentDictionary<string, byte> _authenticated = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Called by the adapter after an activity's token passed validation; <paramref name="boundByClaim"/> says whether
    /// the token's <c>serviceurl</c> claim named this URL.
    /// </summary>
    public void TrustAuthenticated(string serviceUrl, bool boundByClaim = true)
    {
        if (Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
            && (boundByClaim || uri.IsLoopback)
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            _authenticated.TryAdd(Normalise(uri), 0);
        }
    }

    public bool IsTrusted(Uri serviceUrl)
    {
        if (serviceUrl.IsLoopback)
        {
            return serviceUrl.Scheme is "http" or "https"
                && (options.Value.IsAnonymous || _authenticated.ContainsKey(Normalise(serviceUrl)));
        }

        if (serviceUrl.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        return ConnectorHosts.Contains(serviceUrl.IdnHost, StringComparer.OrdinalIgnoreCase)
            || _authenticated.ContainsKey(Normalise(serviceUrl));
    }

    private static string Normalise(Uri uri) => uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
