using System.Collections.Frozen;
using MentorBot.Bot.Protocol;
using MentorBot.Bot.Protocol.Authentication;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Bot.Programs;

/// <summary>Who is looking at the dashboard, or why we cannot tell.</summary>
internal abstract record DashboardViewer
{
    private DashboardViewer()
    {
    }

    /// <param name="Tenant">The tenant the sign-in token was validated for; null in local development (decision 0233).</param>
    public sealed record Known(UserId Id, bool LocalDevelopment, TenantId? Tenant = null) : DashboardViewer;

    public sealed record Unknown(string Reason) : DashboardViewer;
}

/// <summary>
/// Identifies the dashboard's viewer (decision 0200). With an app id: an Entra ID bearer token from Teams tab SSO,
/// validated against the tenant's OpenID metadata (signature, tenant issuer, audience, lifetime); the <c>oid</c> claim
/// is the viewer. Without one (the anonymous local mode of decision 0023): the viewer is whoever <c>?as=</c> or the
/// <c>X-MentorBot-As</c> header names, and the page says so in a banner. A token sent to an anonymous host is refused,
/// as on /api/messages: it would be validated against nothing.
/// </summary>
internal sealed partial class DashboardIdentity(
    IOptions<BotFrameworkOptions> botOptions,
    IOptions<BotAuthenticationOptions> authOptions,
    IOptions<ProgramsOptions> programsOptions,
    OpenIdMetadataCache metadata,
    TimeProvider time,
    ILogger<DashboardIdentity> logger)
{
    public const string AsQuery = "as";
    public const string AsHeader = "X-MentorBot-As";

    private static readonly FrozenSet<string> AllowedAlgorithms = FrozenSet.Create(
        StringComparer.Ordinal, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512);

    private readonly JsonWebTokenHandler _handler = new();

    public bool IsLocalDevelopment => botOptions.Value.IsAnonymous;

    public async Task<DashboardViewer> IdentifyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? authorization = request.Headers.Authorization;
        if (IsLocalDevelopment)
        {
            if (!string.IsNullOrEmpty(authorization))
            {
                return new DashboardViewer.Unknown("A token was sent, but the bot runs without an app id and cannot validate it.");
            }

            string? chosen = request.Query[AsQuery];
            chosen = string.IsNullOrWhiteSpace(chosen) ? request.Headers[AsHeader] : chosen;
            return string.IsNullOrWhiteSpace(chosen)
                ? new DashboardViewer.Unknown($"Local development mode: choose the viewer with ?{AsQuery}=<AAD object id>.")
                : new DashboardViewer.Known(new UserId(chosen.Trim()), LocalDevelopment: true);
        }

        if (authorization is not { Length: > 7 } || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return new DashboardViewer.Unknown("Sign in with Microsoft Entra ID (a bearer token) to see program dashboards.");
        }

        var oid = await ValidateAsync(authorization[7..].Trim(), cancellationToken);
        var signedInTenant = TenantId.From(programsOptions.Value.SignIn.TenantId) ?? TenantId.From(botOptions.Value.MicrosoftAppTenantId);
        return oid is null ? new DashboardViewer.Unknown("The sign-in token was not accepted.") : new DashboardViewer.Known(new UserId(oid), false, signedInTenant);
    }

    private async Task<string?> ValidateAsync(string rawToken, CancellationToken cancellationToken)
    {
        var bot = botOptions.Value;
        var signIn = programsOptions.Value.SignIn;
        var tenant = string.IsNullOrWhiteSpace(signIn.TenantId) ? bot.MicrosoftAppTenantId : signIn.TenantId.Trim();
        if (string.IsNullOrWhiteSpace(tenant))
        {
            LogRefused(logger, "no tenant configured (Programs:SignIn:TenantId or MicrosoftAppTenantId)");
            return null;
        }

        JsonWebToken unvalidated;
        try
        {
            unvalidated = _handler.ReadJsonWebToken(rawToken);
        }
        catch (Exception exception) when (exception is SecurityTokenMalformedException or ArgumentException)
        {
            LogRefused(logger, "malformed token");
            return null;
        }

        // Before any key lookup, so junk tokens cannot force metadata refreshes.
        if (!AllowedAlgorithms.Contains(unvalidated.Alg ?? "") || string.IsNullOrEmpty(unvalidated.Kid))
        {
            LogRefused(logger, "algorithm or key id not allowed");
            return null;
        }

        var metadataUrl = signIn.OpenIdMetadataUrl
            ?? new Uri($"https://login.microsoftonline.com/{Uri.EscapeDataString(tenant)}/v2.0/.well-known/openid-configuration");
        EndorsedOpenIdConfiguration configuration;
        try
        {
            configuration = await metadata.GetAsync(metadataUrl, cancellationToken);
            if (!configuration.KeyIds.Contains(unvalidated.Kid))
            {
                metadata.RequestRefresh(metadataUrl);
                configuration = await metadata.GetAsync(metadataUrl, cancellationToken);
            }
        }
        catch (InvalidOperationException exception)
        {
            LogMetadataUnavailable(logger, metadataUrl, exception);
            return null;
        }

        var audiences = signIn.Audiences.Count > 0 ? signIn.Audiences.ToList() : [bot.MicrosoftAppId!];
        var parameters = new TokenValidationParameters
        {
            ValidIssuers = [$"https://login.microsoftonline.com/{tenant}/v2.0", $"https://sts.windows.net/{tenant}/"],
            ValidAudiences = audiences,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = AllowedAlgorithms,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            // Lifetime is checked below against the injected clock, as the Bot Framework authenticator does.
            ValidateLifetime = false,
            RequireExpirationTime = true,
        };
        var result = await _handler.ValidateTokenAsync(unvalidated, parameters);
        if (!result.IsValid)
        {
            LogRefused(logger, result.Exception?.GetType().Name ?? "invalid token");
            return null;
        }

        var token = (JsonWebToken)result.SecurityToken;
        var now = time.GetUtcNow().UtcDateTime;
        var skew = authOptions.Value.ClockSkew;
        if (token.ValidTo == DateTime.MinValue || token.ValidTo < now - skew || (token.ValidFrom != DateTime.MinValue && token.ValidFrom > now + skew))
        {
            LogRefused(logger, "expired or not yet valid");
            return null;
        }

        if (!token.TryGetPayloadValue<string>("tid", out var tid) || !string.Equals(tid, tenant, StringComparison.OrdinalIgnoreCase))
        {
            LogRefused(logger, "other tenant");
            return null;
        }

        if (!token.TryGetPayloadValue<string>("oid", out var oid) || string.IsNullOrWhiteSpace(oid))
        {
            LogRefused(logger, "no oid claim");
            return null;
        }

        return oid;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a dashboard sign-in: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Entra OpenID metadata or keys from {MetadataUrl} are unavailable for the dashboard")]
    private static partial void LogMetadataUnavailable(ILogger logger, Uri metadataUrl, Exception exception);
}
