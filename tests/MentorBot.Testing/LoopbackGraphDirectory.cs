using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MentorBot.Testing;

/// <summary>
/// A Microsoft Graph v1.0 stand-in on 127.0.0.1 (real Kestrel) for the directory, free/busy and app installs, in
/// Graph's documented shapes: <c>users/delta</c> pages chained by <c>@odata.nextLink</c> (<c>$skiptoken</c>) and
/// ending in <c>@odata.deltaLink</c> (<c>$deltatoken</c>), <c>manager@delta</c> and <c>@removed</c> annotations,
/// 404 <c>Request_ResourceNotFound</c> for a missing user or manager, 404 <c>MailboxNotEnabledForRESTAPI</c> for a user
/// without a mailbox, getSchedule's <c>scheduleInformation</c>, installedApps' 201 / 409, and 429 with
/// <c>Retry-After</c> whenever <see cref="Throttle"/> says so. Counts every request by route.
/// </summary>
public sealed class LoopbackGraphDirectory : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, StubUser> _users = new(StringComparer.Ordinal);
    private readonly List<(long Version, string Id, bool ManagerChanged)> _changes = [];
    private readonly Lock _gate = new();
    private long _version;

    private LoopbackGraphDirectory(WebApplication app) => _app = app;

    /// <summary>Base URL for <c>Graph:BaseUrl</c>, e.g. <c>http://127.0.0.1:5123/v1.0</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Users per delta page (Graph picks its own; about 100-200 for users).</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>Requests per route (<c>delta</c>, <c>user</c>, <c>manager</c>, <c>mailbox</c>, <c>getSchedule</c>, <c>install</c>), 429s included.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    /// <summary>429 answers per route.</summary>
    public ConcurrentDictionary<string, int> Throttled { get; } = new(StringComparer.Ordinal);

    /// <summary>Successful installs (201) per user; a second POST for the same user gets 409 and is not counted.</summary>
    public ConcurrentDictionary<string, int> Installs { get; } = new(StringComparer.Ordinal);

    /// <summary>When each install request arrived (<see cref="System.Diagnostics.Stopwatch"/> timestamps), to check pacing.</summary>
    public ConcurrentQueue<long> InstallArrivals { get; } = new();

    /// <summary>Install POSTs per user, 201, 409 and 429 alike.</summary>
    public ConcurrentDictionary<string, int> InstallAttempts { get; } = new(StringComparer.Ordinal);

    /// <summary>Busy items per e-mail address (UTC), with Graph's status words (<c>busy</c>, <c>tentative</c>, <c>oof</c>).</summary>
    public ConcurrentDictionary<string, List<(DateTimeOffset Start, DateTimeOffset End, string Status)>> Busy { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Decides, per route and 1-based request number on that route, whether to answer 429.</summary>
    public Func<string, int, bool> Throttle { get; set; } = (_, _) => false;

    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// Awaited after an install is recorded and before the 201 goes out, with the install request's number: a test holds
    /// a request in flight with it (the install happened; the caller has not heard yet).
    /// </summary>
    public Func<int, Task>? HoldAfterInstall { get; set; }

    /// <summary>When true, a <c>$deltatoken</c> link is answered 410 Gone (Graph forgot the round).</summary>
    public bool DeltaTokensExpired { get; set; }

    /// <summary>When set, every request is answered 401 (a token Graph will not take).</summary>
    public bool RejectAllTokens { get; set; }

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<LoopbackGraphDirectory> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var graph = new LoopbackGraphDirectory(app);
        app.Run(graph.HandleAsync);
        await app.StartAsync();
        graph.BaseUrl = new Uri(app.Urls.Single() + "/v1.0");
        return graph;
    }

    public int Count(string route) => Requests.TryGetValue(route, out var n) ? n : 0;

    public void Add(StubUser user)
    {
        lock (_gate)
        {
            _users[user.Id] = user;
            _changes.Add((++_version, user.Id, user.ManagerId is not null));
        }
    }

    public void AddRange(IEnumerable<StubUser> users)
    {
        foreach (var user in users)
        {
            Add(user);
        }
    }

    /// <summary>Changes a user as the directory would; the next delta round lists them.</summary>
    public void Change(string id, Action<StubUser> change)
    {
        lock (_gate)
        {
            var user = _users[id];
            var manager = user.ManagerId;
            change(user);
            _changes.Add((++_version, id, user.ManagerId != manager));
        }
    }

    public void Remove(string id)
    {
        lock (_gate)
        {
            _users.TryRemove(id, out _);
            _changes.Add((++_version, id, false));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        var route = RouteOf(http.Request.Method, path);
        var number = Requests.AddOrUpdate(route, 1, (_, n) => n + 1);
        Authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
        if (RejectAllTokens || !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await Error(http, 401, "InvalidAuthenticationToken", "Access token validation failure.");
            return;
        }

        if (route == "install")
        {
            InstallAttempts.AddOrUpdate(UserOf(path), 1, (_, n) => n + 1);
        }

        if (Throttle(route, number))
        {
            Throttled.AddOrUpdate(route, 1, (_, n) => n + 1);
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await Error(http, 429, "TooManyRequests", "Too many requests.");
            return;
        }

        switch (route)
        {
            case "delta":
                await DeltaAsync(http);
                return;
            case "user":
                await UserAsync(http, UserOf(path));
                return;
            case "manager":
                await ManagerAsync(http, UserOf(path));
                return;
            case "mailbox":
                await MailboxAsync(http, UserOf(path));
                return;
            case "getSchedule":
                await ScheduleAsync(http);
                return;
            case "install":
                await InstallAsync(http, UserOf(path), number);
                return;
            default:
                await Error(http, 400, "BadRequest", "Unsupported by the loopback Graph.");
                return;
        }
    }

    private static string RouteOf(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        return parts switch
        {
            ["v1.0", "users", "delta"] when method == "GET" => "delta",
            ["v1.0", "users", _] when method == "GET" => "user",
            ["v1.0", "users", _, "manager"] when method == "GET" => "manager",
            ["v1.0", "users", _, "mailboxSettings"] when method == "GET" => "mailbox",
            ["v1.0", "users", _, "calendar", "getSchedule"] when method == "POST" => "getSchedule",
            ["v1.0", "users", _, "teamwork", "installedApps"] when method == "POST" => "install",
            _ => "other",
        };
    }

    private static string UserOf(string path) => Uri.UnescapeDataString(path.Trim('/').Split('/')[2]);

    private async Task DeltaAsync(HttpContext http)
    {
        var query = http.Request.Query;
        long since;
        long upTo;
        int offset;
        bool full;
        if (query.TryGetValue("$skiptoken", out var skip))
        {
            // Ours: full|incremental . since . upTo . offset
            var parts = skip.ToString().Split('.');
            full = parts[0] == "full";
            since = long.Parse(parts[1], CultureInfo.InvariantCulture);
            upTo = long.Parse(parts[2], CultureInfo.InvariantCulture);
            offset = int.Parse(parts[3], CultureInfo.InvariantCulture);
        }
        else if (query.TryGetValue("$deltatoken", out var delta))
        {
            if (DeltaTokensExpired)
            {
                await Error(http, 410, "syncStateNotFound", "The sync state generation is not found.");
                return;
            }

            full = false;
            since = long.Parse(delta.ToString(), CultureInfo.InvariantCulture);
            upTo = Interlocked.Read(ref _version);
            offset = 0;
        }
        else
        {
            if (!query.TryGetValue("$select", out var select) || !select.ToString().Contains("manager", StringComparison.Ordinal))
            {
                await Error(http, 400, "BadRequest", "The loopback Graph expects $select with manager.");
                return;
            }

            full = true;
            since = 0;
            upTo = Interlocked.Read(ref _version);
            offset = 0;
        }

        List<(string Id, bool ManagerChanged)> ids;
        lock (_gate)
        {
            ids = full
                ? [.. _users.Keys.Order(StringComparer.Ordinal).Select(id => (id, true))]
                : [.. _changes.Where(c => c.Version > since && c.Version <= upTo)
                    .GroupBy(c => c.Id)
                    .Select(g => (g.Key, g.Any(c => c.ManagerChanged)))
                    .OrderBy(c => c.Key, StringComparer.Ordinal)];
        }

        var value = new JsonArray();
        foreach (var (id, managerChanged) in ids.Skip(offset).Take(PageSize))
        {
            if (!_users.TryGetValue(id, out var user))
            {
                value.Add(new JsonObject { ["id"] = id, ["@removed"] = new JsonObject { ["reason"] = "changed" } });
                continue;
            }

            var item = UserJson(user);
            if (managerChanged && (!full || user.ManagerId is not null))
            {
                item["manager@delta"] = user.ManagerId is { } manager
                    ? new JsonArray(new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = manager })
                    : new JsonArray();
            }

            value.Add(item);
        }

        var body = new JsonObject { ["@odata.context"] = $"{BaseUrl}/$metadata#users", ["value"] = value };
        if (offset + PageSize < ids.Count)
        {
            body["@odata.nextLink"] = $"{BaseUrl}/users/delta?$skiptoken={(full ? "full" : "inc")}.{since}.{upTo}.{offset + PageSize}";
        }
        else
        {
            body["@odata.deltaLink"] = $"{BaseUrl}/users/delta?$deltatoken={upTo}";
        }

        await Json(http, 200, body);
    }

    private async Task UserAsync(HttpContext http, string id)
    {
        if (!_users.TryGetValue(id, out var user))
        {
            await Error(http, 404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
            return;
        }

        await Json(http, 200, UserJson(user));
    }

    private async Task ManagerAsync(HttpContext http, string id)
    {
        if (!_users.TryGetValue(id, out var user) || user.ManagerId is not { } manager)
        {
            await Error(http, 404, "Request_ResourceNotFound", "Resource 'manager' does not exist or one of its queried reference-property objects are not present.");
            return;
        }

        await Json(http, 200, new JsonObject { ["@odata.type"] = "#microsoft.graph.user", ["id"] = manager });
    }

    private async Task MailboxAsync(HttpContext http, string id)
    {
        if (!_users.TryGetValue(id, out var user))
        {
            await Error(http, 404, "Request_ResourceNotFound", "User not found.");
            return;
        }

        if (user.MailboxForbidden)
        {
            await Error(http, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
            return;
        }

        if (user.MailboxTimeZone is not { } zone)
        {
            await Error(http, 404, "MailboxNotEnabledForRESTAPI", "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
            return;
        }

        await Json(http, 200, new JsonObject
        {
            ["timeZone"] = zone,
            ["language"] = new JsonObject { ["locale"] = user.PreferredLanguage ?? "en-US", ["displayName"] = "English" },
            ["workingHours"] = new JsonObject
            {
                ["daysOfWeek"] = new JsonArray("monday", "tuesday", "wednesday", "thursday", "friday"),
                ["startTime"] = "08:00:00.0000000",
                ["endTime"] = "17:00:00.0000000",
                ["timeZone"] = new JsonObject { ["name"] = zone },
            },
        });
    }

    private async Task ScheduleAsync(HttpContext http)
    {
        using var request = await JsonDocument.ParseAsync(http.Request.Body);
        var root = request.RootElement;
        var start = DateTime.Parse(root.GetProperty("startTime").GetProperty("dateTime").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var end = DateTime.Parse(root.GetProperty("endTime").GetProperty("dateTime").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var value = new JsonArray();
        foreach (var schedule in root.GetProperty("schedules").EnumerateArray().Select(s => s.GetString()!))
        {
            if (!_users.Values.Any(u => string.Equals(u.Mail, schedule, StringComparison.OrdinalIgnoreCase)))
            {
                value.Add(new JsonObject { ["scheduleId"] = schedule, ["error"] = new JsonObject { ["message"] = "The specified user could not be resolved.", ["responseCode"] = "ErrorRecipientNotFound" } });
                continue;
            }

            var items = new JsonArray();
            foreach (var (from, to, status) in Busy.TryGetValue(schedule, out var busy) ? busy : [])
            {
                if (from.UtcDateTime < end && to.UtcDateTime > start)
                {
                    items.Add(new JsonObject
                    {
                        ["isPrivate"] = false,
                        ["status"] = status,
                        ["start"] = new JsonObject { ["dateTime"] = from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.0000000", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
                        ["end"] = new JsonObject { ["dateTime"] = to.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.0000000", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
                    });
                }
            }

            value.Add(new JsonObject { ["scheduleId"] = schedule, ["availabilityView"] = string.Empty, ["scheduleItems"] = items });
        }

        await Json(http, 200, new JsonObject { ["@odata.context"] = $"{BaseUrl}/$metadata#Collection(microsoft.graph.scheduleInformation)", ["value"] = value });
    }

    private async Task InstallAsync(HttpContext http, string id, int number)
    {
        InstallArrivals.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
        using var request = await JsonDocument.ParseAsync(http.Request.Body);
        if (!request.RootElement.TryGetProperty("teamsApp@odata.bind", out var bind) || !bind.GetString()!.Contains("/appCatalogs/teamsApps/", StringComparison.Ordinal))
        {
            await Error(http, 400, "BadRequest", "teamsApp@odata.bind is required.");
            return;
        }

        if (!_users.ContainsKey(id))
        {
            await Error(http, 404, "NotFound", "User not found.");
            return;
        }

        var first = false;
        Installs.AddOrUpdate(id, _ => { first = true; return 1; }, (_, n) => n);
        if (!first)
        {
            await Error(http, 409, "Conflict", "App is already installed for this user.");
            return;
        }

        if (HoldAfterInstall is { } hold)
        {
            await hold(number);
        }

        http.Response.StatusCode = 201;
    }

    private static JsonObject UserJson(StubUser user) => new()
    {
        ["id"] = user.Id,
        ["mail"] = user.Mail,
        ["department"] = user.Department,
        ["jobTitle"] = user.JobTitle,
        ["officeLocation"] = user.OfficeLocation,
        ["preferredLanguage"] = user.PreferredLanguage,
    };

    private static async Task Json(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString());
    }

    private static Task Error(HttpContext http, int status, string code, string message) =>
        Json(http, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
}

/// <summary>One user of the loopback directory.</summary>
public sealed class StubUser(string id)
{
    public string Id { get; } = id;

    public string? Mail { get; set; }

    public string? Department { get; set; }

    public string? JobTitle { get; set; }

    public string? OfficeLocation { get; set; }

    public string? PreferredLanguage { get; set; } = "en-US";

    public string? ManagerId { get; set; }

    /// <summary>Null: no Exchange Online mailbox (404 MailboxNotEnabledForRESTAPI).</summary>
    public string? MailboxTimeZone { get; set; } = "W. Europe Standard Time";

    /// <summary>403 ErrorAccessDenied on mailboxSettings (an application access policy).</summary>
    public bool MailboxForbidden { get; set; }
}
