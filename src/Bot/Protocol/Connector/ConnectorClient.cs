using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MentorBot.Bot.Protocol.Schema;
using Polly.Timeout;

namespace MentorBot.Bot.Protocol.Connector;

/// <summary>
/// Bot Connector REST v3 over <see cref="HttpClient"/>: path parameters escaped (Teams ids carry <c>:</c>, <c>@</c>,
/// <c>;</c>), tokens only to trusted serviceUrls, bounded retries, one forced token refresh on 401, and every
/// failure returned as a <see cref="SendOutcome"/>.
/// </summary>
public sealed partial class ConnectorClient(
    IHttpClientFactory httpClientFactory,
    IConnectorTokenProvider tokenProvider,
    TrustedServiceUrls trustedServiceUrls,
    ConnectorRetryPipeline retry,
    ILogger<ConnectorClient> logger) : IConnectorClient
{
    /// <summary>The named HttpClient; the factory rotates its handler, so this singleton never pins stale DNS.</summary>
    public const string HttpClientName = "BotConnector";

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    public async Task<SendOutcome> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        var wire = ForSending(activity);
        var response = await SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", Serialize(wire), cancellationToken);
        return ToActivityOutcome(response);
    }

    public async Task<SendOutcome> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        var wire = ForSending(activity);
        wire.ReplyToId ??= activityId;
        var response = await SendAsync(HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", Serialize(wire), cancellationToken);
        return ToActivityOutcome(response);
    }

    public async Task<SendOutcome> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        var wire = ForSending(activity);
        wire.Id = activityId;
        wire.Type ??= ActivityTypes.Message;
        var response = await SendAsync(HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", Serialize(wire), cancellationToken);
        return ToActivityOutcome(response);
    }

    public async Task<SendOutcome> DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Delete, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, cancellationToken);
        return response.Outcome ?? new SendOutcome.Sent(null);
    }

    public async Task<ConnectorResult<ConversationResourceResponse>> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(parameters, ProtocolJsonContext.Default.ConversationParameters);
        var response = await SendAsync(HttpMethod.Post, serviceUrl, "v3/conversations", body, cancellationToken);
        var result = ToResult(response, ProtocolJsonContext.Default.ConversationResourceResponse);
        return result.Value is { Id: null or "" } ? result with { Value = null, Outcome = InvalidResponse } : result;
    }

    public async Task<ConnectorResult<IReadOnlyList<ChannelAccount>>> GetConversationMembersAsync(string serviceUrl, string conversationId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members", null, cancellationToken);
        return ToResult(response, ProtocolJsonContext.Default.IReadOnlyListChannelAccount);
    }

    public async Task<ConnectorResult<TeamsChannelAccount>> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}", null, cancellationToken);
        return ToResult(response, ProtocolJsonContext.Default.TeamsChannelAccount);
    }

    public async Task<ConnectorResult<TeamsPagedMembersResult>> GetPagedMembersAsync(string serviceUrl, string conversationId, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        // As botbuilder's TeamsInfo: each query parameter only when set.
        var query = new List<string>(2);
        if (pageSize is { } size)
        {
            query.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"pageSize={size}"));
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add($"continuationToken={Escape(continuationToken)}");
        }

        var path = $"v3/conversations/{Escape(conversationId)}/pagedmembers" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        var response = await SendAsync(HttpMethod.Get, serviceUrl, path, null, cancellationToken);
        return ToResult(response, ProtocolJsonContext.Default.TeamsPagedMembersResult);
    }

    private static SendOutcome.Failed InvalidResponse => new(HttpStatusCode.BadGateway, "InvalidResponse");

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static byte[] Serialize(Activity activity) => JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity);

    /// <summary>The channel assigns id, timestamp and serviceUrl; a bot must not send them on new activities.</summary>
    private static Activity ForSending(Activity activity)
    {
        var wire = activity.ShallowCopy();
        wire.Id = null;
        wire.Timestamp = null;
        wire.ServiceUrl = null;
        return wire;
    }

    private SendOutcome ToActivityOutcome(RawResponse response)
    {
        if (response.Outcome is { } failure)
        {
            return failure;
        }

        // Logged so a POST that was retried after a lost response, and so posted twice, can be traced.
        var id = TryDeserialize(response.Body, ProtocolJsonContext.Default.ResourceResponse)?.Id;
        Log.Accepted(logger, id);
        return new SendOutcome.Sent(id);
    }

    private static ConnectorResult<T> ToResult<T>(RawResponse response, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (response.Outcome is { } failure)
        {
            return new(null, failure);
        }

        return TryDeserialize(response.Body, typeInfo) is { } value
            ? new(value, new SendOutcome.Sent(null))
            : new(null, InvalidResponse);
    }

    private static T? TryDeserialize<T>(byte[] body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The call's path without its identifiers, for the log (<c>/v3/conversations/{id}/activities/{id}</c>): conversation,
    /// activity and member ids lead to people, and log records are exported like spans.
    /// </summary>
    internal static string PathShape(string path)
    {
        var segments = path.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i - 1] is "conversations" or "activities" or "members" or "attachments" && segments[i].Length > 0)
            {
                segments[i] = "{id}";
            }
        }

        return string.Join('/', segments);
    }

    private async Task<RawResponse> SendAsync(HttpMethod method, string serviceUrl, string path, byte[]? body, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            Log.InvalidServiceUrl(logger, method.Method);
            return RawResponse.Failure(new SendOutcome.Failed(HttpStatusCode.BadRequest, "InvalidServiceUrl"));
        }

        if (!trustedServiceUrls.IsTrusted(baseUri))
        {
            Log.UntrustedServiceUrl(logger, baseUri.Host);
            return RawResponse.Failure(new SendOutcome.Failed(HttpStatusCode.Forbidden, "UntrustedServiceUrl"));
        }

        var target = new Uri(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + path);
        using var span = ProtocolTelemetry.StartSend(method);
        var raw = await SendCoreAsync(method, target, body, cancellationToken);
        ProtocolTelemetry.RecordSend(span, raw.Outcome);
        return raw;
    }

    private async Task<RawResponse> SendCoreAsync(HttpMethod method, Uri target, byte[]? body, CancellationToken cancellationToken)
    {
        try
        {
            var token = await tokenProvider.GetTokenAsync(forceRefresh: false, cancellationToken);
            var response = await SendWithRetriesAsync(method, target, body, token, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null)
            {
                // The cached token may have been revoked or rotated early: refresh once, then accept the verdict.
                response.Dispose();
                token = await tokenProvider.GetTokenAsync(forceRefresh: true, cancellationToken);
                response = await SendWithRetriesAsync(method, target, body, token, cancellationToken);
            }

            using (response)
            {
                if (ConnectorRetryPipeline.IsRetryable(response.StatusCode))
                {
                    // The pipeline counts the busy answers it retried; this one it handed back (retries spent, or a
                    // Retry-After longer than it will wait), and the operator must see it too.
                    ProtocolTelemetry.RecordBusyAnswer(response, retry.RetryAfter(response));
                }

                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var outcome = Classify(response, bytes);
                if (logger.IsEnabled(LogLevel.Debug))
                {
                    Log.ConnectorCall(logger, method.Method, PathShape(target.AbsolutePath), (int)response.StatusCode, outcome?.GetType().Name ?? nameof(SendOutcome.Sent));
                }

                return new RawResponse(bytes, outcome);
            }
        }
        catch (HttpRequestException exception)
        {
            Log.ConnectorUnreachable(logger, method.Method, target.Host, exception);
            return RawResponse.Failure(new SendOutcome.Failed(HttpStatusCode.BadGateway, "ConnectorUnreachable"));
        }
        catch (TimeoutRejectedException exception)
        {
            Log.ConnectorUnreachable(logger, method.Method, target.Host, exception);
            return RawResponse.Failure(new SendOutcome.Failed(HttpStatusCode.GatewayTimeout, "Timeout"));
        }
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(HttpMethod method, Uri target, byte[]? body, string? token, CancellationToken cancellationToken) =>
        await retry.Pipeline.ExecuteAsync(
            async ct =>
            {
                // A request message can be sent only once; build a fresh one for every attempt.
                using var request = new HttpRequestMessage(method, target);
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonMediaType } };
                }

                return await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, ct);
            },
            cancellationToken);

    private SendOutcome? Classify(HttpResponseMessage response, byte[] body)
    {
        var status = response.StatusCode;
        if ((int)status is >= 200 and < 300)
        {
            return null;
        }

        var code = TryDeserialize(body, ProtocolJsonContext.Default.ErrorResponse)?.Error?.Code;
        return status switch
        {
            _ when ConnectorRetryPipeline.IsRetryable(status) => new SendOutcome.Throttled(retry.RetryAfter(response)),
            HttpStatusCode.Forbidden when code is "BotNotInConversationRoster" => new SendOutcome.RecipientGone(RecipientGoneReason.BotNotInConversationRoster),
            HttpStatusCode.Forbidden when code is "ConversationBlockedByUser" => new SendOutcome.RecipientGone(RecipientGoneReason.ConversationBlockedByUser),
            HttpStatusCode.Forbidden when code is "ForbiddenOperationException" => new SendOutcome.RecipientGone(RecipientGoneReason.AppNotInstalledForUser),
            HttpStatusCode.Forbidden when code is "BotDisabledByAdmin" => new SendOutcome.RecipientGone(RecipientGoneReason.BotDisabledByAdmin),
            // A missing message is not a missing person: updating a deleted card must not forget the user.
            HttpStatusCode.NotFound when code is not "ActivityNotFoundInConversation" => new SendOutcome.RecipientGone(RecipientGoneReason.ConversationNotFound),
            _ => new SendOutcome.Failed(status, code),
        };
    }

    private readonly record struct RawResponse(byte[] Body, SendOutcome? Outcome)
    {
        public static RawResponse Failure(SendOutcome outcome) => new([], outcome);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Connector {Method} {Path} answered {Status} ({Outcome})")]
        public static partial void ConnectorCall(ILogger logger, string method, string path, int status, string outcome);

        [LoggerMessage(2, LogLevel.Warning, "Connector {Method} to {Host} failed without a usable response")]
        public static partial void ConnectorUnreachable(ILogger logger, string method, string host, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "Refused to call serviceUrl host {Host}: it is not a trusted Connector")]
        public static partial void UntrustedServiceUrl(ILogger logger, string host);

        [LoggerMessage(5, LogLevel.Debug, "Connector accepted activity {ActivityId}")]
        public static partial void Accepted(ILogger logger, string? activityId);

        [LoggerMessage(4, LogLevel.Warning, "Refused a {Method} Connector call: the serviceUrl is not an absolute http(s) URL")]
        public static partial void InvalidServiceUrl(ILogger logger, string method);
    }
}
