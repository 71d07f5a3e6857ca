using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using MentorBot.Bot.Cards;
using MentorBot.Core.Persistence;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Programs;

/// <summary>
/// The tenant's skill catalog for program owners (decision 0450), under <c>/programs/{id}/skills</c> behind the owner
/// filter: an owner of the program edits the catalog of the program's tenant. <c>GET …/skills</c> (JSON, or the page
/// for a browser) carries the catalog's version as <c>ETag</c>; <c>POST …/skills</c> adds
/// (<c>{"name","aliases","category","direction"}</c>), <c>POST …/skills/{skill}/retire</c> retires,
/// <c>POST …/skills/{skill}/merge</c> merges (<c>{"into"}</c>). Writes take <c>If-Match</c>; a stale one is 412 and
/// nothing is saved. Bad input is 400 problem details with one line per problem, in the viewer's language.
/// </summary>
public static class SkillCatalogEndpoints
{
    public static RouteGroupBuilder MapSkillCatalog(this RouteGroupBuilder programs)
    {
        programs.MapGet("/{id}/skills", GetAsync);
        programs.MapPost("/{id}/skills", AddAsync);
        programs.MapPost("/{id}/skills/{skill}/retire", RetireAsync);
        programs.MapPost("/{id}/skills/{skill}/merge", MergeAsync);
        return programs;
    }

    private static async Task<IResult> GetAsync(HttpContext http, TenantSkillCatalogs catalogs, ISkillCatalogStore store, IOptions<SkillCatalogOptions> options)
    {
        var request = ProgramRequest.Of(http);
        var tenant = request.RequiredProgram.Tenant;
        var stored = await store.GetAsync(tenant, http.RequestAborted);
        var catalog = stored is null ? await catalogs.ForAsync(tenant, http.RequestAborted) : catalogs.Saved(tenant, stored);
        var audit = await store.ListAuditAsync(tenant, 50, http.RequestAborted);
        var view = View(catalog, audit, options.Value.RefreshInterval);
        http.Response.Headers.ETag = (stored?.ETag ?? SkillCatalogEditor.Unsaved).Value;
        if (http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft";
            return Results.Content(Page(view, Texts(http)), "text/html; charset=utf-8");
        }

        return Results.Json(view, SkillCatalogJson.Default.SkillCatalogView);
    }

    private static async Task<IResult> AddAsync(HttpContext http, SkillCatalogEditor editor)
    {
        var body = await ReadAsync(http, SkillCatalogJson.Default.AddSkillBody);
        if (body is null)
        {
            return BadRequest(http);
        }

        var direction = body.Direction?.ToLowerInvariant() switch
        {
            "reverse" => SkillDirection.Reverse,
            "teach-back" => SkillDirection.TeachBack,
            _ => SkillDirection.Either,
        };
        var request = ProgramRequest.Of(http);
        var outcome = await editor.AddAsync(
            request.RequiredProgram.Tenant, request.Viewer.AadObjectId, new NewSkill(body.Name, body.Aliases ?? [], body.Category, direction), IfMatch(http), http.RequestAborted);
        return Answer(http, outcome, StatusCodes.Status201Created);
    }

    private static async Task<IResult> RetireAsync(HttpContext http, SkillCatalogEditor editor, string skill)
    {
        var request = ProgramRequest.Of(http);
        var outcome = await editor.RetireAsync(request.RequiredProgram.Tenant, request.Viewer.AadObjectId, new SkillId(skill), IfMatch(http), http.RequestAborted);
        return Answer(http, outcome, StatusCodes.Status200OK);
    }

    private static async Task<IResult> MergeAsync(HttpContext http, SkillCatalogEditor editor, string skill)
    {
        var body = await ReadAsync(http, SkillCatalogJson.Default.MergeSkillBody);
        if (body?.Into is not { Length: > 0 } into)
        {
            return BadRequest(http);
        }

        var request = ProgramRequest.Of(http);
        var outcome = await editor.MergeAsync(request.RequiredProgram.Tenant, request.Viewer.AadObjectId, new SkillId(skill), new SkillId(into), IfMatch(http), http.RequestAborted);
        return Answer(http, outcome, StatusCodes.Status200OK);
    }

    private static IResult Answer(HttpContext http, SkillEditOutcome outcome, int success)
    {
        var t = Texts(http);
        switch (outcome)
        {
            case SkillEditOutcome.Done done:
                http.Response.Headers.ETag = done.Stored.ETag.Value;
                var result = new SkillEditedView(done.Skill.Value, done.Catalog.NameOf(done.Skill), [.. done.Taken.Select(a => new TakenAliasView(a.Alias, a.From.Value))]);
                return Results.Json(result, SkillCatalogJson.Default.SkillEditedView, statusCode: success);
            case SkillEditOutcome.Conflict:
                return Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: t.GetString("Problem.Conflict", t.Culture));
            case SkillEditOutcome.Invalid invalid:
                var problems = invalid.Errors.Select(e => Describe(e, t)).ToArray();
                return Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: t.GetString("Problem.Invalid", t.Culture),
                    detail: string.Join(" ", problems),
                    extensions: new Dictionary<string, object?>
                    {
                        ["errors"] = invalid.Errors.Select(e => new Dictionary<string, object?> { ["field"] = e.Field, ["problem"] = e.Problem.ToString(), ["other"] = e.Other?.Value }).ToArray(),
                    });
            default:
                return BadRequest(http);
        }
    }

    private static string Describe(SkillEditError error, SkillCatalogTexts t)
    {
        var limit = error.Problem switch
        {
            SkillEditProblem.NameTooLong => SkillCatalogEditor.MaxNameLength,
            SkillEditProblem.AliasTooLong => SkillCatalogEditor.MaxAliasLength,
            SkillEditProblem.TooManyAliases => SkillCatalogEditor.MaxAliases,
            SkillEditProblem.CategoryTooLong => SkillCatalogEditor.MaxCategoryLength,
            SkillEditProblem.TooManySkills => SkillCatalogEditor.MaxOwnerSkills,
            _ => 0,
        };
        return string.Format(t.Culture, t.GetString("Problem." + error.Problem, t.Culture) ?? error.Problem.ToString(), limit, error.Text, error.Other?.Value);
    }

    private static IResult BadRequest(HttpContext http)
    {
        var t = Texts(http);
        return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: t.GetString("Problem.Invalid", t.Culture), detail: t.GetString("Problem.BadRequest", t.Culture));
    }

    private static async Task<T?> ReadAsync<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ETag? IfMatch(HttpContext http) =>
        http.Request.Headers.IfMatch.ToString() is { Length: > 0 } value ? new ETag(value) : null;

    /// <summary>The viewer's language, chosen like every dashboard page (<c>?lang=</c>, Accept-Language by quality, en-US).</summary>
    private static SkillCatalogTexts Texts(HttpContext http) => new(DashboardTexts.CultureOf(http.Request));

    private static SkillCatalogView View(TenantSkillCatalog catalog, IReadOnlyList<SkillCatalogAuditEntry> audit, TimeSpan refresh) => new(
        (int)refresh.TotalSeconds,
        catalog.Offered.Count,
        [.. catalog.Layer.Added.Select(s => new OwnerSkillView(s.Id.Value, s.Name, s.Category, s.Aliases, catalog.IsRetired(s.Id), catalog.MergedInto(s.Id)?.Value))],
        [.. catalog.Retired.Select(id => new NamedSkillView(id.Value, catalog.NameOf(id)))],
        [.. catalog.Layer.Merges.Select(m => new MergeView(m.Merged.Value, m.Survivor.Value, catalog.NameOf(m.Survivor)))],
        [.. audit.Select(a => new SkillAuditView(a.At, a.Actor, a.Action.ToString(), a.Skill.Value, a.SkillName, a.Into?.Value))]);

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Page(SkillCatalogView view, SkillCatalogTexts t)
    {
        string T(string key) => Encoder.Encode(t.GetString(key, t.Culture) ?? key);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html><html lang="{t.Culture.TwoLetterISOLanguageName}"><head><meta charset="utf-8"><title>{T("Page.Title")}</title>
            <link rel="stylesheet" href="/programs/assets/dashboard.css"></head><body><main>
            <h1>{T("Page.Title")}</h1><p>{Encoder.Encode(string.Format(t.Culture, t.GetString("Page.Intro", t.Culture)!, view.RefreshSeconds))}</p>
            <h2>{T("Page.Added")}</h2>
            """);
        List(html, view.Added.Select(s => $"{s.Name} — {string.Join(", ", s.Aliases)}"), T("Page.None"));
        html.Append(CultureInfo.InvariantCulture, $"<h2>{T("Page.Retired")}</h2>");
        List(html, view.Retired.Select(s => s.Name), T("Page.None"));
        html.Append(CultureInfo.InvariantCulture, $"<h2>{T("Page.Merged")}</h2>");
        List(html, view.Merged.Select(m => $"{m.Merged} → {m.SurvivorName}"), T("Page.None"));
        html.Append(CultureInfo.InvariantCulture, $"<h2>{T("Page.History")}</h2>");
        List(html, view.History.Select(a => $"{a.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC · {a.Actor} · {a.Action} · {a.SkillName}"), T("Page.None"));
        html.Append("</main></body></html>");
        return html.ToString();
    }

    private static void List(StringBuilder html, IEnumerable<string> items, string none)
    {
        var lines = items.ToList();
        if (lines.Count == 0)
        {
            html.Append("<p>").Append(none).Append("</p>");
            return;
        }

        html.Append("<ul>");
        foreach (var line in lines)
        {
            html.Append("<li>").Append(Encoder.Encode(line)).Append("</li>");
        }

        html.Append("</ul>");
    }
}

/// <summary>The catalog page's and problem details' texts (SkillCatalogTexts.resx, .sv.resx).</summary>
internal sealed class SkillCatalogTexts(CultureInfo culture) : ResourceManager("MentorBot.Bot.Programs.SkillCatalogTexts", typeof(SkillCatalogTexts).Assembly)
{
    public CultureInfo Culture => culture;
}

public sealed record AddSkillBody(string? Name, IReadOnlyList<string>? Aliases, string? Category, string? Direction);

public sealed record MergeSkillBody(string? Into);

public sealed record OwnerSkillView(string Id, string Name, string Category, IReadOnlyList<string> Aliases, bool Retired, string? MergedInto);

public sealed record NamedSkillView(string Id, string Name);

public sealed record MergeView(string Merged, string Survivor, string SurvivorName);

public sealed record SkillAuditView(DateTimeOffset At, string Actor, string Action, string Skill, string SkillName, string? Into);

public sealed record TakenAliasView(string Alias, string From);

public sealed record SkillEditedView(string Id, string Name, IReadOnlyList<TakenAliasView> TakenAliases);

public sealed record SkillCatalogView(int RefreshSeconds, int Offered, IReadOnlyList<OwnerSkillView> Added, IReadOnlyList<NamedSkillView> Retired, IReadOnlyList<MergeView> Merged, IReadOnlyList<SkillAuditView> History);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SkillCatalogView))]
[JsonSerializable(typeof(SkillEditedView))]
[JsonSerializable(typeof(AddSkillBody))]
[JsonSerializable(typeof(MergeSkillBody))]
internal sealed partial class SkillCatalogJson : JsonSerializerContext;
