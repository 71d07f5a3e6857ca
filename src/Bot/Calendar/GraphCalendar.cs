using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MentorBot.Core.CheckIns;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using Microsoft.Kiota.Abstractions;
using MentorBot.Core;

namespace MentorBot.Bot.Calendar;

/// <summary>
/// Check-ins as Outlook events with a Teams meeting, organized by one configured mailbox with both people as
/// required attendees (decision 0123). Graph sends the invitations, updates and cancellations itself.
/// </summary>
public sealed partial class GraphCalendar(
    GraphServiceClient graph,
    IOptions<GraphOptions> options,
    TimeProvider timeProvider,
    ILogger<GraphCalendar> logger) : ICalendar
{
    private readonly string _organizer = options.Value.OrganizerUserId!;

    public async Task<CalendarOutcome> CreateAsync(CheckInDetails details, CancellationToken cancellationToken) =>
        await CreateCoreAsync(details, "create", cancellationToken);

    public async Task<CalendarOutcome> UpdateAsync(CheckInDetails details, CancellationToken cancellationToken)
    {
        if (details.CheckIn.Meeting?.CalendarEventId is not { Length: > 0 } eventId)
        {
            return await CreateAsync(details, cancellationToken);
        }

        if (Describe(details) is not { } invite)
        {
            return new CalendarOutcome.Failed(Failure(details));
        }

        var change = new Event
        {
            Subject = invite.Summary,
            Body = Body(invite),
            Start = Utc(invite.Slot.Start),
            End = Utc(invite.Slot.End),
        };
        try
        {
            var updated = await graph.Users[_organizer].Events[eventId].PatchAsync(change, cancellationToken: cancellationToken);
            return Scheduled(details, updated, eventId);
        }
        catch (ApiException exception) when (exception.ResponseStatusCode == (int)HttpStatusCode.NotFound)
        {
            // Someone deleted the event in Outlook; a new one (new transaction id) puts the meeting back.
            Log.EventMissing(logger);
            return await CreateCoreAsync(details, $"recreate#{details.CheckIn.Sequence}", cancellationToken);
        }
        catch (Exception exception) when (AsFailure(exception) is { } failure)
        {
            return failure;
        }
    }

    public async Task<CalendarOutcome> CancelAsync(CheckInDetails details, CancellationToken cancellationToken)
    {
        if (details.CheckIn.Meeting?.CalendarEventId is not { Length: > 0 } eventId)
        {
            return new CalendarOutcome.Cancelled();
        }

        try
        {
            await graph.Users[_organizer].Events[eventId].Cancel.PostAsync(
                new CancelPostRequestBody { Comment = "This mentoring check-in was skipped." }, cancellationToken: cancellationToken);
            return new CalendarOutcome.Cancelled();
        }
        catch (ApiException exception) when (exception.ResponseStatusCode == (int)HttpStatusCode.NotFound)
        {
            return new CalendarOutcome.Cancelled();
        }
        catch (Exception exception) when (AsFailure(exception) is { } failure)
        {
            return failure;
        }
    }

    private async Task<CalendarOutcome> CreateCoreAsync(CheckInDetails details, string operation, CancellationToken cancellationToken)
    {
        if (Describe(details) is not { } invite)
        {
            return new CalendarOutcome.Failed(Failure(details));
        }

        var request = new Event
        {
            Subject = invite.Summary,
            Body = Body(invite),
            Start = Utc(invite.Slot.Start),
            End = Utc(invite.Slot.End),
            Location = new Location { DisplayName = "Microsoft Teams meeting" },
            Attendees = [.. invite.Attendees.Select(a => new Attendee
            {
                EmailAddress = new EmailAddress { Address = a.Email, Name = a.Name },
                Type = AttendeeType.Required,
            })],
            IsOnlineMeeting = true,
            OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness,

            // Proposals in Outlook would bypass the bot's reschedule flow and leave the check-in at the old time.
            AllowNewTimeProposals = false,

            // Same check-in, same id: a retried POST (ours or the SDK's) returns the first event instead of a second one.
            TransactionId = TransactionId(details.CheckIn.Id, operation),
        };
        try
        {
            var created = await graph.Users[_organizer].Events.PostAsync(request, cancellationToken: cancellationToken);
            return Scheduled(details, created, created?.Id);
        }
        catch (Exception exception) when (AsFailure(exception) is { } failure)
        {
            return failure;
        }
    }

    private CalendarOutcome Scheduled(CheckInDetails details, Event? response, string? eventId)
    {
        if (eventId is null)
        {
            return new CalendarOutcome.Failed(CalendarFailure.Unavailable);
        }

        // Without a Teams licence or policy for the organizer, Graph creates the event but no online meeting.
        var joinUrl = response?.OnlineMeeting?.JoinUrl ?? details.CheckIn.Meeting?.JoinUrl;
        if (joinUrl is null)
        {
            Log.NoOnlineMeeting(logger);
        }

        return new CalendarOutcome.Scheduled(new ScheduledMeeting(details.CheckIn.Meeting!.Slot, joinUrl, eventId));
    }

    // The same wording, attendees and checks as the .ics invite; its organizer is a placeholder, never sent.
    private CalendarInvite? Describe(CheckInDetails details)
    {
        var organizer = new CalendarParty("MentorBot", "organizer@invalid.example");
        var invite = CalendarInvite.ForCheckIn(
            details.CheckIn, details.Mentorship, details.Senior, details.Junior, organizer, "mentorbot", timeProvider.GetUtcNow());
        return invite.IsOk ? invite.Value : null;
    }

    private static CalendarFailure Failure(CheckInDetails details) =>
        details.CheckIn.Meeting is null ? CalendarFailure.NotScheduled : CalendarFailure.MissingEmail;

    // Graph appends the Teams join block to an HTML body; everything people wrote is encoded, never markup.
    private static ItemBody Body(CalendarInvite invite) => new()
    {
        ContentType = BodyType.Html,
        Content = string.Join("<br>", invite.Description.Split('\n').Select(WebUtility.HtmlEncode)),
    };

    private static DateTimeTimeZone Utc(DateTimeOffset instant) => new()
    {
        DateTime = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        TimeZone = "UTC",
    };

    private static string TransactionId(CheckInId checkIn, string operation)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"mentorbot:{checkIn.Value}:{operation}"));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private CalendarOutcome.Failed? AsFailure(Exception exception)
    {
        // The SDK's retry handler gives up on 429/503/504 by throwing every attempt's error together.
        if (exception is AggregateException { InnerExceptions: [.., ApiException last] })
        {
            exception = last;
        }

        switch (exception)
        {
            case ApiException api:
                var status = api.ResponseStatusCode;
                var retryable = status is 429 or 502 or 503 or 504;
                Log.GraphRefused(logger, status, exception);
                return new CalendarOutcome.Failed(
                    retryable ? CalendarFailure.Unavailable : CalendarFailure.Rejected,
                    retryable ? RetryAfter(api) : null);
            case HttpRequestException:
                Log.GraphUnreachable(logger, exception);
                return new CalendarOutcome.Failed(CalendarFailure.Unavailable);
            default:
                return null;
        }
    }

    private static TimeSpan? RetryAfter(ApiException exception) =>
        exception.ResponseHeaders.TryGetValue("Retry-After", out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Graph refused a calendar request with status {Status}")]
        public static partial void GraphRefused(ILogger logger, int status, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "Graph could not be reached for a calendar request")]
        public static partial void GraphUnreachable(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Information, "The check-in's calendar event was deleted in Outlook; creating a new one")]
        public static partial void EventMissing(ILogger logger);

        [LoggerMessage(4, LogLevel.Warning, "Graph created the event without a Teams meeting; check the organizer's Teams licence and meeting policy")]
        public static partial void NoOnlineMeeting(ILogger logger);
    }
}
