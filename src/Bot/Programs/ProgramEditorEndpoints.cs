using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using MentorBot.Core;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using NodaTime.Text;

namespace MentorBot.Bot.Programs;

/// <summary>A program's settings as the JSON API shows them; <c>targetSkills</c> are catalog ids.</summary>
public sealed record ProgramSettingsView(
    string Id,
    string Name,
    string Purpose,
    string Start,
    string End,
    int EveryWeeks,
    int MeetingMinutes,
    int TermMonths,
    IReadOnlyList<string> TargetSkills,
    IReadOnlyList<string> Owners,
    IReadOnlyList<string> SafeguardContacts,
    bool ManagersMayBeCopied,
    int AnswerWindowHours,
    string State,
    bool JuniorsMayAsk)
{
    public static ProgramSettingsView Of(MentoringProgram p) => new(
        p.Id.Value, p.Name, p.Goals.Purpose, LocalDatePattern.Iso.Format(p.Cohort.Start), LocalDatePattern.Iso.Format(p.Cohort.End),
        p.Meetings.EveryWeeks, (int)p.Meetings.Length.TotalMinutes, p.TermMonths, [.. p.Goals.TargetSkills.Select(s => s.Value)],
        [.. p.Owners.Select(o => o.AadObjectId)], [.. p.Safeguarding.Select(o => o.AadObjectId)], p.ManagersMayBeCopied,
        (int)p.ReOfferWindow.TotalHours, p.State.ToString(), p.JuniorsMayAsk);
}

/// <summary>What a client sends to create or replace a program's settings; a missing value is a validation error.</summary>
public sealed record ProgramSettingsBody(
    string? Name,
    string? Purpose,
    string? Start,
    string? End,
    int? EveryWeeks,
    int? MeetingMinutes,
    int? TermMonths,
    IReadOnlyList<string>? TargetSkills,
    IReadOnlyList<string>? Owners,
    IReadOnlyList<string>? SafeguardContacts,
    bool? ManagersMayBeCopied,
    int? AnswerWindowHours,
    bool? JuniorsMayAsk = null)
{
    public ProgramInput ToInput(string? version) => new(
        Name ?? "",
        Purpose ?? "",
        Start ?? "",
        End ?? "",
        Number(EveryWeeks),
        Number(MeetingMinutes),
        Number(TermMonths),
        string.Join(", ", TargetSkills ?? []),
        string.Join(", ", Owners ?? []),
        string.Join(", ", SafeguardContacts ?? []),
        ManagersMayBeCopied ?? false,
        Number(AnswerWindowHours),
        version,
        JuniorsMayAsk ?? true);

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}

public sealed record ProgramStateBody(string? State);

public sealed record ProgramChangeView(DateTimeOffset At, string By, string Field, string? From, string? To);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProgramSettingsView))]
[JsonSerializable(typeof(ProgramSettingsBody))]
[JsonSerializable(typeof(ProgramStateBody))]
[JsonSerializable(typeof(IReadOnlyList<ProgramChangeView>))]
internal sealed partial class ProgramEditorJsonContext : JsonSerializerContext;

/// <summary>
/// Program settings for their owners (decision 0440): an HTML form (<c>/programs/new</c>, <c>/programs/{id}/edit</c>,
/// <c>…/state</c>, <c>…/delete</c>, <c>/programs/manage</c>) and a JSON API (<c>/programs/{id}/settings</c> with ETag /
/// If-Match, <c>POST /programs/new</c> with JSON, <c>/programs/{id}/history</c>). The per-program routes sit behind the
/// dashboard's owner filter; creating needs a program of one's own in the tenant or a place in <c>Programs:Creators</c>.
/// </summary>
public static class ProgramEditorEndpoints
{
    private const string PageSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft";

    /// <param name="owned">The dashboard's owner-only group (<c>/programs</c>).</param>
    public static void MapProgramEditor(this IEndpointRouteBuilder endpoints, RouteGroupBuilder owned)
    {
        var creating = endpoints.MapGroup("/programs").AddEndpointFilter<ProgramCreatorFilter>();
        creating.MapGet("/manage", ManageAsync);
        creating.MapGet("/new", NewForm);
        creating.MapPost("/new", CreateAsync);

        owned.MapGet("/{id}/edit", EditFormAsync);
        owned.MapPost("/{id}/edit", SaveFormAsync);
        owned.MapPost("/{id}/state", StateFormAsync);
        owned.MapPost("/{id}/delete", DeleteFormAsync);
        owned.MapGet("/{id}/settings", SettingsAsync);
        owned.MapPut("/{id}/settings", PutSettingsAsync);
        owned.MapDelete("/{id}/settings", DeleteSettingsAsync);
        owned.MapPut("/{id}/settings/state", PutStateAsync);
        owned.MapGet("/{id}/history", HistoryAsync);
    }

    /// <summary>The opaque version a page or client sends back: the store's ETag, base64url so any characters survive headers and forms.</summary>
    public static string Version(ETag etag) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(etag.Value));

    private static string? StoreVersion(string? version)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(version.Trim().Trim('"')));
        }
        catch (FormatException)
        {
            // Not one of ours: it cannot match anything stored, so the save is a conflict, never a blind overwrite.
            return "\u0000stale";
        }
    }

    private static async Task<IResult> ManageAsync(HttpContext http, IProgramStore store)
    {
        var request = ProgramRequest.Of(http);
        var owned = (await store.ListInTenantAsync(request.Tenant, http.RequestAborted)).Select(p => p.Value).Where(p => ProgramAccess.CanView(request.Viewer, p)).ToList();
        return Page(http, ProgramEditorPage.RenderList(owned, Local(request), mayCreate: true, Texts(http)));
    }

    private static IResult NewForm(HttpContext http, ProgramEditor editor)
    {
        var request = ProgramRequest.Of(http);
        return Page(http, ProgramEditorPage.Render(null, ProgramInput.New(request.Viewer, editor.Today), Empty, EditorNotice.None, null, Local(request), texts: Texts(http)));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ProgramEditor editor)
    {
        var request = ProgramRequest.Of(http);
        if (IsJson(http))
        {
            if (await ReadJsonAsync(http, ProgramEditorJsonContext.Default.ProgramSettingsBody) is not { } body)
            {
                return BadJson();
            }

            return await editor.CreateAsync(body.ToInput(null), request.Viewer, request.Tenant, http.RequestAborted) switch
            {
                ProgramSave.Saved saved => Json(http, saved.Program, StatusCodes.Status201Created, $"/programs/{Uri.EscapeDataString(saved.Program.Value.Id.Value)}/settings"),
                ProgramSave.Invalid invalid => Invalid(invalid),
                var other => Problem(other),
            };
        }

        var input = await ReadFormAsync(http);
        return await editor.CreateAsync(input, request.Viewer, request.Tenant, http.RequestAborted) switch
        {
            ProgramSave.Saved saved => Results.Redirect(ProgramEditorPage.Link($"/programs/{Uri.EscapeDataString(saved.Program.Value.Id.Value)}/edit", Local(request)) + Saved(Local(request))),
            ProgramSave.Invalid invalid => Page(http, ProgramEditorPage.Render(null, input, invalid.In(Texts(http)), EditorNotice.Invalid, null, Local(request), texts: Texts(http)), StatusCodes.Status400BadRequest),
            var other => Page(http, ProgramEditorPage.Render(null, input, Empty, EditorNotice.Refused, Reason(other), Local(request), texts: Texts(http)), StatusCodes.Status400BadRequest),
        };
    }

    private static async Task<IResult> EditFormAsync(HttpContext http, ProgramEditor editor, SkillCatalog catalog)
    {
        var request = ProgramRequest.Of(http);
        if (await editor.GetAsync(request.RequiredProgram.Id, http.RequestAborted) is not { } stored)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such program");
        }

        var saved = http.Request.Query.ContainsKey("saved");
        return Page(http, ProgramEditorPage.Render(
            stored.Value, FormOf(stored, catalog), Empty, saved ? EditorNotice.Saved : EditorNotice.None, saved ? Texts(http)["Editor.Saved"] : null, Local(request), texts: Texts(http)));
    }

    private static async Task<IResult> SaveFormAsync(HttpContext http, ProgramEditor editor, SkillCatalog catalog)
    {
        var request = ProgramRequest.Of(http);
        var typed = await ReadFormAsync(http);
        var input = typed with { Version = StoreVersion(typed.Version) };
        var program = request.RequiredProgram;
        switch (await editor.UpdateAsync(program.Id, input, request.Viewer, http.RequestAborted))
        {
            case ProgramSave.Saved saved:
                return ProgramAccess.CanView(request.Viewer, saved.Program.Value)
                    ? Results.Redirect(ProgramEditorPage.Link($"/programs/{Uri.EscapeDataString(program.Id.Value)}/edit", Local(request)) + Saved(Local(request)))
                    : Results.Redirect(ProgramEditorPage.Link("/programs/manage", Local(request)));
            case ProgramSave.Invalid invalid:
                return Page(http, ProgramEditorPage.Render(program, typed, invalid.In(Texts(http)), EditorNotice.Invalid, null, Local(request), texts: Texts(http)), StatusCodes.Status400BadRequest);
            case ProgramSave.Conflict { Current: { } current }:
                // What was typed stays; the version moves to the one now stored, so saving again is a deliberate overwrite.
                var theirs = FormOf(current, catalog);
                return Page(
                    http,
                    ProgramEditorPage.Render(current.Value, typed with { Version = theirs.Version }, Empty, EditorNotice.Conflict, null, Local(request), theirs, Texts(http)),
                    StatusCodes.Status409Conflict);
            case ProgramSave.Conflict:
                return Page(http, ProgramEditorPage.Render(program, typed, Empty, EditorNotice.Refused, Texts(http)["Editor.Deleted"], Local(request), texts: Texts(http)), StatusCodes.Status409Conflict);
            case var other:
                return Page(http, ProgramEditorPage.Render(program, typed, Empty, EditorNotice.Refused, Reason(other), Local(request), texts: Texts(http)), StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> StateFormAsync(HttpContext http, ProgramEditor editor, SkillCatalog catalog)
    {
        var request = ProgramRequest.Of(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!Enum.TryParse<ProgramState>(form["state"].ToString(), ignoreCase: true, out var state) || !Enum.IsDefined(state))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "state must be Running, Paused or Closed");
        }

        var outcome = await editor.ChangeStateAsync(request.RequiredProgram.Id, state, StoreVersion(form["version"]), request.Viewer, http.RequestAborted);
        return await AfterFormAsync(http, editor, catalog, outcome, Texts(http).Format("Editor.NowState", Texts(http)["Editor.State." + state].ToLower(Texts(http).Culture)));
    }

    private static async Task<IResult> DeleteFormAsync(HttpContext http, ProgramEditor editor, SkillCatalog catalog)
    {
        var request = ProgramRequest.Of(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var outcome = await editor.DeleteAsync(request.RequiredProgram.Id, StoreVersion(form["version"]), http.RequestAborted);
        return outcome is ProgramSave.Saved
            ? Results.Redirect(ProgramEditorPage.Link("/programs/manage", Local(request)))
            : await AfterFormAsync(http, editor, catalog, outcome, null);
    }

    private static async Task<IResult> AfterFormAsync(HttpContext http, ProgramEditor editor, SkillCatalog catalog, ProgramSave outcome, string? done)
    {
        var request = ProgramRequest.Of(http);
        var current = await editor.GetAsync(request.RequiredProgram.Id, http.RequestAborted);
        if (current is null)
        {
            return Results.Redirect(ProgramEditorPage.Link("/programs/manage", Local(request)));
        }

        var (notice, message, status) = outcome switch
        {
            ProgramSave.Saved => (EditorNotice.Saved, done, StatusCodes.Status200OK),
            ProgramSave.Conflict => (EditorNotice.Conflict, Texts(http)["Editor.ConflictAction"], StatusCodes.Status409Conflict),
            _ => (EditorNotice.Refused, Reason(outcome), StatusCodes.Status409Conflict),
        };
        return Page(http, ProgramEditorPage.Render(current.Value, FormOf(current, catalog), Empty, notice, message, Local(request), texts: Texts(http)), status);
    }

    private static async Task<IResult> SettingsAsync(HttpContext http, ProgramEditor editor) =>
        await editor.GetAsync(ProgramRequest.Of(http).RequiredProgram.Id, http.RequestAborted) is { } stored
            ? Json(http, stored)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such program");

    private static async Task<IResult> PutSettingsAsync(HttpContext http, ProgramEditor editor)
    {
        var request = ProgramRequest.Of(http);
        if (IfMatch(http) is not { } version)
        {
            return PreconditionRequired();
        }

        if (await ReadJsonAsync(http, ProgramEditorJsonContext.Default.ProgramSettingsBody) is not { } body)
        {
            return BadJson();
        }

        return await editor.UpdateAsync(request.RequiredProgram.Id, body.ToInput(version), request.Viewer, http.RequestAborted) switch
        {
            ProgramSave.Saved saved => Json(http, saved.Program),
            ProgramSave.Invalid invalid => Invalid(invalid),
            var other => Problem(other),
        };
    }

    private static async Task<IResult> PutStateAsync(HttpContext http, ProgramEditor editor)
    {
        var request = ProgramRequest.Of(http);
        if (IfMatch(http) is not { } version)
        {
            return PreconditionRequired();
        }

        if (await ReadJsonAsync(http, ProgramEditorJsonContext.Default.ProgramStateBody) is not { State: { } typed }
            || !Enum.TryParse<ProgramState>(typed, ignoreCase: true, out var state) || !Enum.IsDefined(state))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Send {\"state\": \"Running|Paused|Closed\"}");
        }

        return await editor.ChangeStateAsync(request.RequiredProgram.Id, state, version, request.Viewer, http.RequestAborted) switch
        {
            ProgramSave.Saved saved => Json(http, saved.Program),
            var other => Problem(other),
        };
    }

    private static async Task<IResult> DeleteSettingsAsync(HttpContext http, ProgramEditor editor)
    {
        if (IfMatch(http) is not { } version)
        {
            return PreconditionRequired();
        }

        return await editor.DeleteAsync(ProgramRequest.Of(http).RequiredProgram.Id, version, http.RequestAborted) switch
        {
            ProgramSave.Saved => Results.NoContent(),
            var other => Problem(other),
        };
    }

    private static async Task<IResult> HistoryAsync(HttpContext http, ProgramEditor editor) =>
        await editor.GetAsync(ProgramRequest.Of(http).RequiredProgram.Id, http.RequestAborted) is { } stored
            ? Results.Json<IReadOnlyList<ProgramChangeView>>(
                [.. stored.Value.History.Reverse().Select(h => new ProgramChangeView(h.At, h.By.AadObjectId, h.Field, h.From, h.To))],
                ProgramEditorJsonContext.Default.IReadOnlyListProgramChangeView)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such program");

    private static ProgramInput FormOf(Versioned<MentoringProgram> stored, SkillCatalog catalog) =>
        ProgramInput.From(stored.Value, stored.ETag, catalog) with { Version = Version(stored.ETag) };

    private static IResult Json(HttpContext http, Versioned<MentoringProgram> program, int status = StatusCodes.Status200OK, string? location = null)
    {
        http.Response.Headers.ETag = $"\"{Version(program.ETag)}\"";
        if (location is not null)
        {
            http.Response.Headers.Location = location;
        }

        return Results.Json(ProgramSettingsView.Of(program.Value), ProgramEditorJsonContext.Default.ProgramSettingsView, statusCode: status);
    }

    private static IResult Invalid(ProgramSave.Invalid invalid) => Results.ValidationProblem(
        invalid.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }),
        title: "Some settings need a look; nothing was saved");

    private static IResult Problem(ProgramSave outcome) => outcome switch
    {
        ProgramSave.Conflict { Current: { } current } => Results.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Another owner saved this program first; nothing was saved",
            detail: "Your values were not applied. Read the current settings (the 'current' member and its 'etag'), merge your changes and send them again with that ETag.",
            extensions: new Dictionary<string, object?> { ["current"] = ProgramSettingsView.Of(current.Value), ["etag"] = $"\"{Version(current.ETag)}\"" }),
        ProgramSave.Conflict => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such program (another owner may have deleted it)"),
        ProgramSave.Refused refused => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: refused.Reason),
        _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not done"),
    };

    private static string Reason(ProgramSave outcome) => outcome is ProgramSave.Refused refused ? refused.Reason : "Not done.";

    private static IResult PreconditionRequired() => Results.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "Send If-Match with the ETag you read",
        detail: "Program settings are only changed from a known version, so one owner never overwrites another's changes unseen.");

    private static IResult BadJson() => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest, title: "Send the settings as JSON (name, purpose, start, end, everyWeeks, meetingMinutes, …)");

    private static string? IfMatch(HttpContext http) => StoreVersion(http.Request.Headers.IfMatch.ToString());

    private static bool IsJson(HttpContext http) =>
        http.Request.ContentType is { } type && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    private static async Task<T?> ReadJsonAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return await http.Request.ReadFromJsonAsync(type, http.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static async Task<ProgramInput> ReadFormAsync(HttpContext http)
    {
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : null;
        string Get(string name) => form?[name].ToString() ?? "";
        return new ProgramInput(
            Get("name"), Get("purpose"), Get("start"), Get("end"), Get("everyWeeks"), Get("meetingMinutes"), Get("termMonths"),
            Get("targetSkills"), Get("owners"), Get("safeguardContacts"),
            string.Equals(Get("managersMayBeCopied"), "true", StringComparison.OrdinalIgnoreCase) || Get("managersMayBeCopied") == "on",
            Get("answerWindowHours"), Get("version"),
            string.Equals(Get("juniorsMayAsk"), "true", StringComparison.OrdinalIgnoreCase) || Get("juniorsMayAsk") == "on");
    }

    private static IResult Page(HttpContext http, string html, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers.ContentSecurityPolicy = PageSecurityPolicy;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentLanguage = Texts(http).Lang;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The page's language, as the dashboard's: <c>?lang=</c>, Accept-Language, en-US.</summary>
    private static OwnerPageTexts Texts(HttpContext http) => OwnerPageTexts.For(http.Request);

    private static UserId? Local(ProgramRequest request) => request.LocalDevelopment ? request.Viewer : null;

    private static string Saved(UserId? local) => local is null ? "?saved=1" : "&saved=1";

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}

/// <summary>
/// Guards creating programs and the "your programs" page: the viewer must be signed in (as for the dashboard) and
/// either own a program of their tenant or be listed in <c>Programs:Creators</c> (decision 0440).
/// </summary>
internal sealed class ProgramCreatorFilter(
    DashboardIdentity identity, IProgramStore programs, IProfileStore profiles, IOptions<ProgramsOptions> options, DefaultTenant? legacy = null) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await identity.IdentifyAsync(http.Request, http.RequestAborted) is not DashboardViewer.Known known)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Who is asking?", detail: "Sign in to manage programs.");
        }

        var tenant = known.Tenant is { } signedIn
            ? (legacy is null ? signedIn : legacy.InCore(signedIn))
            : (await profiles.GetAsync(known.Id, http.RequestAborted))?.Value.Tenant;
        var creator = options.Value.Creators.Any(c => string.Equals(c.Trim(), known.Id.AadObjectId, StringComparison.OrdinalIgnoreCase));
        if (!creator && !(await programs.ListInTenantAsync(tenant, http.RequestAborted)).Any(p => ProgramAccess.CanView(known.Id, p.Value)))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Only program owners can create programs",
                detail: "Ask an owner of a program to add you, or your Teams admin to list you in Programs:Creators.");
        }

        http.Features.Set(new ProgramRequest(known.Id, known.LocalDevelopment, null, tenant));
        return await next(context);
    }
}
