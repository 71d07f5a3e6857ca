using System.ComponentModel.DataAnnotations;

namespace MentorBot.Bot.Protocol;

/// <summary>Which tenants a host serves; every tenant only ever sees its own people either way (decision 0232).</summary>
public enum TenantMode
{
    Allowed,
    Isolated,
}

/// <summary>How this bot host accepts traffic (section <c>Bot</c>); the Bot Framework credentials stay at the root.</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>
    /// Largest accepted activity. Teams caps bot messages near 100 KB, and an inbound activity carrying a card
    /// submit is far smaller; 256 KB leaves headroom without letting anyone stream megabytes at us.
    /// </summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Entra tenant ids the bot serves (decision 0232). Empty: the app's own tenant for a SingleTenant registration,
    /// every tenant with <see cref="TenantMode"/> <c>Isolated</c>; a MultiTenant registration must set one of the two.
    /// </summary>
    public IList<string> AllowedTenants { get; } = [];

    /// <summary><c>Allowed</c> (default): serve <see cref="AllowedTenants"/>. <c>Isolated</c>: serve every tenant, each seeing only its own data.</summary>
    public TenantMode TenantMode { get; set; } = TenantMode.Allowed;

    /// <summary>The tenant that data from before tenants belongs to (decision 0231); defaults to <c>MicrosoftAppTenantId</c>.</summary>
    public string? DefaultTenantId { get; set; }

    /// <summary>
    /// Lets the bot run without a <c>MicrosoftAppId</c> outside Development and Testing (decision 0250). Nobody is
    /// authenticated then; /healthz and every dashboard page say so.
    /// </summary>
    public bool AllowAnonymousInProduction { get; set; }

    /// <summary>Retry-After sent with a 503 when storage is down and the store gave no hint of its own.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StorageRetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
