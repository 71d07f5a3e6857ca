using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Testing;

/// <summary>An RSA 2048 key with a kid and the Bot Framework channel ids it is endorsed for.</summary>
public sealed class TestSigningKey : IDisposable
{
    private readonly RSA _rsa;

    private TestSigningKey(string kid, RSA rsa, IReadOnlyList<string>? endorsements)
    {
        Kid = kid;
        _rsa = rsa;
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = kid };
        Endorsements = endorsements;
    }

    public string Kid { get; }

    public RsaSecurityKey SecurityKey { get; }

    /// <summary>Channel ids for the JWKS <c>endorsements</c> array; null = no array for this key (Entra keys).</summary>
    public IReadOnlyList<string>? Endorsements { get; }

    public static TestSigningKey Create(string kid, params string[] endorsements) => new(kid, RSA.Create(2048), endorsements);

    public static TestSigningKey CreateWithoutEndorsements(string kid) => new(kid, RSA.Create(2048), null);

    /// <summary>The public half as a JWKS entry, with <c>endorsements</c> when the key has them.</summary>
    public Dictionary<string, object> ToJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements is not null)
        {
            jwk["endorsements"] = Endorsements;
        }

        return jwk;
    }

    public void Dispose() => _rsa.Dispose();
}
