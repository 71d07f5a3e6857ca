using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Tenants;
using MentorBot.Core;

namespace MentorBot.Bot.Programs;

/// <summary>What the owner filter established for the handler: who is asking, and the program they own.</summary>
internal sealed record ProgramRequest(UserId Viewer, bool LocalDevelopment, MentoringProgram? Program, TenantId? Tenant = null)
{
    public MentoringProgram RequiredProgram => Program ?? throw new InvalidOperationException("The route has no program id.");

    public static ProgramRequest Of(HttpContext context) =>
        context.Features.Get<ProgramRequest>() ?? throw new InvalidOperationException("The program owner filter did not run.");
}

/// <summary>Marks the concerns routes, which a program's safeguarding and default contacts may also open (decision 0240).</summary>
public sealed class ConcernRouteMetadata;

/// <summary>
/// Guards every <c>/programs</c> route except the static assets: 401 when we cannot tell who is asking, 403 for anyone
/// who does not own the program in the route (or, for the list, any program). A program that does not exist is also
/// 403, so a non-owner cannot probe which program ids exist; so is a program of another tenant than the viewer's
/// (decision 0233): the signed-in token's tenant, or in local development the viewer's profile's (else the default).
/// The concerns routes also admit the program's safeguarding contacts and the tenant's default contacts; which concerns
/// anyone sees there is Core's rule (<see cref="ConcernInbox"/>).
/// </summary>
internal sealed class ProgramOwnerFilter(
    DashboardIdentity identity, IProgramStore programs, IProfileStore profiles, ConcernInbox concerns, DefaultTenant? legacy = null) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var viewer = await identity.IdentifyAsync(http.Request, http.RequestAborted);
        if (viewer is not DashboardViewer.Known known)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized, title: "Who is asking?", detail: ((DashboardViewer.Unknown)viewer).Reason);
        }

        var tenant = known.Tenant is { } signedIn
            ? (legacy is null ? signedIn : legacy.InCore(signedIn))
            : (await profiles.GetAsync(known.Id, http.RequestAborted))?.Value.Tenant;
        MentoringProgram? program = null;
        if (http.Request.RouteValues.TryGetValue("id", out var raw) && raw is string id)
        {
            program = (await programs.GetAsync(new ProgramId(id), http.RequestAborted))?.Value;
            var concernRoute = http.GetEndpoint()?.Metadata.GetMetadata<ConcernRouteMetadata>() is not null;
            if (program is null
                || program.Tenant != tenant
                || !(ProgramAccess.CanView(known.Id, program) || (concernRoute && concerns.MayOpen(known.Id, program))))
            {
                return Forbidden();
            }
        }
        else if (!(await programs.ListInTenantAsync(tenant, http.RequestAborted)).Any(p => ProgramAccess.CanView(known.Id, p.Value)))
        {
            return Forbidden();
        }

        http.Features.Set(new ProgramRequest(known.Id, known.LocalDevelopment, program, tenant));
        return await next(context);
    }

    private static IResult Forbidden() => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Only the program's owners can see this",
        detail: "Program dashboards, exports and concerns are for the people who run the program.");
}
