using MentorBot.Core.Profiles;

namespace MentorBot.Core.Organisation;

/// <summary>What the organisation's directory says about one person (Microsoft Graph <c>user</c>, the fields MentorBot uses).</summary>
public sealed record DirectoryPerson(
    UserId Id,
    string? Mail,
    string? Department,
    string? JobTitle,
    string? OfficeLocation,
    string? PreferredLanguage);

/// <summary>How a directory change touches a person's manager.</summary>
public enum ManagerChangeKind
{
    /// <summary>The change says nothing about the manager (delta pages only carry what changed).</summary>
    Unchanged,

    Set,

    Removed,
}

/// <summary>
/// One person in a delta page: <paramref name="Person"/> null when the directory removed them (soft or hard delete);
/// <paramref name="Manager"/> only when <paramref name="ManagerChange"/> is <see cref="ManagerChangeKind.Set"/>.
/// </summary>
public sealed record DirectoryChange(UserId Id, DirectoryPerson? Person, ManagerChangeKind ManagerChange, UserId? Manager = null);

/// <summary>
/// One page of a delta round: follow <paramref name="NextLink"/> until a page carries <paramref name="DeltaLink"/>,
/// which starts the next round. Links are opaque; the adapter alone reads them.
/// </summary>
public sealed record DirectoryDeltaPage(IReadOnlyList<DirectoryChange> Changes, string? NextLink, string? DeltaLink);

/// <summary>The mailbox settings matching uses: the mailbox's time zone (IANA or Windows, as the admin set it) and language.</summary>
public sealed record MailboxFacts(string? TimeZone, string? Locale);

/// <summary>Why the directory could not answer; never carries who was asked.</summary>
public enum DirectoryFailure
{
    /// <summary>No token (wrong secret, no consent, identity endpoint down).</summary>
    TokenUnavailable,

    /// <summary>Graph refused the app (403 on a call that needs a permission the app lacks).</summary>
    PermissionMissing,

    /// <summary>Throttled longer than we wait, or a server error.</summary>
    Unavailable,

    /// <summary>A delta link too old (Graph keeps directory delta tokens about 7 days): start a full round.</summary>
    DeltaExpired,
}

/// <summary>The directory could not answer. The message names the failure and the call, never a person.</summary>
public sealed class DirectoryUnavailableException(DirectoryFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public DirectoryFailure Failure { get; } = failure;
}

/// <summary>
/// The organisation's directory (Microsoft Graph with application permissions, off by default). Every call may throw
/// <see cref="DirectoryUnavailableException"/>; "not there" (a person who left, no manager, no mailbox) is null, not an error.
/// </summary>
public interface IDirectory
{
    /// <summary>Whether a directory is configured at all; without one nothing in this folder runs.</summary>
    bool IsConfigured { get; }

    /// <summary>A page of the delta round: <paramref name="link"/> null starts a full round.</summary>
    Task<DirectoryDeltaPage> ReadDeltaAsync(string? link, CancellationToken cancellationToken);

    /// <summary>One person, null when the directory does not know them.</summary>
    Task<DirectoryPerson?> GetPersonAsync(UserId id, CancellationToken cancellationToken);

    /// <summary>The person's manager (a user, never an org contact), null when they have none.</summary>
    Task<UserId?> GetManagerAsync(UserId id, CancellationToken cancellationToken);

    /// <summary>The person's mailbox settings, null when they have no mailbox or it cannot be read.</summary>
    Task<MailboxFacts?> GetMailboxAsync(UserId id, CancellationToken cancellationToken);
}

/// <summary>No directory configured: MentorBot knows what people and owners tell it, as before.</summary>
public sealed class NoDirectory : IDirectory
{
    public bool IsConfigured => false;

    public Task<DirectoryDeltaPage> ReadDeltaAsync(string? link, CancellationToken cancellationToken) =>
        Task.FromResult(new DirectoryDeltaPage([], null, null));

    public Task<DirectoryPerson?> GetPersonAsync(UserId id, CancellationToken cancellationToken) => Task.FromResult<DirectoryPerson?>(null);

    public Task<UserId?> GetManagerAsync(UserId id, CancellationToken cancellationToken) => Task.FromResult<UserId?>(null);

    public Task<MailboxFacts?> GetMailboxAsync(UserId id, CancellationToken cancellationToken) => Task.FromResult<MailboxFacts?>(null);
}
