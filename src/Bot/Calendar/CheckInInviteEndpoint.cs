using MentorBot.Core.CheckIns;
using MentorBot.Core.Profiles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MentorBot.Core;

namespace MentorBot.Bot.Calendar;

public static class CheckInInviteEndpoint
{
    public const string Pattern = "/checkins/{checkInId}/invite.ics";

    /// <summary>
    /// <c>GET /checkins/{checkInId}/invite.ics?sig=…</c>: the check-in as an iTIP REQUEST (or CANCEL once skipped).
    /// A wrong, expired or missing signature is a plain 404, the same as a check-in that does not exist, so a link
    /// reveals nothing about which ids are real.
    /// </summary>
    public static IEndpointConventionBuilder MapCheckInInvite(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Pattern, GetInviteAsync).WithName("CheckInInvite");

    private static async Task<IResult> GetInviteAsync(
        string checkInId,
        string? sig,
        string? lang,
        CheckInInviteLinks links,
        Core.Skills.SkillCatalog catalog,
        ICheckInReader checkIns,
        IOptions<CalendarOptions> options,
        TimeProvider timeProvider,
        RosterSync directory,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (!links.IsValid(checkInId, sig) || await checkIns.GetAsync(new CheckInId(checkInId), cancellationToken) is not { } details)
        {
            return NotFound();
        }

        // Someone whose address is not known yet (joined in chat, roster not read since): ask the roster now, once
        // (decision 0360), rather than answer 404 to a link the bot itself handed out.
        if ((details.Senior.Email is null || details.Junior.Email is null)
            && await FillMissingEmailsAsync(details, directory, cancellationToken)
            && await checkIns.GetAsync(details.CheckIn.Id, cancellationToken) is { } refreshed)
        {
            details = refreshed;
        }

        var calendar = options.Value;
        var organizer = calendar.OrganizerEmail is { Length: > 0 } email
            ? new CalendarParty(calendar.OrganizerName, email)
            : new CalendarParty(details.Senior.DisplayName, details.Senior.Email ?? string.Empty);
        var reader = CalendarTexts.CultureFor(lang);
        var invite = CalendarInvite.ForCheckIn(
            details.CheckIn, details.Mentorship, details.Senior, details.Junior, organizer, calendar.UidDomain, timeProvider.GetUtcNow(),
            CalendarTexts.Words(reader, catalog.NameIn(details.Mentorship.Skill, reader)));
        if (!invite.IsOk)
        {
            return NotFound();
        }

        // The link is a capability: keep it out of shared caches and browser history stores where possible.
        response.Headers.CacheControl = "no-store";
        response.Headers.Append("X-Content-Type-Options", "nosniff");
        return TypedResults.File(
            System.Text.Encoding.UTF8.GetBytes(CalendarInviteWriter.Write(invite.Value)),
            invite.Value.ContentType,
            "mentoring-check-in.ics");
    }

    private static async Task<bool> FillMissingEmailsAsync(CheckInDetails details, RosterSync directory, CancellationToken cancellationToken)
    {
        var updated = false;
        foreach (var person in new[] { details.Senior, details.Junior }.Where(p => p.Email is null))
        {
            updated |= await directory.RefreshIfStaleAsync(person.Id, cancellationToken) == DirectorySyncOutcome.Updated;
        }

        return updated;
    }

        private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(detail: "This calendar link is not valid or has expired.", statusCode: StatusCodes.Status404NotFound);
}
