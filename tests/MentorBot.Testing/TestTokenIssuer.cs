using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MentorBot.Testing;

/// <summary>
/// Signs tokens the way the Bot Framework token service and Entra do (RS256 with a kid), plus the broken variants a
/// validator must refuse: unsigned (alg none), HMAC, wrong key.
/// </summary>
public sealed class TestTokenIssuer(TimeProvider timeProvider)
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    public TestTokenIssuer()
        : this(TimeProvider.System)
    {
    }

    public string Issue(TestToken token, TestSigningKey key) =>
        Create(token, new SigningCredentials(key.SecurityKey, token.Algorithm));

    /// <summary>A token with <c>alg: none</c> and no signature.</summary>
    public string IssueUnsigned(TestToken token) => Create(token, signingCredentials: null);

    /// <summary>HS256 with a random secret and the given kid: the classic "sign with the public key" confusion.</summary>
    public string IssueHmac(TestToken token, string kid)
    {
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = kid };
        return Create(token, new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
    }

    /// <summary>The token with its signature replaced by one from a different key (same kid in the header).</summary>
    public string IssueWithForgedSignature(TestToken token, TestSigningKey claimedKey)
    {
        var genuine = Issue(token, claimedKey);
        using var forger = TestSigningKey.Create(claimedKey.Kid);
        var forged = Issue(token, forger);
        return genuine[..genuine.LastIndexOf('.')] + forged[forged.LastIndexOf('.')..];
    }

    private string Create(TestToken token, SigningCredentials? signingCredentials)
    {
        var now = timeProvider.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in token.Claims)
        {
            if (value is not null)
            {
                claims[name] = value;
            }
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = token.Issuer,
            Audience = token.Audience,
            IssuedAt = (token.NotBefore ?? now).UtcDateTime,
            NotBefore = (token.NotBefore ?? now).UtcDateTime,
            Expires = token.OmitExpires ? null : (token.Expires ?? now + DefaultLifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = signingCredentials,
        };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var jwt = handler.CreateToken(descriptor);
        return signingCredentials is null ? Unsigned(jwt) : jwt;
    }

    // JsonWebTokenHandler writes alg "none" for unsigned tokens already; keep the header explicit so the test's
    // intent does not depend on that default.
    private static string Unsigned(string jwt)
    {
        var payload = jwt.Split('.')[1];
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        return $"{header}.{payload}.";
    }
}
