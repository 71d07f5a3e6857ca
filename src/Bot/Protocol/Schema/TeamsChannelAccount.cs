using System.Text.Json;
using System.Text.Json.Serialization;

namespace MentorBot.Bot.Protocol.Schema;

/// <summary>
/// A member as Teams' roster routes return it (<c>GET v3/conversations/{id}/members/{memberId}</c>, <c>pagedmembers</c>):
/// the channel account plus what the directory says, without any Graph permission. Every field but <see cref="Id"/>
/// may be missing (meeting guests get only id, name, tenant and role; Microsoft announced dropping email and UPN).
/// </summary>
public sealed class TeamsChannelAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? AadObjectId { get; set; }

    /// <summary>The older name of <see cref="AadObjectId"/>: Teams' samples and the legacy members route still send it.</summary>
    public string? ObjectId { get; set; }

    public string? GivenName { get; set; }

    public string? Surname { get; set; }

    public string? Email { get; set; }

    public string? UserPrincipalName { get; set; }

    public string? TenantId { get; set; }

    /// <summary><c>user</c>, or <c>anonymous</c> for a meeting guest.</summary>
    public string? UserRole { get; set; }

    /// <summary>The Entra object id under either name.</summary>
    [JsonIgnore]
    public string? EntraObjectId => AadObjectId is { Length: > 0 } aad ? aad : ObjectId is { Length: > 0 } objectId ? objectId : null;

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>One page of <c>pagedmembers</c>; no <see cref="ContinuationToken"/> means the last page.</summary>
public sealed class TeamsPagedMembersResult
{
    public string? ContinuationToken { get; set; }

    public IList<TeamsChannelAccount>? Members { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
