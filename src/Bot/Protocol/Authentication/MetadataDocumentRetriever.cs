using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;

namespace MentorBot.Bot.Protocol.Authentication;

/// <summary>
/// Fetches OpenID metadata and key documents. Every address is checked, not just the configured one: the metadata
/// names the <c>jwks_uri</c>, and a key set served over plain http from anywhere but loopback is never trusted.
/// </summary>
internal sealed class MetadataDocumentRetriever(IHttpClientFactory httpClientFactory, IOptions<BotAuthenticationOptions> options)
    : IDocumentRetriever
{
    public const string HttpClientName = "MentorBot.BotAuthentication.Metadata";

    // Real metadata and key sets are a few KB; anything near this is not a key set.
    public const int MaxDocumentBytes = 1024 * 1024;

    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var url)
            || !BotAuthenticationOptions.IsAllowedMetadataUrl(url, options.Value.RequireHttpsMetadata))
        {
            throw new InvalidOperationException("The OpenID metadata or key address is not an allowed https (or loopback) URL.");
        }

        var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.GetAsync(url, cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"OpenID document request failed with {(int)response.StatusCode}.", inner: null, response.StatusCode);
        }

        return await response.Content.ReadAsStringAsync(cancel);
    }
}
