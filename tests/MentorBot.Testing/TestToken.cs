namespace MentorBot.Testing;

/// <summary>
/// What a test token says. Start from <see cref="Channel"/>, <see cref="EntraV1"/> or <see cref="EntraV2"/> and
/// change one thing with <c>with</c>; <see cref="TestTokenIssuer"/> fills in times from its clock.
/// </summary>
public sealed record TestToken(string Issuer, string Audience)
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string BotFrameworkTenantId = "d6d49420-f39b-4df7-a1dc-d59a935871db";

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? Expires { get; init; }

    /// <summary>Leave out <c>exp</c> entirely: a token that never expires, which validators must refuse.</summary>
    public bool OmitExpires { get; init; }

    /// <summary>JWS alg; RS256/RS384/RS512 with RSA keys.</summary>
    public string Algorithm { get; init; } = "RS256";

    /// <summary>Extra payload claims (serviceurl, appid, azp, ver, tid…). A null value removes the claim.</summary>
    public IReadOnlyDictionary<string, object?> Claims { get; init; } = new Dictionary<string, object?>();

    public static TestToken Channel(string appId, string serviceUrl) =>
        new(ChannelIssuer, appId) { Claims = new Dictionary<string, object?> { ["serviceurl"] = serviceUrl } };

    /// <summary>A v1 Entra token: <c>sts.windows.net/{tenant}/</c>, caller in <c>appid</c>.</summary>
    public static TestToken EntraV1(string audience, string callerAppId, string tenantId = BotFrameworkTenantId) =>
        new($"https://sts.windows.net/{tenantId}/", audience)
        {
            Claims = new Dictionary<string, object?> { ["ver"] = "1.0", ["appid"] = callerAppId, ["tid"] = tenantId },
        };

    /// <summary>A v2 Entra token: <c>login.microsoftonline.com/{tenant}/v2.0</c>, caller in <c>azp</c>.</summary>
    public static TestToken EntraV2(string audience, string callerAppId, string tenantId = BotFrameworkTenantId) =>
        new($"https://login.microsoftonline.com/{tenantId}/v2.0", audience)
        {
            Claims = new Dictionary<string, object?> { ["ver"] = "2.0", ["azp"] = callerAppId, ["tid"] = tenantId },
        };

    public TestToken WithClaim(string name, object? value) =>
        this with { Claims = new Dictionary<string, object?>(Claims) { [name] = value } };
}
