using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Integration;

namespace MentorBot.Bot.Hosting;

public static class BotEndpointRouteBuilderExtensions
{
    /// <summary>
    /// <c>POST /api/messages</c>, the messaging endpoint registered on the Azure Bot. Other verbs get a quick 405:
    /// the Agents Playground probes the endpoint with GET before it reports "Connected".
    /// </summary>
    public static IEndpointConventionBuilder MapBotEndpoint(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages")
    {
        endpoints.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], (RequestDelegate)(context =>
        {
            context.Response.Headers.Allow = HttpMethods.Post;
            return TypedResults.Problem(detail: "Only POST is accepted here.", statusCode: StatusCodes.Status405MethodNotAllowed).ExecuteAsync(context);
        }));

        return endpoints.MapPost(pattern, (RequestDelegate)(context =>
        {
            var services = context.RequestServices;
            return services.GetRequiredService<BotFrameworkHttpAdapter>()
                .ProcessAsync(context.Request, context.Response, services.GetRequiredService<IBot>(), context.RequestAborted);
        }));
    }
}
