using System.Collections.Frozen;
using System.Globalization;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Bot.Protocol.Authentication;

/// <summary>What one validation profile trusts: where its keys come from, its issuers and audiences.</summary>
internal sealed record TokenProfileRules(
    TokenProfile Kind,
    Uri MetadataUrl,
    IReadOnlyList<string> ValidIssuers,
    IReadOnlyList<string> ValidAudiences,
    TimeSpan ClockSkew)
{
    private static readonly string[] AllowedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    public TokenValidationParameters ValidationParameters(EndorsedOpenIdConfiguration configuration) => new()
    {
        ValidIssuers = ValidIssuers,
        ValidAudiences = ValidAudiences,
        ValidateIssuer = true,
        ValidateAudience = true,
        // Lifetime is checked by the authenticator against the injected TimeProvider (IdentityModel's is internal).
        ValidateLifetime = false,
        RequireSignedTokens = true,
        ValidAlgorithms = AllowedAlgorithms,
        IssuerSigningKeys = configuration.SigningKeys,
        // The kid was already matched against the key set; trying other keys would only hide a rotation problem.
        TryAllIssuerSigningKeys = false,
        AuthenticationType = Kind == TokenProfile.BotFrameworkChannel
            ? TokenProfiles.ChannelAuthenticationType
            : TokenProfiles.EntraAuthenticationType,
        // Raw claim names (serviceurl, appid, azp, tid) are what the rest of the bot reads.
        NameClaimType = BotClaimTypes.AppId,
        RoleClaimType = "roles",
    };
}

/// <summary>Everything the authenticator decides with, computed once from configuration.</summary>
internal sealed record TokenRules(
    string? AppId,
    string? TenantId,
    TokenProfileRules Channel,
    TokenProfileRules Entra,
    FrozenSet<string> BotFrameworkEntraIssuers,
    FrozenSet<string> TenantEntraIssuers,
    FrozenSet<string> AllowedCallerAppIds)
{
    public static TokenRules From(BotFrameworkOptions bot, BotAuthenticationOptions auth)
    {
        var cloud = BotCloudEndpoints.For(auth.Cloud);
        var appId = string.IsNullOrWhiteSpace(bot.MicrosoftAppId) ? null : bot.MicrosoftAppId.Trim();
        var tenantId = string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId) ? null : bot.MicrosoftAppTenantId.Trim();

        var tenantIssuers = tenantId is null
            ? FrozenSet<string>.Empty
            : FrozenSet.Create(
                StringComparer.Ordinal,
                string.Format(CultureInfo.InvariantCulture, cloud.TenantIssuerV1Format, tenantId),
                string.Format(CultureInfo.InvariantCulture, cloud.TenantIssuerV2Format, tenantId));
        var fixedIssuers = cloud.FixedEntraIssuers.ToFrozenSet(StringComparer.Ordinal);

        // An empty app id never validates anything: the authenticator refuses tokens before they reach these rules.
        var ownAudience = appId ?? string.Empty;
        var channel = new TokenProfileRules(
            TokenProfile.BotFrameworkChannel,
            auth.ResolvedChannelMetadataUrl,
            [cloud.ChannelIssuer],
            [ownAudience],
            auth.ClockSkew);
        var entra = new TokenProfileRules(
            TokenProfile.Entra,
            auth.ResolvedEntraMetadataUrl,
            [.. fixedIssuers, .. tenantIssuers],
            // Entra tokens name the resource by its application id URI as often as by its client id; see decision 0022.
            [ownAudience, $"api://{ownAudience}", $"api://botid-{ownAudience}"],
            auth.ClockSkew);

        var allowedCallers = appId is null ? auth.AllowedCallerAppIds : [appId, .. auth.AllowedCallerAppIds];
        return new TokenRules(
            appId,
            tenantId,
            channel,
            entra,
            fixedIssuers,
            tenantIssuers,
            allowedCallers.ToFrozenSet(StringComparer.OrdinalIgnoreCase));
    }

    public TokenProfileRules ProfileFor(string? unvalidatedIssuer) =>
        unvalidatedIssuer is not null
        && (BotFrameworkEntraIssuers.Contains(unvalidatedIssuer) || TenantEntraIssuers.Contains(unvalidatedIssuer))
            ? Entra
            : Channel;
}
