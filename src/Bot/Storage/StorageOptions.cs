using System.Text.RegularExpressions;
using MentorBot.Bot.Storage.AzureTable;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Storage;

/// <summary>
/// The <c>Storage</c> section. Nothing set: SQLite under <see cref="DataFolder"/>. A connection string (here or in
/// <c>ConnectionStrings:Storage</c>): Azure Table with Shared Key or SAS. Only <see cref="TableEndpoint"/>: Azure
/// Table with Entra ID (DefaultAzureCredential; managed identity in Azure). Keys belong in user secrets or the
/// environment, never in appsettings.json.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? TableEndpoint { get; set; }

    /// <summary>Folder of the SQLite file, relative to the content root unless absolute.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Prepended to every table name, so several bots (or test runs) can share one account.</summary>
    public string TablePrefix { get; set; } = "mentorbot";

    /// <summary>Retries after the first attempt on 408/429/5xx and network errors (Azure Table).</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Per-attempt timeout of one HTTP request (Azure Table).</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a SQLite write waits for another writer (another process on the same file) before giving up.</summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal StorageBackend Backend => !string.IsNullOrWhiteSpace(ConnectionString) || TableEndpoint is not null
        ? StorageBackend.AzureTable
        : StorageBackend.Sqlite;
}

internal enum StorageBackend
{
    Sqlite,
    AzureTable,
}

internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!PrefixPattern().IsMatch(options.TablePrefix))
        {
            failures.Add("Storage:TablePrefix must be 1-40 letters or digits starting with a letter (table names allow nothing else).");
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString) && options.TableEndpoint is not null)
        {
            failures.Add("Set either Storage:ConnectionString (key or SAS) or Storage:TableEndpoint (Entra ID), not both.");
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try
            {
                TableConnection.Parse(options.ConnectionString);
            }
            catch (FormatException ex)
            {
                failures.Add(ex.Message);
            }
        }

        if (options.TableEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Storage:TableEndpoint must be an absolute https URI (Entra ID tokens are only sent over TLS).");
        }

        if (string.IsNullOrWhiteSpace(options.DataFolder))
        {
            failures.Add("Storage:DataFolder must not be empty.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("Storage:MaxRetries must be between 0 and 10.");
        }

        if (options.RetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.RetryDelay)
        {
            failures.Add("Storage:RetryDelay must be positive and not above Storage:MaxRetryDelay.");
        }

        if (options.NetworkTimeout <= TimeSpan.Zero || options.SqliteBusyTimeout <= TimeSpan.Zero)
        {
            failures.Add("Storage:NetworkTimeout and Storage:SqliteBusyTimeout must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();
}
