using MentorBot.Core.Tenants;

namespace MentorBot.Bot.Protocol.Builder;

/// <summary>
/// The tenant a served turn belongs to, kept in the turn state; set by the tenant allow-list middleware before anything
/// is read or written. It sits with the turn types so the dialog engine can key state by it without reaching into Hosting.
/// </summary>
/// <param name="InCore">How Core writes it: null for the default tenant.</param>
public sealed record TurnTenant(TenantId Id, TenantId? InCore);
