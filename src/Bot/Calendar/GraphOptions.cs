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

    /// <summary>Use the app's managed identity (user-assigned when <see cref="ClientId"/> is its client id).</summary>
    public bool UseManagedIdentity { get; set; }

    /// <summary>
    /// The mailbox (object id or UPN) that organizes every check-in. Restrict the app's Calendars.ReadWrite to it
    /// with an Exchange application access policy; otherwise the permission reaches every mailbox in the tenant.
    /// </summary>
    public string? OrganizerUserId { get; set; }

    public string BaseUrl { get; set; } = DefaultBaseUrl;

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(TenantId) && !string.IsNullOrWhiteSpace(ClientId)
        && (!string.IsNullOrWhiteSpace(ClientSecret) || UseManagedIdentity)
        && !string.IsNullOrWhiteSpace(OrganizerUserId);

    internal bool IsPartlyConfigured =>
        !IsConfigured && new[] { TenantId, ClientId, ClientSecret, OrganizerUserId }.Any(v => !string.IsNullOrWhiteSpace(v));
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
                string.IsNullOrWhiteSpace(options.ClientSecret) && !options.UseManagedIdentity ? "Graph:ClientSecret (or Graph:UseManagedIdentity=true)" : null,
                string.IsNullOrWhiteSpace(options.OrganizerUserId) ? "Graph:OrganizerUserId" : null,
            }.OfType<string>();
            failures.Add($"Graph is partly configured: set {string.Join(", ", missing)}, or remove the other Graph settings to send .ics invites instead.");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl)
            || !(baseUrl.Scheme == Uri.UriSchemeHttps || (baseUrl.IsLoopback && baseUrl.Scheme == Uri.UriSchemeHttp)))
        {
            failures.Add("Graph:BaseUrl must be an https URL (http only on loopback).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
