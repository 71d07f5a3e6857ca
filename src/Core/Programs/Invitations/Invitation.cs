using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;

namespace MentorBot.Core.Programs.Invitations;

public enum InvitationState
{
    /// <summary>Written before anything is sent: a crash leaves it here and the next run picks it up.</summary>
    Pending,

    /// <summary>MentorBot installed itself for the person (or found itself installed); Teams then greets them.</summary>
    Installed,

    /// <summary>No install permission: the owner shares the app's link and the person opens it themselves.</summary>
    LinkShared,

    /// <summary>Gave up after <see cref="Invitation.MaxAttempts"/> tries (the person is not in the directory, the app is not in the catalog).</summary>
    Failed,
}

/// <summary>
/// The durable progress row of one person's invitation to one program (decision 0373): one per person per program,
/// so inviting twice (or resuming after a crash) never installs or greets twice.
/// </summary>
public sealed record Invitation(ProgramId Program, UserId Person, InvitationState State, int Attempts, DateTimeOffset UpdatedAt)
{
    public const int MaxAttempts = 3;

    public TenantId? Tenant { get; init; }
}

/// <summary>Where invitation rows live. Any call may throw <see cref="StorageUnavailableException"/>.</summary>
public interface IInvitationStore
{
    /// <summary>Every invitation of the program, ordered by person id.</summary>
    Task<IReadOnlyList<Versioned<Invitation>>> ListAsync(ProgramId program, CancellationToken cancellationToken);

    /// <summary>Writes the rows that do not exist yet (existing ones are left as they are); returns how many were new.</summary>
    Task<int> AddMissingAsync(IReadOnlyList<Invitation> invitations, CancellationToken cancellationToken);

    Task<ETag> ReplaceAsync(Invitation invitation, ETag ifMatch, CancellationToken cancellationToken);
}

public enum InstallResult
{
    Installed,

    /// <summary>Graph answered 409: it was there already (a run that crashed after the install, or the person added it).</summary>
    AlreadyInstalled,

    /// <summary>The person or the app is unknown to Graph; retrying will not help soon.</summary>
    NotFound,

    /// <summary>Throttled past what the adapter waits, or Graph is down; try again later.</summary>
    Unavailable,
}

/// <summary>
/// Installs MentorBot for a person (Graph <c>TeamsAppInstallation.ReadWriteForUser.All</c>), so Teams greets them
/// with the install greeting and consent card. <see cref="CanInstall"/> false without the permission.
/// </summary>
public interface IAppInstaller
{
    bool CanInstall { get; }

    /// <summary>The link an owner shares when MentorBot cannot install itself.</summary>
    string? ShareLink { get; }

    Task<InstallResult> InstallAsync(UserId person, CancellationToken cancellationToken);
}

/// <summary>No install permission: owners get the link to share.</summary>
public sealed class LinkOnlyInstaller(string? shareLink) : IAppInstaller
{
    public bool CanInstall => false;

    public string? ShareLink { get; } = shareLink;

    public Task<InstallResult> InstallAsync(UserId person, CancellationToken cancellationToken) => Task.FromResult(InstallResult.Unavailable);
}
