using MentorBot.Core.Tenants;

namespace MentorBot.Core.Profiles;

/// <summary>
/// What the organisation's directory says about one person (the Teams roster today; any field may be missing).
/// <see cref="Tenant"/> is the directory the entry came from, in Core's terms (null: the default tenant).
/// </summary>
public sealed record RosterEntry(string? Email, string? UserPrincipalName, string? GivenName, string? Surname, string? DisplayName, TenantId? Tenant);

/// <summary>The answer of a directory lookup, as a value the caller decides on.</summary>
public abstract record DirectoryLookup
{
    private DirectoryLookup()
    {
    }

    public sealed record Found(RosterEntry Entry) : DirectoryLookup;

    /// <summary>The directory does not know the person (not a member of the conversation it was asked in).</summary>
    public sealed record NotFound : DirectoryLookup;

    /// <summary>Could not ask now (refused, throttled, timed out, no way to reach the person yet); <paramref name="Reason"/> names which, never the person.</summary>
    public sealed record Unavailable(string Reason) : DirectoryLookup;
}

/// <summary>"Who is this person": looks one person up in the organisation's directory. Implementations never throw for an answer they did not get.</summary>
public interface IPersonDirectory
{
    Task<DirectoryLookup> LookUpAsync(UserId person, CancellationToken cancellationToken);
}
