using MentorBot.Core.Persistence;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;

namespace MentorBot.Bot.Turns;

/// <summary>Who is speaking in this turn, in Core's terms, and how to talk to them.</summary>
/// <param name="TimeZoneId">What the client reported (<c>localTimezone</c> / <c>clientInfo</c>), not yet validated.</param>
public sealed record TurnPerson(UserId Id, string? Name, TeamsUserId? TeamsId, CultureInfo Culture, string? TimeZoneId)
{
    /// <summary>The one fallback culture (<see cref="Languages.Fallback"/>), the same for replies and proactive messages.</summary>
    public static CultureInfo DefaultCulture => Languages.Fallback;

    /// <summary>The served tenant of the turn in Core's terms (null: the default tenant; decisions 0230, 0231).</summary>
    public TenantId? Tenant { get; init; }

    /// <summary>The locale Teams sent with this turn ("sv-SE"), as sent; <see cref="Culture"/> is what we speak.</summary>
    public string? TeamsLocale { get; init; }

    /// <summary>
    /// The person's profile as stored when the turn began (any tenant; null: none), read once by the turn-person
    /// middleware so later middlewares need not read it again. A snapshot: what the turn itself saves is not in it.
    /// </summary>
    public Profile? ProfileAtStart { get; init; }

    /// <summary>
    /// <see cref="ProfileAtStart"/> with the version it was read at, for a Core step that would otherwise read the
    /// profile again moments later in the same turn (an ask, decision 0410). Null when there was none.
    /// </summary>
    public Versioned<Profile>? StoredProfileAtStart { get; init; }

    public string? FirstName => Name?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    /// <summary>The person of the turn; set by the turn-person middleware for every activity from a user.</summary>
    public static TurnPerson? Of(ITurnContext turnContext) => turnContext.TurnState.Get<TurnPerson>();

    /// <summary>
    /// Core knows people by their Entra object id, a GUID. Teams always sends one; the Agents Playground and the
    /// Emulator send ids that are not GUIDs (or none), so those get a stable GUID derived from what they did send.
    /// </summary>
    public static UserId? UserIdOf(ChannelAccount? account)
    {
        if (account?.AadObjectId is { Length: > 0 } aad && Guid.TryParse(aad, out var objectId))
        {
            return new UserId(objectId.ToString("D"));
        }

        var stable = account?.AadObjectId is { Length: > 0 } other ? $"aad:{other}" : account?.Id is { Length: > 0 } id ? $"id:{id}" : null;
        if (stable is null)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(stable));
        // RFC 9562 version 8 (custom) and the RFC variant, so the value is a well-formed GUID that can't be a real object id.
        hash[7] = (byte)((hash[7] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new UserId(new Guid(hash.AsSpan(0, 16)).ToString("D"));
    }

    /// <summary>The culture for a Teams locale alone, for someone who has not chosen a language (<see cref="Languages.For"/>).</summary>
    public static CultureInfo CultureOf(string? locale) => Languages.For(null, locale);
}
