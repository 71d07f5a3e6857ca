using System.Reflection;
using MentorBot.Bot.Protocol;
using System.Text;
using MentorBot.Bot.Hosting;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Invitations;
using MentorBot.Core.Programs.Reporting;
using MentorBot.Bot.Workers;
using MentorBot.Core.Skills;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Programs;

/// <summary>Marks the few <c>/programs</c> routes that carry no program data (scripts, styles) and so need no owner.</summary>
public sealed class PublicAssetMetadata;

public static class ProgramEndpoints
{
    public const string CsvContentType = "text/csv";

    /// <summary>The dashboard page and the tab shell: our own scripts and styles only, framed only by Teams.</summary>
    private const string PageSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft";

    /// <summary>The program owners' dashboard, exports, participant import and concerns inbox under <c>/programs</c>.</summary>
    public static RouteGroupBuilder MapProgramDashboard(this IEndpointRouteBuilder endpoints)
    {
        var assets = endpoints.MapGroup("/programs/assets").WithMetadata(new PublicAssetMetadata());
        assets.MapGet("/chart.js", ChartJs);
        assets.MapGet("/dashboard.js", () => Embedded("dashboard.js", "text/javascript; charset=utf-8"));
        assets.MapGet("/dashboard.css", () => Embedded("dashboard.css", "text/css; charset=utf-8"));
        assets.MapGet("/tab.js", () => Embedded("tab.js", "text/javascript; charset=utf-8"));
        assets.MapGet("/rounds.js", () => Embedded("rounds.js", "text/javascript; charset=utf-8"));
        assets.MapGet("/editor.js", () => Embedded("editor.js", "text/javascript; charset=utf-8"));
        assets.MapGet("/teams-js.js", TeamsJs);

        // The manifest's static tab: a public shell with no data in it; every number comes from the owner-only routes.
        endpoints.MapGet("/dashboard", TabShell).WithMetadata(new PublicAssetMetadata());

        var programs = endpoints.MapGroup("/programs").AddEndpointFilter<ProgramOwnerFilter>();
        programs.MapGet("/", ListAsync);
        programs.MapGet("/{id}", PageAsync);
        programs.MapGet("/{id}/metrics", MetricsAsync);
        programs.MapGet("/{id}/export/{kind}.csv", ExportAsync);
        programs.MapPost("/{id}/participants/import", ImportAsync);
        programs.MapPost("/{id}/invitations", InviteAsync);
        programs.MapGet("/{id}/concerns", ConcernsAsync).WithMetadata(new ConcernRouteMetadata());
        programs.MapPost("/{id}/concerns/{concernId}/actions", ActAsync).WithMetadata(new ConcernRouteMetadata());
        programs.MapOutcomes();
        programs.MapRoundEditing();
        endpoints.MapProgramEditor(programs);
        SessionDashboard.Map(programs);
        return programs;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IProgramStore store)
    {
        var request = ProgramRequest.Of(http);
        var viewer = request.Viewer;
        var owned = (await store.ListInTenantAsync(request.Tenant, http.RequestAborted))
            .Select(p => p.Value)
            .Where(p => ProgramAccess.CanView(viewer, p))
            .Select(p => new ProgramSummaryView(p.Id.Value, p.Name, p.Goals.Purpose, p.Cohort.Start.ToString("yyyy-MM-dd", null), p.Cohort.End.ToString("yyyy-MM-dd", null)))
            .ToList();
        return Results.Json<IReadOnlyList<ProgramSummaryView>>(owned, DashboardJsonContext.Default.IReadOnlyListProgramSummaryView);
    }

    private static async Task<IResult> PageAsync(
        HttpContext http, ProgramActivityLoader loader, ChartJsFile chartJs, ConcernInbox concerns, IMentorshipStore mentorships, IProfileStore profiles,
        SkillCatalog catalog, TimeProvider time, AnonymousMode anonymousMode, InvitationService invitations)
    {
        var request = ProgramRequest.Of(http);
        var texts = DashboardTexts.For(http.Request);
        var view = await ViewAsync(request.RequiredProgram, loader, catalog, time, invitations, http.RequestAborted, texts.Culture);
        var inbox = await InboxAsync(request, concerns, mentorships, profiles, http.RequestAborted);
        var html = DashboardPage.Render(view, request.LocalDevelopment ? request.Viewer : null, chartJs.Exists, inbox, anonymousMode.ProductionNotice, texts);
        http.Response.Headers.ContentLanguage = texts.Culture.Name;
        http.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<IResult> MetricsAsync(HttpContext http, ProgramActivityLoader loader, SkillCatalog catalog, TimeProvider time, InvitationService invitations) =>
        Results.Json(await ViewAsync(ProgramRequest.Of(http).RequiredProgram, loader, catalog, time, invitations, http.RequestAborted), DashboardJsonContext.Default.DashboardView);

    private static async Task<IResult> ExportAsync(HttpContext http, string kind, ProgramActivityLoader loader, TimeProvider time)
    {
        var program = ProgramRequest.Of(http).RequiredProgram;
        // Headers in the viewer's language (?lang=, else Accept-Language, else en-US); the rows stay data.
        var headers = DashboardTexts.For(http.Request).CsvHeaders();
        Action<TextWriter, ProgramActivity, DateTimeOffset>? write = kind switch
        {
            "pairings" => (w, a, _) => ProgramCsvExport.WritePairings(w, a.Pairings, headers),
            "checkins" => (w, a, now) => ProgramCsvExport.WriteCheckIns(w, a, now, headers),
            "feedback" => (w, a, now) => ProgramCsvExport.WriteFeedback(w, a, now, headers),
            _ => null,
        };
        if (write is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such export", detail: "Exports: pairings, checkins, feedback.");
        }

        var activity = await loader.LoadAsync(program.Id, http.RequestAborted);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        write(text, activity, time.GetUtcNow());
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return Results.File(bytes, CsvContentType + "; charset=utf-8", $"{program.Id.Value}-{kind}.csv");
    }

    private static async Task<IResult> ImportAsync(
        HttpContext http, [FromQuery] bool? dryRun, ParticipantImportService import, IOptions<ProgramsOptions> options)
    {
        var program = ProgramRequest.Of(http).RequiredProgram;
        if (http.Request.ContentType is not { } type || !type.StartsWith(CsvContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the file as text/csv");
        }

        if (http.Request.ContentLength > options.Value.MaxImportBytes)
        {
            return TooLarge(options.Value.MaxImportBytes);
        }

        var run = await import.RunAsync(http.Request.Body, program.Id, program.Tenant, dryRun ?? true, http.RequestAborted);
        if (run is ImportRun.Refused { Problems: [{ Kind: Core.Programs.Import.ImportProblemKind.FileTooLarge }] })
        {
            return TooLarge(options.Value.MaxImportBytes);
        }

        if (run is ImportRun.Refused refused)
        {
            var problems = refused.Problems.Select(p => new ImportProblemView(p.Line, p.Kind.ToString(), p.Column, p.Message)).ToList();
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The file has problems; nothing was imported",
                detail: $"{problems.Count} problem(s). Fix them in the spreadsheet and upload it again.",
                extensions: new Dictionary<string, object?> { ["problems"] = problems });
        }

        return Results.Json(((ImportRun.Done)run).Result, DashboardJsonContext.Default.ImportResultView);
    }

    /// <summary>Writes a pending row for every imported person not yet invited and starts installing in the background (decision 0373).</summary>
    private static async Task<IResult> InviteAsync(HttpContext http, InvitationService invitations, InvitationRunner runner)
    {
        var request = ProgramRequest.Of(http);
        var program = request.RequiredProgram;
        switch (await invitations.PrepareAsync(program.Id, request.Viewer, http.RequestAborted))
        {
            case InviteOutcome.Prepared prepared:
                var installing = prepared.ShareLink is null && prepared.Pending > 0;
                runner.Start(program.Id);
                return Results.Json(
                    new InvitationStartView(prepared.Pending, prepared.AlreadyDone, installing, prepared.ShareLink),
                    DashboardJsonContext.Default.InvitationStartView,
                    statusCode: StatusCodes.Status202Accepted);
            case InviteOutcome.NotAllowed:
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the program's owners can invite");
            default:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such program");
        }
    }

    private static IResult TooLarge(long limit) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The file is too large",
        detail: $"Upload at most {limit / 1024} KB; split the file.");

    private static async Task<IResult> ConcernsAsync(HttpContext http, ConcernInbox inbox)
    {
        var views = (await ReadableConcernsAsync(ProgramRequest.Of(http), inbox, http.RequestAborted))
            .Select(c => new ConcernView(c.Concern.Id.Value, c.Concern.Mentorship.Value, c.Concern.RaisedBy.AadObjectId, c.Concern.RaisedAt, c.Concern.Text,
                c.Concern.State.ToString(), [.. c.Audit.Select(a => new AuditView(a.Action.ToString(), a.Actor.AadObjectId, a.At, a.Note))]))
            .ToList();
        return Results.Json<IReadOnlyList<ConcernView>>(views, DashboardJsonContext.Default.IReadOnlyListConcernView);
    }

    /// <summary>The concerns inbox rows for the page: names resolved, newest first.</summary>
    private static async Task<IReadOnlyList<ConcernRow>> InboxAsync(
        ProgramRequest request, ConcernInbox concerns, IMentorshipStore mentorships, IProfileStore profiles, CancellationToken cancellationToken)
    {
        var rows = new List<ConcernRow>();
        foreach (var (concern, audit) in (await ReadableConcernsAsync(request, concerns, cancellationToken)).OrderByDescending(c => c.Concern.RaisedAt))
        {
            var pairing = (await mentorships.GetAsync(concern.Mentorship, cancellationToken))?.Value;
            var other = pairing is not null && pairing.Involves(concern.RaisedBy) ? pairing.OtherThan(concern.RaisedBy) : (UserId?)null;
            rows.Add(new ConcernRow(
                concern.Id.Value,
                await NameAsync(concern.RaisedBy),
                other is { } o ? await NameAsync(o) : "—",
                concern.RaisedAt,
                concern.Text,
                concern.State.ToString(),
                pairing?.State.Status.ToString() ?? "—",
                audit.Count));
        }

        return rows;

        async Task<string> NameAsync(UserId person) => (await profiles.GetAsync(person, cancellationToken))?.Value.DisplayName ?? person.AadObjectId;
    }

    /// <summary>
    /// The concerns the viewer may read, with their audit trails, oldest first: never one about a pairing the viewer is
    /// part of (<see cref="ConcernInbox"/>, decision 0240).
    /// </summary>
    private static async Task<IReadOnlyList<(Concern Concern, IReadOnlyList<ConcernAuditEntry> Audit)>> ReadableConcernsAsync(
        ProgramRequest request, ConcernInbox inbox, CancellationToken cancellationToken)
    {
        var program = request.RequiredProgram;
        var concerns = new List<(Concern, IReadOnlyList<ConcernAuditEntry>)>();
        foreach (var concern in await inbox.VisibleAsync(request.Viewer, program, cancellationToken))
        {
            concerns.Add((concern, await inbox.AuditAsync(program.Id, concern.Id, cancellationToken)));
        }

        return concerns;
    }

    private static async Task<IResult> ActAsync(HttpContext http, string concernId, ConcernActions actions)
    {
        var request = ProgramRequest.Of(http);
        ConcernActionRequest? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync(DashboardJsonContext.Default.ConcernActionRequest, http.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }
        catch (InvalidOperationException)
        {
            body = null;
        }

        var outcome = body is null
            ? new ConcernActionOutcome.UnknownAction()
            : await actions.ActAsync(request.RequiredProgram, new ConcernId(concernId), body, request.Viewer, http.RequestAborted);
        var t = OwnerPageTexts.For(http.Request);
        return outcome switch
        {
            ConcernActionOutcome.Done done => Results.Json(done.Result, DashboardJsonContext.Default.ConcernActionResultView),
            ConcernActionOutcome.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: t["Concern.NotFound"]),
            ConcernActionOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: t["Concern.Conflict"]),
            ConcernActionOutcome.Refused refused => Results.Problem(
                statusCode: refused.Reason == ConcernRefusal.AlreadyResolved ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
                title: RefusalText(refused.Reason, t)),
            _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Send JSON {\"action\": \"acknowledge|pause|re-pair|close\", \"note\": \"…\"}"),
        };
    }

    /// <summary>Why a concern action was refused, in the viewer's language (the dashboard shows the problem's title).</summary>
    private static string RefusalText(ConcernRefusal reason, OwnerPageTexts t) => reason switch
    {
        ConcernRefusal.AlreadyResolved => t["Concern.AlreadyResolved"],
        ConcernRefusal.NoteRequired => t["Concern.NoteRequired"],
        ConcernRefusal.NoteTooLong => t.Format("Concern.NoteTooLong", Concern.MaxNoteLength),
        _ => t["Concern.NotOwner"],
    };

    private static async Task<DashboardView> ViewAsync(
        MentoringProgram program, ProgramActivityLoader loader, SkillCatalog catalog, TimeProvider time, InvitationService invitations, CancellationToken cancellationToken,
        System.Globalization.CultureInfo? reader = null) =>
        DashboardView.From(
            program, await loader.LoadAsync(program.Id, cancellationToken), time.GetUtcNow(), id => reader is null ? catalog.NameOf(id) : catalog.NameIn(id, reader))
            with { Invitations = InvitationsView.Of(await invitations.SummarizeAsync(program.Id, cancellationToken)) };

    private static IResult ChartJs(ChartJsFile chartJs) =>
        chartJs.Exists
            ? Results.File(chartJs.Path!, "text/javascript; charset=utf-8")
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Chart.js is not installed; the dashboard shows tables only");

    private static IResult TeamsJs(TeamsJsFile teamsJs) =>
        teamsJs.Exists
            ? Results.File(teamsJs.Path!, "text/javascript; charset=utf-8")
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The Teams JavaScript SDK is not installed; the dashboard tab cannot sign in");

    private static IResult TabShell(HttpContext http, AnonymousMode anonymousMode)
    {
        http.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
        return Results.Content(
            $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>MentorBot program dashboard</title><link rel="stylesheet" href="/programs/assets/dashboard.css"></head>
            <body>{DashboardPage.AnonymousProductionBanner(anonymousMode.ProductionNotice)}<h1>Program dashboard</h1><p id="tab-status" class="note">Signing you in with Teams…</p>
            <script src="/programs/assets/teams-js.js"></script><script src="/programs/assets/tab.js"></script></body></html>
            """,
            "text/html; charset=utf-8");
    }

    private static IResult Embedded(string name, string contentType)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"MentorBot.Bot.Programs.Assets.{name}")
            ?? throw new InvalidOperationException($"The embedded asset {name} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Results.Text(reader.ReadToEnd(), contentType);
    }
}

/// <summary>Where Chart.js was found at start-up, if anywhere (decision 0200: served locally, never from a CDN).</summary>
internal sealed class ChartJsFile(IOptions<ProgramsOptions> options, IHostEnvironment environment)
{
    public string? Path { get; } = VendorScript.Locate(options.Value.ChartJsPath, environment);

    public bool Exists => Path is not null;
}

/// <summary>Where the Teams JavaScript SDK was found at start-up, for the dashboard tab's single sign-on.</summary>
internal sealed class TeamsJsFile(IOptions<ProgramsOptions> options, IHostEnvironment environment)
{
    public string? Path { get; } = VendorScript.Locate(options.Value.TeamsJsPath, environment);

    public bool Exists => Path is not null;
}

internal static class VendorScript
{
    /// <summary>An absolute path as is; a relative one against the content root and then its parent folders.</summary>
    public static string? Locate(string configured, IHostEnvironment environment)
    {
        if (System.IO.Path.IsPathRooted(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        // tools/ sits at the repository root; the host runs from src/Bot or its bin folder during development.
        for (var folder = new DirectoryInfo(environment.ContentRootPath); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, configured);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
