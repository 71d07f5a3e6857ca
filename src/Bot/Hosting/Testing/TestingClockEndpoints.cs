using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MentorBot.Bot.Workers;

namespace MentorBot.Bot.Hosting.Testing;

/// <summary>
/// The Testing-only clock control (decision 0091). The route exists only when the host environment is <c>Testing</c>;
/// in every other environment it is never mapped and answers 404 like any unknown path.
/// </summary>
public static class TestingClockEndpoints
{
    public const string EnvironmentName = "Testing";

    public static IServiceCollection AddTestingClock(this IServiceCollection services, IHostEnvironment environment)
    {
        if (environment.IsEnvironment(EnvironmentName))
        {
            var clock = new TestingClock(TimeProvider.System);
            services.AddSingleton(clock);
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapTestingClock(this IEndpointRouteBuilder endpoints, IHostEnvironment environment)
    {
        if (environment.IsEnvironment(EnvironmentName))
        {
            endpoints.MapPost("/_testing/clock/advance", AdvanceAsync);
        }

        return endpoints;
    }

    private static async Task<IResult> AdvanceAsync(
        AdvanceClock body, TestingClock clock, IEnumerable<IDueWork> dueWork, CancellationToken cancellationToken)
    {
        if (body.By < TimeSpan.Zero)
        {
            return Results.Problem(title: "The clock only moves forward.", statusCode: StatusCodes.Status400BadRequest);
        }

        var now = clock.Advance(body.By);
        foreach (var work in dueWork)
        {
            await work.RunDueWorkAsync(cancellationToken);
        }

        return Results.Ok(new ClockNow(now));
    }

    internal sealed record AdvanceClock([property: JsonRequired] TimeSpan By);

    internal sealed record ClockNow(DateTimeOffset Now);
}
