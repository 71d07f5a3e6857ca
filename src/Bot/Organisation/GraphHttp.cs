using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Identity;
using MentorBot.Bot.Calendar;
using MentorBot.Core.Organisation;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MentorBot.Bot.Organisation;

/// <summary>
/// Plain HTTP to Microsoft Graph for the directory, free/busy and installs, with the calendar's token provider (one
/// token path: client secret or managed identity, decision 0123). Honours 429/503 <c>Retry-After</c> by waiting exactly
/// that long (up to <see cref="MaxWait"/>, <see cref="MaxAttempts"/> tries) and never sends the token to a host other
/// than the configured Graph host, whatever a next or delta link says.
/// </summary>
public sealed partial class GraphHttp(
    IHttpClientFactory clients,
    IAccessTokenProvider tokens,
    IOptions<GraphOptions> options,
    TimeProvider time,
    ILogger<GraphHttp> logger)
{
    public const string HttpClientName = "GraphDirectory";

    internal const int MaxAttempts = 6;
    internal static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    private readonly Uri _base = new(options.Value.BaseUrl.TrimEnd('/') + "/");

    /// <summary>An absolute URL for a path relative to the Graph base (<c>users/delta</c>).</summary>
    public Uri At(string relative) => new(_base, relative);

    /// <summary>Whether a link Graph handed back points at the configured Graph host (and so may carry our token).</summary>
    public bool IsOurs(Uri link) =>
        link.IsAbsoluteUri && string.Equals(link.Scheme, _base.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(link.Authority, _base.Authority, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Sends, waiting out throttling. Returns the final response (any status but a 429/503 that outlasted the waits);
    /// throws <see cref="DirectoryUnavailableException"/> when no token can be had or Graph cannot be reached.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, object? body, string operation, CancellationToken cancellationToken, string? prefer = null)
    {
        var token = await TokenAsync(url, operation, cancellationToken);
        var client = clients.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (prefer is not null)
            {
                request.Headers.TryAddWithoutValidation("Prefer", prefer);
            }

            if (body is JsonDocument json)
            {
                request.Content = new StringContent(json.RootElement.GetRawText(), Encoding.UTF8, "application/json");
            }
            else if (body is string text)
            {
                request.Content = new StringContent(text, Encoding.UTF8, "application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                Log.Unreachable(logger, operation, e);
                throw new DirectoryUnavailableException(DirectoryFailure.Unavailable, $"Graph could not be reached for {operation}.", e);
            }

            var status = (int)response.StatusCode;
            if (status is not (429 or 503 or 504) || attempt >= MaxAttempts)
            {
                return response;
            }

            var wait = RetryAfter(response) ?? DefaultWait;
            response.Dispose();
            if (wait > MaxWait)
            {
                Log.ThrottledTooLong(logger, operation, (int)wait.TotalSeconds);
                return new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            }

            Log.Throttled(logger, operation, status, wait.TotalSeconds);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    private async Task<string> TokenAsync(Uri url, string operation, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await tokens.GetAuthorizationTokenAsync(url, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is AuthenticationFailedException or CredentialUnavailableException or HttpRequestException or InvalidOperationException)
        {
            // Wrong secret, consent missing, identity endpoint down: say which setting to look at, never the secret.
            Log.TokenFailed(logger, operation, e.GetType().Name);
            throw new DirectoryUnavailableException(DirectoryFailure.TokenUnavailable, $"No Graph token for {operation}: check Graph:TenantId, Graph:ClientId and the secret or managed identity, and that admin consent was granted.", e);
        }

        if (string.IsNullOrEmpty(token))
        {
            Log.TokenFailed(logger, operation, "empty");
            throw new DirectoryUnavailableException(DirectoryFailure.TokenUnavailable, $"No Graph token for {operation} (the URL is not on the configured Graph host).");
        }

        return token;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } retry)
        {
            return null;
        }

        if (retry.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        return retry.Date is { } date ? Max(date - time.GetUtcNow(), TimeSpan.Zero) : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The Graph error code of a failed response (<c>error.code</c>), or null.</summary>
    public static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Graph throttled {Operation} ({Status}); waiting {Seconds} s as Retry-After asks")]
        public static partial void Throttled(ILogger logger, string operation, int status, double seconds);

        [LoggerMessage(2, LogLevel.Warning, "Graph asked to wait {Seconds} s for {Operation}, longer than MentorBot waits; the work is left for the next run")]
        public static partial void ThrottledTooLong(ILogger logger, string operation, int seconds);

        [LoggerMessage(3, LogLevel.Error, "No Microsoft Graph token for {Operation} ({Reason}): check Graph:TenantId, Graph:ClientId, the secret or managed identity, and admin consent. MentorBot carries on without the directory")]
        public static partial void TokenFailed(ILogger logger, string operation, string reason);

        [LoggerMessage(4, LogLevel.Warning, "Microsoft Graph could not be reached for {Operation}")]
        public static partial void Unreachable(ILogger logger, string operation, Exception exception);
    }
}
