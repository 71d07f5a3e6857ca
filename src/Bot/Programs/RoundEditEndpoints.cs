using System.Text.Json;
using MentorBot.Bot.Cards;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Skills;

namespace MentorBot.Bot.Programs;

/// <summary>
/// Editing a cohort round before publishing (issue 18, decision 0460), owner-only like every <c>/programs</c> route:
/// <list type="bullet">
/// <item><c>POST /programs/{id}/rounds</c>: a new preview (201, ETag <c>"r0"</c>).</item>
/// <item><c>GET /programs/{id}/rounds/{round}</c>: the editor page; <c>….json</c> the round with its ETag.</item>
/// <item><c>POST …/edits</c> with <c>If-Match</c>: pin, unpin, remove, restore, swap or rerun; the new revision back.</item>
/// <item><c>POST …/publish</c> with <c>If-Match</c>: sends exactly the revision named, else 412.</item>
/// </list>
/// Problems are RFC 7807 problem details: 400 bad edit, 404 unknown round, 409 published, 412 stale, 422 impossible pin, 428 no If-Match.
/// </summary>
public static class RoundEditEndpoints
{
    public static RouteGroupBuilder MapRoundEditing(this RouteGroupBuilder programs)
    {
        programs.MapPost("/{id}/rounds", PreviewAsync);
        programs.MapGet("/{id}/rounds/{roundId}.json", JsonAsync);
        programs.MapGet("/{id}/rounds/{roundId}", PageAsync);
        programs.MapPost("/{id}/rounds/{roundId}/edits", EditAsync);
        programs.MapPost("/{id}/rounds/{roundId}/publish", PublishAsync);
        return programs;
    }

    private static async Task<IResult> PreviewAsync(HttpContext http, ProgramRoundService rounds, MentoringViews views)
    {
        var request = ProgramRequest.Of(http);
        return await rounds.PreviewAsync(request.RequiredProgram.Id, request.Viewer, http.RequestAborted) switch
        {
            RoundPreviewOutcome.Ready ready => Round(http, RoundEditorPage.View(ready.Round, ready.People, views), StatusCodes.Status201Created),
            RoundPreviewOutcome.NotAnOwner => NotOwner(),
            _ => NoRound(),
        };
    }

    private static async Task<IResult> JsonAsync(HttpContext http, string roundId, ProgramRoundService rounds, MentoringViews views)
    {
        var request = ProgramRequest.Of(http);
        return await rounds.GetAsync(request.RequiredProgram.Id, new RoundId(roundId), request.Viewer, http.RequestAborted) switch
        {
            RoundEditOutcome.Edited shown => Round(http, RoundEditorPage.View(shown.Round, shown.People, views), StatusCodes.Status200OK),
            RoundEditOutcome.NotAnOwner => NotOwner(),
            _ => NoRound(),
        };
    }

    private static async Task<IResult> PageAsync(HttpContext http, string roundId, ProgramRoundService rounds, MentoringViews views)
    {
        var request = ProgramRequest.Of(http);
        if (await rounds.GetAsync(request.RequiredProgram.Id, new RoundId(roundId), request.Viewer, http.RequestAborted) is not RoundEditOutcome.Edited shown)
        {
            return NoRound();
        }

        var query = request.LocalDevelopment ? "?as=" + Uri.EscapeDataString(request.Viewer.AadObjectId) : "";
        var message = http.Request.Query["message"].FirstOrDefault() is { Length: > 0 and <= 300 } text ? text : null;
        http.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft";
        var t = OwnerPageTexts.For(http.Request);
        http.Response.Headers.ContentLanguage = t.Lang;
        return Results.Content(RoundEditorPage.Render(RoundEditorPage.View(shown.Round, shown.People, views, t), query, message, t), "text/html; charset=utf-8");
    }

    private static async Task<IResult> EditAsync(HttpContext http, string roundId, ProgramRoundService rounds, MentoringViews views)
    {
        var request = ProgramRequest.Of(http);
        if (RoundEditorPage.RevisionOf(http.Request.Headers.IfMatch.FirstOrDefault()) is not { } shown)
        {
            return NeedsIfMatch();
        }

        RoundEditRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, RoundEditJsonContext.Default.RoundEditRequest, http.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (Edit(body) is not { } edit)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Say what to change",
                detail: "Send JSON {\"action\": \"pin|unpin|remove|restore|swap|rerun\", \"learner\": \"…\", \"skill\": \"…\"}; a swap also names \"otherLearner\" and \"otherSkill\".");
        }

        return await rounds.EditAsync(request.RequiredProgram.Id, new RoundId(roundId), request.Viewer, shown, edit, http.RequestAborted) switch
        {
            RoundEditOutcome.Edited edited => Round(http, RoundEditorPage.View(edited.Round, edited.People, views), StatusCodes.Status200OK),
            RoundEditOutcome.NotAnOwner => NotOwner(),
            RoundEditOutcome.AlreadyPublished => Results.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "This round was published", detail: "A published round is what was sent; preview a new round to change anything."),
            RoundEditOutcome.Stale stale => Stale(http, stale.CurrentRevision, "Someone changed this round since you opened it. Reload to see their changes, then make yours again."),
            RoundEditOutcome.Refused { Reason: RoundEditRefusal.PinNotPossible } refused => Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "That pair cannot be made",
                detail: "A pinned pair breaks a rule every pair keeps (the skill, the reporting line, availability, free places or last round's partner): "
                    + string.Join(", ", refused.Pins.Select(p => $"{p.Learner.AadObjectId} with {p.Mentor.AadObjectId} for {p.Skill.Value}")) + ". Nothing was changed."),
            RoundEditOutcome.Refused { Reason: RoundEditRefusal.NothingToSwap } => Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing to swap", detail: "Those two pairs have the same colleague."),
            RoundEditOutcome.Refused => Results.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "No such pair in this round", detail: "Reload the round: the pair you named is not in it."),
            _ => NoRound(),
        };
    }

    private static async Task<IResult> PublishAsync(HttpContext http, string roundId, ProgramRoundService rounds)
    {
        var request = ProgramRequest.Of(http);
        if (RoundEditorPage.RevisionOf(http.Request.Headers.IfMatch.FirstOrDefault()) is not { } shown)
        {
            return NeedsIfMatch();
        }

        return await rounds.PublishAsync(request.RequiredProgram.Id, new RoundId(roundId), request.Viewer, shown, http.RequestAborted) switch
        {
            RoundPublishOutcome.Published published => Results.Json(
                new RoundPublishedView(published.Round.Id.Value, published.Round.Revision, published.Sent, published.AlreadySent, published.NotSent),
                RoundEditJsonContext.Default.RoundPublishedView),
            RoundPublishOutcome.Stale { Reason: RoundStaleReason.RoundChanged } stale => Stale(
                http, stale.CurrentRevision, "Someone changed this round since you opened it, so it was not published and nothing was sent. Reload it and publish what you see."),
            RoundPublishOutcome.Stale stale => Stale(
                http, stale.CurrentRevision, "People, places or requests changed since this round was worked out, so it would not come out as shown. Nothing was sent: re-run it and publish the new result."),
            RoundPublishOutcome.Expired => Results.Problem(
                statusCode: StatusCodes.Status412PreconditionFailed, title: "This preview is too old", detail: "Previews can be published for 24 hours. Re-run it or preview a new round."),
            RoundPublishOutcome.NotAnOwner => NotOwner(),
            _ => NoRound(),
        };
    }

    private static RoundEdit? Edit(RoundEditRequest? body)
    {
        if (body?.Action is not { } action)
        {
            return null;
        }

        if (action == "rerun")
        {
            return new RoundEdit.Rerun();
        }

        if (body.Learner is not { Length: > 0 } learner || body.Skill is not { Length: > 0 } skill)
        {
            return null;
        }

        var (l, s) = (new UserId(learner), new SkillId(skill));
        return action switch
        {
            "pin" => new RoundEdit.Pin(l, s),
            "unpin" => new RoundEdit.Unpin(l, s),
            "remove" => new RoundEdit.Remove(l, s),
            "restore" => new RoundEdit.Restore(l, s),
            "swap" when body.OtherLearner is { Length: > 0 } other && body.OtherSkill is { Length: > 0 } otherSkill
                => new RoundEdit.Swap(l, s, new UserId(other), new SkillId(otherSkill)),
            _ => null,
        };
    }

    private static IResult Round(HttpContext http, RoundEditView view, int status)
    {
        http.Response.Headers.ETag = view.ETag;
        return Results.Json(view, RoundEditJsonContext.Default.RoundEditView, statusCode: status);
    }

    private static IResult Stale(HttpContext http, int current, string detail)
    {
        http.Response.Headers.ETag = RoundEditorPage.ETagOf(current);
        return Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "This round changed since you saw it", detail: detail);
    }

    private static IResult NeedsIfMatch() => Results.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "Say which revision you saw",
        detail: "Send If-Match with the round's ETag (\"r0\", \"r1\", …) so nothing you did not see is changed or sent.");

    private static IResult NotOwner() => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the program's owners can change its rounds");

    private static IResult NoRound() => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such round in this program");
}
