using System.Net;
using System.Text.Json;
using MentorBot.Core.Organisation;
using MentorBot.Core.Profiles;

namespace MentorBot.Bot.Organisation;

/// <summary>
/// The directory from Microsoft Graph v1.0 with application permissions (decision 0370): <c>users/delta</c> pages
/// (<c>@odata.nextLink</c> until <c>@odata.deltaLink</c>), <c>/users/{id}</c>, <c>/users/{id}/manager</c> and
/// <c>/users/{id}/mailboxSettings</c>. "Not there" answers (404, a mailbox Graph cannot read) are null; logs name
/// the call and the status, never the person.
/// </summary>
public sealed partial class GraphDirectory(GraphHttp http, ILogger<GraphDirectory> logger) : IDirectory
{
    /// <summary>What the delta round tracks; <c>manager</c> makes manager changes show up as <c>manager@delta</c>.</summary>
    internal const string Select = "id,mail,department,jobTitle,officeLocation,preferredLanguage,manager";
    private const string UserSelect = "id,mail,department,jobTitle,officeLocation,preferredLanguage";

    public bool IsConfigured => true;

    public async Task<DirectoryDeltaPage> ReadDeltaAsync(string? link, CancellationToken cancellationToken)
    {
        var url = link is null ? http.At($"users/delta?$select={Select}") : new Uri(link, UriKind.Absolute);
        if (!http.IsOurs(url))
        {
            throw new DirectoryUnavailableException(DirectoryFailure.Unavailable, "A users/delta link pointed away from the configured Graph host; it was not followed.");
        }

        using var response = await http.SendAsync(HttpMethod.Get, url, null, "users/delta", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var code = await GraphHttp.ErrorCodeAsync(response, cancellationToken);
            Log.Refused(logger, "users/delta", (int)response.StatusCode, code);
            throw response.StatusCode switch
            {
                HttpStatusCode.Gone => new DirectoryUnavailableException(DirectoryFailure.DeltaExpired, "The users/delta link expired."),
                _ when code is "syncStateNotFound" or "resyncRequired" or "syncStateInvalid" =>
                    new DirectoryUnavailableException(DirectoryFailure.DeltaExpired, "The users/delta link expired."),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                    new DirectoryUnavailableException(DirectoryFailure.PermissionMissing, "Graph refused users/delta: grant User.Read.All (application) and admin consent."),
                _ => new DirectoryUnavailableException(DirectoryFailure.Unavailable, $"Graph answered {(int)response.StatusCode} to users/delta."),
            };
        }

        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = json.RootElement;
        var changes = new List<DirectoryChange>();
        if (root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var user in value.EnumerateArray())
            {
                if (ToChange(user) is { } change)
                {
                    changes.Add(change);
                }
            }
        }

        return new DirectoryDeltaPage(changes, Text(root, "@odata.nextLink"), Text(root, "@odata.deltaLink"));
    }

    public async Task<DirectoryPerson?> GetPersonAsync(UserId id, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Get, http.At($"users/{Escape(id)}?$select={UserSelect}"), null, "users/{id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureAsync(response, "users/{id}", cancellationToken);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return ToPerson(id, json.RootElement);
    }

    public async Task<UserId?> GetManagerAsync(UserId id, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Get, http.At($"users/{Escape(id)}/manager?$select=id"), null, "users/{id}/manager", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            // No manager (the top of the organisation, or never set): not an error.
            return null;
        }

        await EnsureAsync(response, "users/{id}/manager", cancellationToken);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = json.RootElement;

        // A manager may be an org contact (no Entra user, never a MentorBot profile): not a reporting line we can use.
        return IsUser(root) && Text(root, "id") is { Length: > 0 } manager ? new UserId(manager) : null;
    }

    public async Task<MailboxFacts?> GetMailboxAsync(UserId id, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(HttpMethod.Get, http.At($"users/{Escape(id)}/mailboxSettings"), null, "users/{id}/mailboxSettings", cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // No Exchange Online mailbox (MailboxNotEnabledForRESTAPI), an access policy, or MailboxSettings.Read not granted.
            Log.NoMailbox(logger, (int)response.StatusCode, await GraphHttp.ErrorCodeAsync(response, cancellationToken));
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            Log.Refused(logger, "users/{id}/mailboxSettings", (int)response.StatusCode, null);
            return null;
        }

        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = json.RootElement;
        var locale = root.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.Object ? Text(language, "locale") : null;
        return new MailboxFacts(Text(root, "timeZone"), locale);
    }

    private static DirectoryChange? ToChange(JsonElement user)
    {
        if (Text(user, "id") is not { Length: > 0 } rawId)
        {
            return null;
        }

        var id = new UserId(rawId);
        if (user.TryGetProperty("@removed", out _))
        {
            return new DirectoryChange(id, null, ManagerChangeKind.Unchanged);
        }

        var kind = ManagerChangeKind.Unchanged;
        UserId? manager = null;
        if (user.TryGetProperty("manager@delta", out var managers) && managers.ValueKind == JsonValueKind.Array)
        {
            kind = ManagerChangeKind.Removed;
            foreach (var entry in managers.EnumerateArray())
            {
                if (!entry.TryGetProperty("@removed", out _) && IsUser(entry) && Text(entry, "id") is { Length: > 0 } managerId)
                {
                    kind = ManagerChangeKind.Set;
                    manager = new UserId(managerId);
                }
            }
        }

        return new DirectoryChange(id, ToPerson(id, user), kind, manager);
    }

    private static DirectoryPerson ToPerson(UserId id, JsonElement user) => new(
        id, Text(user, "mail"), Text(user, "department"), Text(user, "jobTitle"), Text(user, "officeLocation"), Text(user, "preferredLanguage"));

    private static bool IsUser(JsonElement item) =>
        Text(item, "@odata.type") is not { } type || type.Equals("#microsoft.graph.user", StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Escape(UserId id) => Uri.EscapeDataString(id.AadObjectId);

    private async Task EnsureAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var code = await GraphHttp.ErrorCodeAsync(response, cancellationToken);
        Log.Refused(logger, operation, (int)response.StatusCode, code);
        throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? new DirectoryUnavailableException(DirectoryFailure.PermissionMissing, $"Graph refused {operation}: grant User.Read.All (application) and admin consent.")
            : new DirectoryUnavailableException(DirectoryFailure.Unavailable, $"Graph answered {(int)response.StatusCode} to {operation}.");
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Graph answered {Status} ({Code}) to {Operation}")]
        public static partial void Refused(ILogger logger, string operation, int status, string? code);

        [LoggerMessage(2, LogLevel.Information, "A directory user has no readable mailbox (Graph {Status}, {Code}); their declared time zone and hours stay as they are")]
        public static partial void NoMailbox(ILogger logger, int status, string? code);
    }
}
