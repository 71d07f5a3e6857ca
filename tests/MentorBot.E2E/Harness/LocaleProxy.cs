using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace MentorBot.E2E.Harness;

/// <summary>
/// A loopback forwarder between one Agents Playground and the bot that makes the Playground's person a Teams user
/// with another client language. The Playground (0.2.x) writes <c>locale: "en-US"</c> and a <c>clientInfo</c> entity
/// with <c>en-US</c> into every activity it generates (messages, submits, invokes, install events) and has no setting
/// for it; Teams sends the user's client language there. This rewrites exactly those two fields (and the entity's
/// <c>country</c>) and passes everything else through unchanged, both ways: the bot's answers (an invoke's card) go
/// back as they came, and the bot's proactive messages go straight to the Playground's own serviceUrl.
/// </summary>
public sealed class LocaleProxy : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly HttpClient _forward;
    private readonly Uri _bot;
    private readonly string _locale;
    private readonly string _country;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _rewritten;

    private LocaleProxy(HttpListener listener, Uri bot, string locale, int port)
    {
        _listener = listener;
        _bot = bot;
        _locale = locale;
        _country = new RegionInfo(locale).TwoLetterISORegionName;
        _forward = new HttpClient { Timeout = E2ESettings.ReplyTimeout };
        MessagingEndpoint = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{bot.AbsolutePath}"));
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>Give this to the Playground instead of the bot's endpoint.</summary>
    public Uri MessagingEndpoint { get; }

    /// <summary>Activities this proxy rewrote: a scenario can prove the bot got the other locale.</summary>
    public int Rewritten => Volatile.Read(ref _rewritten);

    /// <param name="botEndpoint">The bot's <c>/api/messages</c>; it may restart on the same port between scenarios.</param>
    /// <param name="locale">A Teams client locale, e.g. <c>sv-SE</c>.</param>
    public static LocaleProxy Start(Uri botEndpoint, string locale)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var listener = new HttpListener();
            listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
            try
            {
                listener.Start();
                return new LocaleProxy(listener, botEndpoint, locale, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Someone took the port between choosing and listening; choose again.
                listener.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is ObjectDisposedException or HttpListenerException or OperationCanceledException)
        {
            // Closing the listener ends the accept loop this way.
        }

        _forward.Dispose();
        _stop.Dispose();
    }

    /// <summary>The activity as Teams would send it from a client in <see cref="_locale"/>; anything else unchanged.</summary>
    internal string Rewrite(string body)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }

        if (parsed is not JsonObject activity || activity["type"] is null)
        {
            return body;
        }

        activity["locale"] = _locale;
        if (activity["entities"] is JsonArray entities)
        {
            foreach (var entity in entities.OfType<JsonObject>().Where(e => e["type"]?.GetValue<string>() == "clientInfo"))
            {
                entity["locale"] = _locale;
                entity["country"] = _country;
            }
        }

        Interlocked.Increment(ref _rewritten);
        return activity.ToJsonString();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            using var outgoing = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_bot, request.Url!.PathAndQuery));
            if (request.HasEntityBody)
            {
                using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync(_stop.Token);
                var isJson = request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
                outgoing.Content = new StringContent(isJson ? Rewrite(body) : body, Encoding.UTF8, "application/json");
            }

            foreach (var name in request.Headers.AllKeys.OfType<string>())
            {
                if (name is not ("Host" or "Content-Length" or "Content-Type" or "Connection" or "Transfer-Encoding"))
                {
                    outgoing.Headers.TryAddWithoutValidation(name, request.Headers.GetValues(name) ?? []);
                }
            }

            using var answer = await _forward.SendAsync(outgoing, _stop.Token);
            var bytes = await answer.Content.ReadAsByteArrayAsync(_stop.Token);
            context.Response.StatusCode = (int)answer.StatusCode;
            if (answer.Content.Headers.ContentType is { } type)
            {
                context.Response.ContentType = type.ToString();
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or HttpListenerException)
        {
            // The bot is restarting between scenarios, or the run is ending: the Playground sees a failed call, as it
            // would without the proxy.
            try
            {
                context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
            }
            catch (InvalidOperationException)
            {
                // The answer had already started; closing it is all that is left.
            }
        }
        finally
        {
            context.Response.Close();
        }
    }
}
