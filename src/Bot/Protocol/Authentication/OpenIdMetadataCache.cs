using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MentorBot.Bot.Protocol.Authentication;

/// <summary>
/// One <see cref="ConfigurationManager{T}"/> per metadata URL for the life of the process: metadata, keys and
/// endorsements are fetched once and refreshed on the configured cadence, never per request.
/// </summary>
internal sealed partial class OpenIdMetadataCache
{
    // IdentityModel 8 refreshes in the background after RequestRefresh() and keeps returning the stale keys, so the
    // "unknown kid → refresh → retry once" rule would retry against the same key set. In blocking mode the next
    // GetConfigurationAsync fetches. Directory.Build.props sets it in every host's runtimeconfig (decision 0021).
    internal const string UpdateConfigAsBlockingSwitch = "Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking";

    private readonly ConcurrentDictionary<Uri, ConfigurationManager<OpenIdConnectConfiguration>> _managers = new();
    private readonly MetadataDocumentRetriever _documentRetriever;
    private readonly BotAuthenticationOptions _options;

    public OpenIdMetadataCache(
        MetadataDocumentRetriever documentRetriever, IOptions<BotAuthenticationOptions> options, ILogger<OpenIdMetadataCache> logger)
    {
        if (!AppContext.TryGetSwitch(UpdateConfigAsBlockingSwitch, out var blocking) || !blocking)
        {
            LogBackgroundRefresh(logger);
        }

        _documentRetriever = documentRetriever;
        _options = options.Value;
    }

    public async Task<EndorsedOpenIdConfiguration> GetAsync(Uri metadataUrl, CancellationToken cancellationToken) =>
        (EndorsedOpenIdConfiguration)await ManagerFor(metadataUrl).GetConfigurationAsync(cancellationToken);

    /// <summary>Asks for a fresh fetch on the next <see cref="GetAsync"/>; throttled by <c>UnknownKeyRefreshInterval</c>.</summary>
    public void RequestRefresh(Uri metadataUrl) => ManagerFor(metadataUrl).RequestRefresh();

    private ConfigurationManager<OpenIdConnectConfiguration> ManagerFor(Uri metadataUrl) =>
        _managers.GetOrAdd(metadataUrl, url => new ConfigurationManager<OpenIdConnectConfiguration>(
            url.AbsoluteUri, new EndorsedOpenIdConfigurationRetriever(), _documentRetriever)
        {
            AutomaticRefreshInterval = _options.MetadataRefreshInterval,
            RefreshInterval = _options.UnknownKeyRefreshInterval,
        });

    [LoggerMessage(
        EventId = 2003,
        Level = LogLevel.Warning,
        Message = "AppContext switch " + UpdateConfigAsBlockingSwitch + " is off: a token signed with a newly rotated key " +
                  "is refused until the background metadata refresh completes")]
    private static partial void LogBackgroundRefresh(ILogger logger);
}
