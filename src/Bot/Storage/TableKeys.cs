using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MentorBot.Bot.Storage;

/// <summary>
/// Turns channel ids (Teams conversation and account ids, or anything another channel sends) into valid table keys.
/// Characters Azure Tables forbids in keys (<c>/ \ # ?</c>, control characters) are percent-escaped, so keys stay
/// readable in Storage Explorer; ids too long for a key (Azurite stops at 512 characters) keep a readable prefix and a
/// SHA-256 of the whole id, so two long ids never share a key.
/// </summary>
internal static class TableKeys
{
    private const int MaxLength = 480;

    public static string Escape(string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (builder.Length <= MaxLength)
        {
            return builder.ToString();
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        return string.Concat(builder.ToString(0, MaxLength - hash.Length - 1), "~", hash);
    }
}
