using System.Security.Cryptography;
using System.Text;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Privacy;

/// <summary>
/// People who asked to be forgotten, kept only as a salted hash of their Entra object id (nothing else), so that the
/// next participant import does not bring them back. The person lifts it themselves by coming back to the bot.
/// </summary>
public interface ISuppressionList
{
    Task AddAsync(UserId person, CancellationToken cancellationToken);

    Task<bool> ContainsAsync(UserId person, CancellationToken cancellationToken);

    /// <summary>The person came back of their own accord (messaged the bot, pressed Join): an import may invite them again.</summary>
    Task RemoveAsync(UserId person, CancellationToken cancellationToken);
}

/// <summary>The one-way key a suppression is stored under: HMAC-SHA256 of the object id with a secret salt.</summary>
public static class SuppressionHash
{
    public const int MinSaltBytes = 16;

    public static string Of(ReadOnlySpan<byte> salt, UserId person)
    {
        if (salt.Length < MinSaltBytes)
        {
            throw new ArgumentException($"The suppression salt must be at least {MinSaltBytes} bytes.", nameof(salt));
        }

        // Exports differ in the case of a GUID; the hash must not.
        var id = Guid.TryParse(person.AadObjectId, out var guid) ? guid.ToString("D") : person.AadObjectId.Trim();
        return Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(id)));
    }
}
