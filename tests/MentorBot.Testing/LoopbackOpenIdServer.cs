using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentorBot.Testing;

/// <summary>
/// An OpenID provider on <c>http://127.0.0.1:{random port}</c> (Kestrel): metadata at
/// <c>/v1/.well-known/openidconfiguration</c> (the Bot Framework's spelling) naming <c>/v1/.well-known/keys</c>,
/// whose JWKS carries each key's <c>endorsements</c>. Keys can be rotated while running; requests are counted
/// so tests can prove caching and refresh.
/// </summary>
public sealed class LoopbackOpenIdServer : IAsyncDisposable
{
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";
    public const string KeysPath = "/v1/.well-known/keys";

    private readonly WebApplication _app;
    private readonly string _issuer;
    private readonly ConcurrentDictionary<string, TestSigningKey> _keys = new(StringComparer.Ordinal);
    private int _metadataRequests;
    private int _keysRequests;

    private LoopbackOpenIdServer(WebApplication app, string issuer)
    {
        _app = app;
        _issuer = issuer;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public Uri MetadataUrl => new(BaseAddress, MetadataPath);

    public Uri KeysUrl => new(BaseAddress, KeysPath);

    public int MetadataRequestCount => Volatile.Read(ref _metadataRequests);

    public int KeysRequestCount => Volatile.Read(ref _keysRequests);

    /// <summary>Overrides the <c>jwks_uri</c> the metadata advertises (to test where a validator agrees to fetch keys).</summary>
    public Uri? AdvertisedKeysUrl { get; set; }

    /// <summary>When set, the metadata endpoint answers 302 to this address instead of serving metadata.</summary>
    public Uri? RedirectMetadataTo { get; set; }

    /// <summary>When set, every request answers 503, as an identity provider outage would.</summary>
    public bool Unavailable { get; set; }

    /// <param name="issuer">The <c>issuer</c> the metadata advertises (validators here use fixed issuers anyway).</param>
    public static async Task<LoopbackOpenIdServer> StartAsync(string issuer, params TestSigningKey[] keys)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackOpenIdServer(app, issuer);
        foreach (var key in keys)
        {
            server.Publish(key);
        }

        app.MapGet(MetadataPath, server.Metadata);
        app.MapGet(KeysPath, server.Keys);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public void Publish(TestSigningKey key) => _keys[key.Kid] = key;

    public void Unpublish(string kid) => _keys.TryRemove(kid, out _);

    /// <summary>Replaces the whole key set, as a provider's key rollover does.</summary>
    public void Rotate(params TestSigningKey[] keys)
    {
        _keys.Clear();
        foreach (var key in keys)
        {
            Publish(key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Metadata()
    {
        Interlocked.Increment(ref _metadataRequests);
        if (RedirectMetadataTo is { } target)
        {
            return Results.Redirect(target.AbsoluteUri);
        }

        return Unavailable
            ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
            : Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = _issuer,
                ["authorization_endpoint"] = new Uri(BaseAddress, "/v1/authorize").AbsoluteUri,
                ["jwks_uri"] = (AdvertisedKeysUrl ?? KeysUrl).AbsoluteUri,
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
            });
    }

    private IResult Keys()
    {
        Interlocked.Increment(ref _keysRequests);
        return Unavailable
            ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable)
            : Results.Json(new { keys = _keys.Values.OrderBy(k => k.Kid, StringComparer.Ordinal).Select(k => k.ToJwk()) });
    }
}
