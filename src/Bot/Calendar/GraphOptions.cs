using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Calendar;

/// <summary>
/// Microsoft Graph for Teams meetings in calendars (section <c>Graph</c>). Off unless tenant, client, a credential
/// (secret or managed identity) and the organizer mailbox are all set; then check-ins get real calendar events.
/// </summary>
public sealed class GraphOptions
{
    public const string SectionName = "Graph";

    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>A secret: user secrets, environment or Key Vault, never appsettings.json.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// A certificate file for the app registration instead of a secret (decision 0402): PEM (certificate and private
    /// key) or PKCS#12 (.pfx, with <see cref="ClientCertificatePassword"/> when it has one).
    /// </summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>The password of a .pfx <see cref="ClientCertificatePath"/>; a secret like the client secret.</summary>
    public string? ClientCertificatePassword { get; set; }

    /// <summary>A certificate with its private key in the CurrentUser or LocalMachine "My" store, by thumbprint (as App Service loads them).</summary>
    public string? ClientCertificateThumbprint { get; set; }

    /// <summary>Use the app's managed identity (user-assigned when <see cref="ClientId"/> is its client id).</summary>
    public bool UseManagedIdentity { get; set; }

    /// <summary>
    /// The mailbox (object id or UPN) that organizes every check-in. Restrict the app's Calendars.ReadWrite to it
    /// with an Exchange application access policy; otherwise the permission reaches every mailbox in the tenant.
    /// </summary>
    public string? OrganizerUserId { get; set; }

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Read managers, departments, titles and mailbox time zones of the people MentorBot knows (User.Read.All, MailboxSettings.Read; decision 0370).</summary>
    public bool SyncDirectory { get; set; }

    /// <summary>How often the directory is synced (a delta round: only changes after the first).</summary>
    public TimeSpan DirectorySyncInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Propose check-in times from both people's calendars (getSchedule; Calendars.Read; decision 0372).</summary>
    public bool ReadFreeBusy { get; set; }

    /// <summary>Install MentorBot for invited people (TeamsAppInstallation.ReadWriteForUser.All; decision 0373).</summary>
    public bool InstallForUsers { get; set; }

    /// <summary>The app's id in the organisation's Teams app catalog (not the manifest id), for installs.</summary>
    public string? TeamsAppCatalogId { get; set; }

    /// <summary>Tenant, client and a credential: enough for an app-only token.</summary>
    public bool HasCredential =>
        !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId)
        && (!string.IsNullOrWhiteSpace(ClientSecret) || HasCertificate || UseManagedIdentity);

    /// <summary>A certificate is named, by file or by thumbprint.</summary>
    public bool HasCertificate => !string.IsNullOrWhiteSpace(ClientCertificatePath) || !string.IsNullOrWhiteSpace(ClientCertificateThumbprint);

    /// <summary>Check-ins become Outlook events with a Teams meeting.</summary>
    public bool IsConfigured => HasCredential && !string.IsNullOrWhiteSpace(OrganizerUserId);

    internal bool UsesDirectory => SyncDirectory || ReadFreeBusy || InstallForUsers;

    internal bool IsPartlyConfigured =>
        !IsConfigured && !(HasCredential && UsesDirectory)
        && (UsesDirectory || new[] { TenantId, ClientId, ClientSecret, ClientCertificatePath, ClientCertificateThumbprint, OrganizerUserId }.Any(v => !string.IsNullOrWhiteSpace(v)));
}

internal sealed class GraphOptionsValidator : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        var failures = new List<string>();
        if (options.IsPartlyConfigured)
        {
            // Half a configuration is a mistake, not a choice: silently falling back to .ics would hide it.
            var missing = new[]
            {
                string.IsNullOrWhiteSpace(options.TenantId) ? "Graph:TenantId" : null,
                string.IsNullOrWhiteSpace(options.ClientId) ? "Graph:ClientId" : null,
                string.IsNullOrWhiteSpace(options.ClientSecret) && !options.HasCertificate && !options.UseManagedIdentity
                    ? "Graph:ClientSecret (or Graph:ClientCertificatePath, Graph:ClientCertificateThumbprint or Graph:UseManagedIdentity=true)"
                    : null,
                string.IsNullOrWhiteSpace(options.OrganizerUserId) && !options.UsesDirectory ? "Graph:OrganizerUserId" : null,
            }.OfType<string>();
            failures.Add($"Graph is partly configured: set {string.Join(", ", missing)}, or remove the other Graph settings to send .ics invites instead.");
        }

        if (GraphCertificates.Problem(options) is { } certificate)
        {
            failures.Add(certificate);
        }

        if (options.InstallForUsers && string.IsNullOrWhiteSpace(options.TeamsAppCatalogId))
        {
            failures.Add("Graph:InstallForUsers needs Graph:TeamsAppCatalogId (the app's id in your Teams app catalog).");
        }

        if (options.DirectorySyncInterval < TimeSpan.FromMinutes(1))
        {
            failures.Add("Graph:DirectorySyncInterval must be at least one minute.");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl)
            || !(baseUrl.Scheme == Uri.UriSchemeHttps || (baseUrl.IsLoopback && baseUrl.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add("Graph:BaseUrl must be an https URL (http only on loopback).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
