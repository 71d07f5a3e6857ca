using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Bot.Protocol.Authentication;

/// <summary>
/// OpenID metadata plus the Bot Framework's non-standard per-key <c>endorsements</c> (the channel ids a key may sign
/// for). Keys and endorsements come from the same JWKS response, so they can never disagree after a rotation.
/// </summary>
internal sealed class EndorsedOpenIdConfiguration(string metadataJson) : OpenIdConnectConfiguration(metadataJson)
{
    public FrozenDictionary<string, FrozenSet<string>> Endorsements { get; private set; } =
        FrozenDictionary<string, FrozenSet<string>>.Empty;

    public FrozenSet<string> KeyIds { get; private set; } = FrozenSet<string>.Empty;

    internal void LoadKeys(string jwksJson)
    {
        JsonWebKeySet = new JsonWebKeySet(jwksJson);
        foreach (var key in JsonWebKeySet.GetSigningKeys())
        {
            SigningKeys.Add(key);
        }

        KeyIds = SigningKeys.Where(k => k.KeyId is not null).Select(k => k.KeyId).ToFrozenSet(StringComparer.Ordinal);
        Endorsements = ReadEndorsements(jwksJson);
    }

    private static FrozenDictionary<string, FrozenSet<string>> ReadEndorsements(string jwksJson)
    {
        using var document = JsonDocument.Parse(jwksJson);
        var endorsements = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            return endorsements.ToFrozenDictionary(StringComparer.Ordinal);
        }

        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind == JsonValueKind.Object
                && key.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                && key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                endorsements[kid.GetString()!] = list.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!)
                    .ToFrozenSet(StringComparer.Ordinal);
            }
        }

        return endorsements.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>
/// Reads metadata and then its <c>jwks_uri</c> itself: the stock retriever keeps keys but gives endorsements no typed
/// home, and fetching the JWKS a second time on its own schedule could pair new keys with old endorsements.
/// </summary>
internal sealed class EndorsedOpenIdConfigurationRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(
        string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var metadataJson = await retriever.GetDocumentAsync(address, cancel);
        var configuration = new EndorsedOpenIdConfiguration(metadataJson);
        if (string.IsNullOrEmpty(configuration.JwksUri))
        {
            throw new InvalidOperationException("The OpenID metadata names no jwks_uri.");
        }

        var jwksJson = await retriever.GetDocumentAsync(configuration.JwksUri, cancel);
        configuration.LoadKeys(jwksJson);
        return configuration;
    }
}
