using System.Security.Claims;

namespace MentorBot.Bot.Protocol.Authentication;

/// <summary>
/// Validates the <c>Authorization</c> header of an incoming activity the way the Bot Framework does
/// (channel tokens and Entra tokens, endorsements, serviceUrl claim). Anonymous when no app id is configured.
/// </summary>
public interface IBotAuthenticator
{
    Task<AuthenticationOutcome> AuthenticateAsync(
        string? authorizationHeader,
        string? channelId,
        string? serviceUrl,
        CancellationToken cancellationToken);
}

/// <summary>The result of validating one request: an identity, or the reason it was refused (never logged with the token).</summary>
public sealed record AuthenticationOutcome(ClaimsIdentity? Identity, string? FailureReason)
{
    public bool Succeeded => Identity is not null;

    /// <summary>True when the request was accepted without a token because no app id is configured.</summary>
    public bool IsAnonymous => Identity is { IsAuthenticated: false };

    /// <summary>The typed reason when the request was refused by the validator (null for accepted requests).</summary>
    public AuthenticationRefusal? Refusal { get; init; }

    /// <summary>Which validation profile accepted the token (null when anonymous or refused).</summary>
    public TokenProfile? Profile => Identity?.AuthenticationType switch
    {
        TokenProfiles.ChannelAuthenticationType => TokenProfile.BotFrameworkChannel,
        TokenProfiles.EntraAuthenticationType => TokenProfile.Entra,
        _ => null,
    };

    /// <summary>The validated <c>serviceurl</c> claim (channel tokens always carry it).</summary>
    public string? ServiceUrl => Claim(BotClaimTypes.ServiceUrl);

    /// <summary>The validated audience: our own app id in one of its accepted forms.</summary>
    public string? Audience => Claim(BotClaimTypes.Audience);

    /// <summary>The calling application of an Entra token (<c>appid</c> for v1, <c>azp</c> for v2).</summary>
    public string? CallerAppId => Profile is TokenProfile.Entra
        ? Claim(BotClaimTypes.Version) == "2.0" ? Claim(BotClaimTypes.AuthorizedParty) : Claim(BotClaimTypes.AppId)
        : null;

    /// <summary>The Entra tenant that issued the token (<c>tid</c>), when present.</summary>
    public string? TenantId => Claim(BotClaimTypes.TenantId);

    public static AuthenticationOutcome Anonymous() => new(new ClaimsIdentity(), null);

    public static AuthenticationOutcome Authenticated(ClaimsIdentity identity) => new(identity, null);

    public static AuthenticationOutcome Refused(string reason) => new(null, reason);

    public static AuthenticationOutcome Refused(AuthenticationRefusal refusal) =>
        new(null, refusal.ToString()) { Refusal = refusal };

    private string? Claim(string type) => Identity?.FindFirst(type)?.Value;
}

public enum TokenProfile
{
    /// <summary>Issued by the Bot Framework token service (<c>https://api.botframework.com</c>): Teams and other channels.</summary>
    BotFrameworkChannel,

    /// <summary>Issued by Entra ID: the Emulator, or a single-tenant issuer for our own tenant.</summary>
    Entra,
}

/// <summary>Raw JWT claim names: <c>JsonWebTokenHandler</c> keeps them unmapped.</summary>
public static class BotClaimTypes
{
    public const string Audience = "aud";
    public const string Issuer = "iss";
    public const string ServiceUrl = "serviceurl";
    public const string AppId = "appid";
    public const string AuthorizedParty = "azp";
    public const string Version = "ver";
    public const string TenantId = "tid";
}

internal static class TokenProfiles
{
    public const string ChannelAuthenticationType = "BotFrameworkChannel";
    public const string EntraAuthenticationType = "Entra";
}
