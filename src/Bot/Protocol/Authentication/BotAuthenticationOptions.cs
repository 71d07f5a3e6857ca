using System.Net;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Protocol.Authentication;

public enum BotCloud
{
    Public,
    UsGovernment,
}

/// <summary>
/// The <c>BotAuthentication</c> section. Issuers are fixed per cloud on purpose (they are the trust anchor); only
/// where keys are fetched from and how they are cached is configurable, so tests can serve keys on loopback.
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string SectionName = "BotAuthentication";

    public BotCloud Cloud { get; set; } = BotCloud.Public;

    /// <summary>OpenID metadata of the Bot Framework token service; null = the cloud's default.</summary>
    public Uri? ChannelOpenIdMetadataUrl { get; set; }

    /// <summary>OpenID metadata for Entra-issued tokens (Emulator, single-tenant); null = the cloud's default.</summary>
    public Uri? EntraOpenIdMetadataUrl { get; set; }

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>When false, <c>http</c> metadata and key URLs are allowed, but only for loopback hosts.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long metadata, keys and endorsements are cached. The Bot Framework asks for at least daily refreshes.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Minimum gap between refreshes forced by tokens signed with an unknown key, so junk tokens cannot hammer the IdP.</summary>
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Other applications (skills, agents) whose Entra tokens we accept. Our own app id is always allowed (the
    /// Emulator signs with it). Empty by default: any app in a tenant can mint a token for our audience.
    /// </summary>
    public IList<string> AllowedCallerAppIds { get; } = [];

    /// <summary>Timeout for one metadata or key document request.</summary>
    public TimeSpan MetadataRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a token whose signature, issuer and audience were verified is remembered (never past its expiry);
    /// lifetime, endorsements and the serviceUrl claim are still checked on every request. Zero turns it off.
    /// </summary>
    public TimeSpan ValidatedTokenCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    internal Uri ResolvedChannelMetadataUrl => ChannelOpenIdMetadataUrl ?? BotCloudEndpoints.For(Cloud).ChannelMetadataUrl;

    internal Uri ResolvedEntraMetadataUrl => EntraOpenIdMetadataUrl ?? BotCloudEndpoints.For(Cloud).EntraMetadataUrl;

    internal static bool IsAllowedMetadataUrl(Uri url, bool requireHttps) =>
        url.IsAbsoluteUri
        && (url.Scheme == Uri.UriSchemeHttps
            || (url.Scheme == Uri.UriSchemeHttp && !requireHttps && IsLoopback(url)));

    private static bool IsLoopback(Uri url) =>
        string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

internal sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    private static readonly TimeSpan MaximumRefreshInterval = TimeSpan.FromHours(24);
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        var failures = new List<string>();
        CheckUrl(options.ResolvedChannelMetadataUrl, nameof(options.ChannelOpenIdMetadataUrl));
        CheckUrl(options.ResolvedEntraMetadataUrl, nameof(options.EntraOpenIdMetadataUrl));

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{BotAuthenticationOptions.SectionName}:ClockSkew must be between 0 and 10 minutes.");
        }

        if (options.MetadataRefreshInterval < MinimumRefreshInterval || options.MetadataRefreshInterval > MaximumRefreshInterval)
        {
            failures.Add($"{BotAuthenticationOptions.SectionName}:MetadataRefreshInterval must be between 5 minutes and 24 hours.");
        }

        if (options.UnknownKeyRefreshInterval < TimeSpan.FromSeconds(1) || options.UnknownKeyRefreshInterval > options.MetadataRefreshInterval)
        {
            failures.Add($"{BotAuthenticationOptions.SectionName}:UnknownKeyRefreshInterval must be between 1 second and MetadataRefreshInterval.");
        }

        if (options.MetadataRequestTimeout <= TimeSpan.Zero || options.MetadataRequestTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{BotAuthenticationOptions.SectionName}:MetadataRequestTimeout must be positive and at most 1 minute.");
        }

        if (options.ValidatedTokenCacheDuration < TimeSpan.Zero || options.ValidatedTokenCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{BotAuthenticationOptions.SectionName}:ValidatedTokenCacheDuration must be between 0 and 1 hour.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void CheckUrl(Uri url, string key)
        {
            if (!BotAuthenticationOptions.IsAllowedMetadataUrl(url, options.RequireHttpsMetadata))
            {
                failures.Add(
                    $"{BotAuthenticationOptions.SectionName}:{key} must be an absolute https URL " +
                    "(http only for loopback hosts with RequireHttpsMetadata = false).");
            }
        }
    }
}
