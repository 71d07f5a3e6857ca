using System.Net;
using System.Text.Json;
using MentorBot.Bot.Calendar;
using MentorBot.Core.Organisation;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs.Invitations;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Organisation;

/// <summary>
/// Installs MentorBot in a person's personal scope: <c>POST /users/{id}/teamwork/installedApps</c> with
/// <c>teamsApp@odata.bind</c> to the catalog app (decision 0373). Teams then sends the install activities and the
/// existing install greeting and consent card follow. 409 means "already installed" and counts as done.
/// </summary>
public sealed partial class GraphAppInstaller(GraphHttp http, IOptions<GraphOptions> options, IOptions<InvitationOptions> invitations, ILogger<GraphAppInstaller> logger) : IAppInstaller
{
    public bool CanInstall => true;

    public string? ShareLink => ShareLinks.For(invitations.Value);

    public async Task<InstallResult> InstallAsync(UserId person, CancellationToken cancellationToken)
    {
        var catalogApp = http.At($"appCatalogs/teamsApps/{Uri.EscapeDataString(options.Value.TeamsAppCatalogId!)}");
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["teamsApp@odata.bind"] = catalogApp.AbsoluteUri });
        try
        {
            using var response = await http.SendAsync(
                HttpMethod.Post, http.At($"users/{Uri.EscapeDataString(person.AadObjectId)}/teamwork/installedApps"), body, "teamwork/installedApps", cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.NoContent:
                    return InstallResult.Installed;
                case HttpStatusCode.Conflict:
                    return InstallResult.AlreadyInstalled;
                case HttpStatusCode.NotFound:
                    Log.Refused(logger, 404, await GraphHttp.ErrorCodeAsync(response, cancellationToken));
                    return InstallResult.NotFound;
                default:
                    Log.Refused(logger, (int)response.StatusCode, await GraphHttp.ErrorCodeAsync(response, cancellationToken));
                    return InstallResult.Unavailable;
            }
        }
        catch (DirectoryUnavailableException)
        {
            return InstallResult.Unavailable;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Graph answered {Status} ({Code}) to an app install for an invited person")]
        public static partial void Refused(ILogger logger, int status, string? code);
    }
}

/// <summary>The link owners share when MentorBot may not install itself: Teams' app deep link for the manifest id.</summary>
public static class ShareLinks
{
    public static string? For(InvitationOptions options) =>
        string.IsNullOrWhiteSpace(options.TeamsAppId) ? null : $"https://teams.microsoft.com/l/app/{Uri.EscapeDataString(options.TeamsAppId.Trim())}";
}
