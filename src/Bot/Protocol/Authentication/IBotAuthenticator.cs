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

    public static AuthenticationOutcome Anonymous() => new(new ClaimsIdentity(), null);

    public static AuthenticationOutcome Authenticated(ClaimsIdentity identity) => new(identity, null);

    public static AuthenticationOutcome Refused(string reason) => new(null, reason);
}
