namespace MentorBot.Bot.Protocol.Authentication;

/// <summary>
/// Why a request was refused. The name (not the token, not the claims) is what gets logged and what
/// <see cref="AuthenticationOutcome.FailureReason"/> carries, so operators can tell a clock problem from an attack.
/// </summary>
public enum AuthenticationRefusal
{
    MissingAuthorizationHeader,
    MalformedAuthorizationHeader,
    MalformedToken,
    DisallowedAlgorithm,
    MissingKeyId,
    UnknownSigningKey,
    InvalidSignature,
    InvalidIssuer,
    InvalidAudience,
    Expired,
    NotYetValid,
    InvalidLifetime,
    ChannelNotEndorsed,
    MissingServiceUrlClaim,
    ServiceUrlMismatch,
    UnsupportedTokenVersion,
    CallerNotAllowed,
    TenantMismatch,
    MetadataUnavailable,
    AppIdNotConfigured,
    InvalidToken,
}
