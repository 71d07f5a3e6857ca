using System.Collections.Frozen;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Bot.Protocol.Authentication;

/// <summary>
/// The Bot Framework's incoming-request check (bot-framework-protocol.md §3): pick a profile from the unvalidated
/// issuer, validate signature/issuer/audience/lifetime against cached metadata, then the profile's own rules
/// (endorsements and serviceurl for channel tokens; token version, caller and tenant for Entra tokens).
/// </summary>
internal sealed partial class BotFrameworkAuthenticator(
    IOptions<BotFrameworkOptions> botOptions,
    IOptions<BotAuthenticationOptions> authOptions,
    OpenIdMetadataCache metadata,
    TimeProvider timeProvider,
    ILogger<BotFrameworkAuthenticator> logger) : IBotAuthenticator
{
    private const string BearerScheme = "Bearer";
    private static readonly FrozenSet<string> AllowedAlgorithms = FrozenSet.Create(
        StringComparer.Ordinal, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512);

    private const int ValidatedTokenCapacity = 4096;

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenRules _rules = TokenRules.From(botOptions.Value, authOptions.Value);
    private readonly ValidatedTokenCache _validated = new(ValidatedTokenCapacity, authOptions.Value.ValidatedTokenCacheDuration);

    public async Task<AuthenticationOutcome> AuthenticateAsync(
        string? authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return _rules.AppId is null ? AuthenticationOutcome.Anonymous() : Refuse(AuthenticationRefusal.MissingAuthorizationHeader);
        }

        var (identity, refusal) = await ValidateAsync(authorizationHeader, channelId, serviceUrl, cancellationToken);
        return refusal is { } reason ? Refuse(reason) : AuthenticationOutcome.Authenticated(identity!);
    }

    private async Task<(ClaimsIdentity? Identity, AuthenticationRefusal? Refusal)> ValidateAsync(
        string authorizationHeader, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (ReadBearerToken(authorizationHeader) is not { } rawToken)
        {
            return (null, AuthenticationRefusal.MalformedAuthorizationHeader);
        }

        if (_rules.AppId is not null && _validated.Find(rawToken, timeProvider.GetUtcNow()) is { } cached)
        {
            // The signature was verified against this very metadata snapshot; after a refresh the token is validated
            // afresh, and a key that is no longer published refuses it as it would any other token.
            var (current, retiredKey) = await SigningConfigurationAsync(cached.Profile.MetadataUrl, cached.Token.Kid, cancellationToken);
            if (current is null)
            {
                return (null, retiredKey);
            }

            if (ReferenceEquals(current, cached.Configuration))
            {
                var cachedRefusal = CheckPerRequest(cached.Token, cached.Profile, cached.Configuration, channelId, serviceUrl);
                return (cachedRefusal is null ? cached.Identity.Clone() : null, cachedRefusal);
            }
        }

        if (ReadUnvalidated(rawToken) is not { } unvalidated)
        {
            return (null, AuthenticationRefusal.MalformedToken);
        }

        // Checked before any key lookup, so junk tokens (alg none, HS256, no kid) can never force a metadata refresh.
        if (!AllowedAlgorithms.Contains(unvalidated.Alg ?? string.Empty))
        {
            return (null, AuthenticationRefusal.DisallowedAlgorithm);
        }

        if (string.IsNullOrEmpty(unvalidated.Kid))
        {
            return (null, AuthenticationRefusal.MissingKeyId);
        }

        // Bot Builder validates against an empty app id here and fails on the audience; say so plainly instead.
        if (_rules.AppId is null)
        {
            return (null, AuthenticationRefusal.AppIdNotConfigured);
        }

        var profile = _rules.ProfileFor(unvalidated.Issuer);
        var (configuration, keyRefusal) = await SigningConfigurationAsync(profile.MetadataUrl, unvalidated.Kid, cancellationToken);
        if (configuration is null)
        {
            return (null, keyRefusal);
        }

        var result = await _handler.ValidateTokenAsync(unvalidated, profile.ValidationParameters(configuration));
        if (!result.IsValid)
        {
            return (null, RefusalFor(result.Exception));
        }

        var token = (JsonWebToken)result.SecurityToken;
        var refusal = CheckPerRequest(token, profile, configuration, channelId, serviceUrl);
        if (refusal is null)
        {
            // Cached only once accepted, so refused tokens never take room; the identity handed out is always a copy.
            _validated.Add(rawToken, new ValidatedToken(token, result.ClaimsIdentity.Clone(), profile, configuration, default), timeProvider.GetUtcNow());
        }

        return (refusal is null ? result.ClaimsIdentity : null, refusal);
    }

    /// <summary>
    /// Everything that depends on the clock or on the activity rather than on the token alone, so it runs on every
    /// request, cached or not: lifetime, the key's endorsement for this channel, the serviceUrl claim, caller rules.
    /// </summary>
    private AuthenticationRefusal? CheckPerRequest(
        JsonWebToken token, TokenProfileRules profile, EndorsedOpenIdConfiguration configuration, string? channelId, string? serviceUrl) =>
        CheckLifetime(token, profile.ClockSkew) ?? (profile.Kind == TokenProfile.BotFrameworkChannel
            ? CheckChannelToken(token, configuration, channelId, serviceUrl)
            : CheckEntraToken(token, serviceUrl));

    private async Task<(EndorsedOpenIdConfiguration? Configuration, AuthenticationRefusal? Refusal)> SigningConfigurationAsync(
        Uri metadataUrl, string kid, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await metadata.GetAsync(metadataUrl, cancellationToken);
            if (configuration.KeyIds.Contains(kid))
            {
                return (configuration, null);
            }

            // Keys roll over: an unknown kid may be a new key. Refresh (throttled) and look once more.
            metadata.RequestRefresh(metadataUrl);
            configuration = await metadata.GetAsync(metadataUrl, cancellationToken);
            return configuration.KeyIds.Contains(kid) ? (configuration, null) : (null, AuthenticationRefusal.UnknownSigningKey);
        }
        catch (InvalidOperationException exception)
        {
            // ConfigurationManager wraps every retrieval failure (network, bad JSON, disallowed URL) this way.
            LogMetadataUnavailable(logger, metadataUrl, exception);
            return (null, AuthenticationRefusal.MetadataUnavailable);
        }
    }

    private AuthenticationRefusal? CheckLifetime(JsonWebToken token, TimeSpan clockSkew)
    {
        // JsonWebToken reports a missing exp/nbf as DateTime.MinValue. A token without exp never expires: refuse it.
        var notBefore = token.ValidFrom;
        var expires = token.ValidTo;
        if (expires == DateTime.MinValue || (notBefore != DateTime.MinValue && notBefore > expires))
        {
            return AuthenticationRefusal.InvalidLifetime;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (notBefore != DateTime.MinValue && notBefore > now + clockSkew)
        {
            return AuthenticationRefusal.NotYetValid;
        }

        return expires < now - clockSkew ? AuthenticationRefusal.Expired : null;
    }

    private static AuthenticationRefusal? CheckChannelToken(
        JsonWebToken token, EndorsedOpenIdConfiguration configuration, string? channelId, string? serviceUrl)
    {
        // A Bot Framework key only signs for the channels it lists; a Web Chat key must not vouch for msteams.
        if (!string.IsNullOrEmpty(channelId)
            && (!configuration.Endorsements.TryGetValue(token.Kid, out var endorsements) || !endorsements.Contains(channelId)))
        {
            return AuthenticationRefusal.ChannelNotEndorsed;
        }

        if (!token.TryGetPayloadValue<string>(BotClaimTypes.ServiceUrl, out var claimedServiceUrl)
            || string.IsNullOrEmpty(claimedServiceUrl))
        {
            return AuthenticationRefusal.MissingServiceUrlClaim;
        }

        // The serviceUrl is where replies (with our token) go: an activity may not redirect them elsewhere.
        return string.Equals(claimedServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase)
            ? null
            : AuthenticationRefusal.ServiceUrlMismatch;
    }

    private AuthenticationRefusal? CheckEntraToken(JsonWebToken token, string? serviceUrl)
    {
        token.TryGetPayloadValue<string>(BotClaimTypes.Version, out var version);
        var callerClaim = version switch
        {
            null or "" or "1.0" => BotClaimTypes.AppId,
            "2.0" => BotClaimTypes.AuthorizedParty,
            _ => null,
        };
        if (callerClaim is null)
        {
            return AuthenticationRefusal.UnsupportedTokenVersion;
        }

        if (!token.TryGetPayloadValue<string>(callerClaim, out var callerAppId)
            || string.IsNullOrEmpty(callerAppId)
            || !_rules.AllowedCallerAppIds.Contains(callerAppId))
        {
            return AuthenticationRefusal.CallerNotAllowed;
        }

        if (_rules.TenantEntraIssuers.Contains(token.Issuer)
            && (!token.TryGetPayloadValue<string>(BotClaimTypes.TenantId, out var tenantId)
                || !string.Equals(tenantId, _rules.TenantId, StringComparison.OrdinalIgnoreCase)))
        {
            return AuthenticationRefusal.TenantMismatch;
        }

        // Emulator tokens carry no serviceurl; when one is present it must still match the activity.
        if (token.TryGetPayloadValue<string>(BotClaimTypes.ServiceUrl, out var claimedServiceUrl)
            && !string.Equals(claimedServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationRefusal.ServiceUrlMismatch;
        }

        return null;
    }

    private static string? ReadBearerToken(string authorizationHeader)
    {
        var parts = authorizationHeader.Split(' ');
        return parts is [BearerScheme, { Length: > 0 } token] ? token : null;
    }

    private JsonWebToken? ReadUnvalidated(string rawToken)
    {
        if (!_handler.CanReadToken(rawToken))
        {
            return null;
        }

        try
        {
            return _handler.ReadJsonWebToken(rawToken);
        }
        catch (SecurityTokenMalformedException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static AuthenticationRefusal RefusalFor(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => AuthenticationRefusal.InvalidAudience,
        SecurityTokenInvalidIssuerException => AuthenticationRefusal.InvalidIssuer,
        SecurityTokenInvalidAlgorithmException => AuthenticationRefusal.DisallowedAlgorithm,
        SecurityTokenSignatureKeyNotFoundException => AuthenticationRefusal.UnknownSigningKey,
        SecurityTokenInvalidSignatureException => AuthenticationRefusal.InvalidSignature,
        SecurityTokenMalformedException => AuthenticationRefusal.MalformedToken,
        _ => AuthenticationRefusal.InvalidToken,
    };

    private AuthenticationOutcome Refuse(AuthenticationRefusal refusal)
    {
        LogRefused(logger, refusal);
        return AuthenticationOutcome.Refused(refusal);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Refused an incoming Bot Framework request: {Refusal}")]
    private static partial void LogRefused(ILogger logger, AuthenticationRefusal refusal);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "OpenID metadata or signing keys from {MetadataUrl} are unavailable")]
    private static partial void LogMetadataUnavailable(ILogger logger, Uri metadataUrl, Exception exception);
}
