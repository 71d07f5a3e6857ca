using MentorBot.Core.Tenants;

namespace MentorBot.Core.Requests;

/// <summary>
/// One small value per tenant that moves whenever someone's profile in that tenant changes (decision 0185): how a bot
/// instance learns, with one point read, that another instance changed who can be matched. Holds no personal data.
/// </summary>
public interface IMatchingChangeMarker
{
    /// <summary>The tenant's marker now (null: never moved).</summary>
    Task<string?> ReadAsync(TenantId? tenant, CancellationToken cancellationToken);

    /// <summary>Moves the marker on; returns its value just before this write and the value this write left.</summary>
    Task<MarkerMove> MoveAsync(TenantId? tenant, CancellationToken cancellationToken);
}

/// <summary>A marker's value before and after one move.</summary>
public sealed record MarkerMove(string? Before, string? After);

/// <summary>One instance alone on its storage (tests, in-memory hosts): nobody else changes anything, so it never moves.</summary>
public sealed class InProcessChangeMarker : IMatchingChangeMarker
{
    public Task<string?> ReadAsync(TenantId? tenant, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<MarkerMove> MoveAsync(TenantId? tenant, CancellationToken cancellationToken) => Task.FromResult(new MarkerMove(null, null));
}
