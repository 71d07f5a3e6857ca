using System.Globalization;
using System.Text.Json;
using MentorBot.Bot.Calendar;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Organisation;
using MentorBot.Core.Profiles;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Organisation;

/// <summary>
/// Both people's busy times from <c>POST /users/{id}/calendar/getSchedule</c> (decision 0372), in UTC. Every item that
/// is not "free" counts as busy (tentative, away, out of office, working elsewhere). Null — declared hours only — when
/// either has no e-mail, Graph cannot answer, or a schedule comes back with an error.
/// </summary>
public sealed partial class GraphAvailability(GraphHttp http, IOptions<GraphOptions> options, ILogger<GraphAvailability> logger) : IAvailability
{
    /// <summary>Graph refuses 62 days or more.</summary>
    internal static readonly TimeSpan MaxWindow = TimeSpan.FromDays(61);

    public async Task<IReadOnlyList<TimeSlot>?> BusyAsync(Profile first, Profile second, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(first.Email) || string.IsNullOrWhiteSpace(second.Email))
        {
            return null;
        }

        if (to - from > MaxWindow)
        {
            to = from + MaxWindow;
        }

        // App-only getSchedule needs a mailbox in the path: the calendar's organizer when set, else the first person.
        var owner = options.Value.OrganizerUserId is { Length: > 0 } organizer ? organizer : first.Id.AadObjectId;
        var body = JsonSerializer.Serialize(new
        {
            schedules = new[] { first.Email, second.Email },
            startTime = new { dateTime = Utc(from), timeZone = "UTC" },
            endTime = new { dateTime = Utc(to), timeZone = "UTC" },
            availabilityViewInterval = 15,
        });
        try
        {
            using var response = await http.SendAsync(
                HttpMethod.Post, http.At($"users/{Uri.EscapeDataString(owner)}/calendar/getSchedule"), body, "calendar/getSchedule", cancellationToken, "outlook.timezone=\"UTC\"");
            if (!response.IsSuccessStatusCode)
            {
                Log.NoSchedule(logger, (int)response.StatusCode, await GraphHttp.ErrorCodeAsync(response, cancellationToken));
                return null;
            }

            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return Parse(json.RootElement);
        }
        catch (DirectoryUnavailableException e)
        {
            Log.Unavailable(logger, e.Failure);
            return null;
        }
        catch (JsonException)
        {
            Log.NoSchedule(logger, 200, "unreadable");
            return null;
        }
    }

    internal static IReadOnlyList<TimeSlot>? Parse(JsonElement root)
    {
        if (!root.TryGetProperty("value", out var schedules) || schedules.ValueKind != JsonValueKind.Array || schedules.GetArrayLength() < 2)
        {
            return null;
        }

        var busy = new List<TimeSlot>();
        foreach (var schedule in schedules.EnumerateArray())
        {
            if (schedule.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                // An address Graph could not resolve: we do not know this person's calendar, so trust declared hours.
                return null;
            }

            if (!schedule.TryGetProperty("scheduleItems", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var item in items.EnumerateArray())
            {
                var status = item.TryGetProperty("status", out var s) ? s.GetString() : null;
                if (string.Equals(status, "free", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (Instant(item, "start") is { } start && Instant(item, "end") is { } end && end > start)
                {
                    busy.Add(new TimeSlot(start, end));
                }
            }
        }

        return busy;
    }

    private static DateTimeOffset? Instant(JsonElement item, string name)
    {
        if (!item.TryGetProperty(name, out var value) || !value.TryGetProperty("dateTime", out var dateTime)
            || !DateTime.TryParse(dateTime.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return null;
        }

        // We asked for UTC (Prefer: outlook.timezone); any other zone named here is not one we can trust.
        var zone = value.TryGetProperty("timeZone", out var z) ? z.GetString() : "UTC";
        return zone is null or "UTC" or "Etc/UTC" ? new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc)) : null;
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Graph answered {Status} ({Code}) to getSchedule; proposing times from declared working hours")]
        public static partial void NoSchedule(ILogger logger, int status, string? code);

        [LoggerMessage(2, LogLevel.Warning, "Calendars could not be read ({Failure}); proposing times from declared working hours")]
        public static partial void Unavailable(ILogger logger, DirectoryFailure failure);
    }
}
