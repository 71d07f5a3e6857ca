using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using MentorBot.Bot.Protocol.Authentication;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Persistence;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Protocol.Integration;

/// <summary>
/// Bot Builder's <c>CloudAdapter.ProcessAsync</c> for this bot: turns one POST to the messaging endpoint into a turn.
/// Client mistakes are answered with RFC 7807 problem details (400/401/413/415) and never reach the bot; a turn
/// that fails answers like Bot Builder (200 after the apology), and an unavailable store answers 503 + Retry-After.
/// </summary>
public sealed partial class BotFrameworkHttpAdapter(
    IBotAuthenticator authenticator,
    IConnectorClient connector,
    TrustedServiceUrls trustedServiceUrls,
    MiddlewareSet middleware,
    TurnErrorHandler turnErrors,
    IOptions<BotOptions> options,
    ILogger<BotFrameworkHttpAdapter> logger)
{
    public async Task ProcessAsync(HttpRequest request, HttpResponse response, IBot bot, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            response.Headers.Allow = HttpMethods.Post;
            await WriteProblemAsync(request, StatusCodes.Status405MethodNotAllowed, "Only POST is accepted here.");
            return;
        }

        if (!IsJson(request.ContentType))
        {
            await RejectAsync(request, StatusCodes.Status415UnsupportedMediaType, "Activities must be sent as application/json.");
            return;
        }

        var body = await ReadBodyAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            await RejectAsync(request, StatusCodes.Status413PayloadTooLarge, $"Activities larger than {options.Value.MaxRequestBodyBytes} bytes are not accepted.");
            return;
        }

        var activity = Parse(body);
        if (activity is null)
        {
            await RejectAsync(request, StatusCodes.Status400BadRequest, "The body is not a valid activity.");
            return;
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            await RejectAsync(request, StatusCodes.Status400BadRequest, "The activity has no type.");
            return;
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            // Every activity belongs to a conversation; without one there is nowhere to reply or keep state.
            await RejectAsync(request, StatusCodes.Status400BadRequest, "The activity has no conversation id.");
            return;
        }

        var authentication = await authenticator.AuthenticateAsync(
            request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
            activity.ChannelId,
            activity.ServiceUrl,
            cancellationToken);
        if (!authentication.Succeeded)
        {
            // The reason stays in our log; the caller learns only that it was refused.
            Log.Unauthenticated(logger, authentication.FailureReason);
            ProtocolTelemetry.RecordRejection(authentication.FailureReason);
            response.Headers.WWWAuthenticate = "Bearer";
            await WriteProblemAsync(request, StatusCodes.Status401Unauthorized, null);
            return;
        }

        if (!authentication.IsAnonymous && activity.ServiceUrl is { } serviceUrl)
        {
            // Only the token's own serviceurl claim (already matched to the activity) binds a URL to it (decision 0254).
            trustedServiceUrls.TrustAuthenticated(serviceUrl, boundByClaim: authentication.ServiceUrl is not null);
        }

        var turnContext = new TurnContext(activity, connector);
        turnContext.TurnState.Set<ClaimsIdentity>(authentication.Identity!);
        await RunTurnAsync(turnContext, bot, request, response, cancellationToken);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType is { } type
        && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            if (length > limit)
            {
                return null;
            }

            // The usual case (Teams always sends Content-Length): read straight into an array of exactly that size.
            var body = new byte[length];
            var filled = 0;
            int read;
            while (filled < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }

            return filled == body.Length ? body : body[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                // Chunked bodies have no Content-Length: stop reading as soon as the limit is passed.
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static Activity? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ProtocolJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static StorageUnavailableException? FindStorageUnavailable(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is StorageUnavailableException storage)
            {
                return storage;
            }
        }

        return null;
    }

    private static Task WriteProblemAsync(HttpRequest request, int status, string? detail) =>
        TypedResults.Problem(detail: detail, statusCode: status).ExecuteAsync(request.HttpContext);

    private static async Task WriteInvokeResponseAsync(HttpResponse response, InvokeResponse invokeResponse, CancellationToken cancellationToken)
    {
        response.StatusCode = invokeResponse.Status;
        if (invokeResponse.Body is { } body)
        {
            response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(response.Body, body, ProtocolJsonContext.Default.JsonElement, cancellationToken);
        }
    }

    private async Task RunTurnAsync(TurnContext turnContext, IBot bot, HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        var isInvoke = turnContext.Activity.IsType(ActivityTypes.Invoke);
        using var turn = TurnScope.Begin(turnContext.Activity);
        try
        {
            await middleware.RunAsync(turnContext, bot.OnTurnAsync, cancellationToken);
        }
        catch (Exception exception) when (FindStorageUnavailable(exception) is { } storage)
        {
            turn.Outcome = "storage_unavailable";
            await turnErrors.HandleStorageUnavailableAsync(turnContext, exception, cancellationToken);
            var retryAfter = storage.RetryAfter ?? options.Value.StorageRetryAfter;
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteProblemAsync(request, StatusCodes.Status503ServiceUnavailable, "Storage is temporarily unavailable.");
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            turn.Outcome = "error";
            await turnErrors.HandleAsync(turnContext, exception, cancellationToken);
            if (!isInvoke)
            {
                // As Bot Builder: the failure was handled (logged, user told), so the channel gets its 200.
                response.StatusCode = StatusCodes.Status200OK;
                return;
            }

            // A card action shows this text under the card; other invokes have no friendlier channel than a 500.
            if (string.Equals(turnContext.Activity.Name, AdaptiveCardInvokeValue.InvokeName, StringComparison.Ordinal))
            {
                var error = AdaptiveCardInvokeResponse.Error(500, "InternalError", TurnErrorHandler.Apology);
                await WriteInvokeResponseAsync(response, InvokeResponse.FromAdaptiveCard(error), cancellationToken);
            }
            else
            {
                await WriteProblemAsync(request, StatusCodes.Status500InternalServerError, null);
            }

            return;
        }

        if (isInvoke)
        {
            await WriteInvokeResponseAsync(response, turnContext.InvokeResponse ?? InvokeResponse.NotImplemented(), cancellationToken);
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
        }
    }

    private async Task RejectAsync(HttpRequest request, int status, string detail)
    {
        Log.Rejected(logger, status, detail);
        await WriteProblemAsync(request, status, detail);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Rejected an activity with {Status}: {Reason}")]
        public static partial void Rejected(ILogger logger, int status, string reason);

        [LoggerMessage(2, LogLevel.Warning, "Rejected an unauthenticated activity: {Reason}")]
        public static partial void Unauthenticated(ILogger logger, string? reason);
    }
}
