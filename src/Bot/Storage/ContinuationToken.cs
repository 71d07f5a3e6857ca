using System.Buffers.Text;
using System.Text;

namespace MentorBot.Bot.Storage;

/// <summary>
/// Packs an adapter's resume position into one opaque, URL-safe string (a version tag plus base64url parts), so
/// Core sees a plain string and a token from one backend is refused by the other instead of misread.
/// </summary>
internal static class ContinuationToken
{
    public static string Encode(string tag, params string?[] parts)
    {
        var builder = new StringBuilder(tag);
        foreach (var part in parts)
        {
            builder.Append('.').Append(part is null ? "-" : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(part)));
        }

        return builder.ToString();
    }

    public static string?[] Decode(string tag, string token, int partCount)
    {
        var pieces = token.Split('.');
        if (pieces.Length != partCount + 1 || pieces[0] != tag)
        {
            throw Invalid();
        }

        var result = new string?[partCount];
        for (var i = 0; i < partCount; i++)
        {
            var piece = pieces[i + 1];
            if (piece == "-")
            {
                continue;
            }

            try
            {
                result[i] = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(piece));
            }
            catch (FormatException ex)
            {
                throw new InvalidEntityException("The continuation token is malformed.", ex);
            }
        }

        return result;
    }

    private static InvalidEntityException Invalid() =>
        new("The continuation token was not issued by this storage backend.", "continuationToken");
}
