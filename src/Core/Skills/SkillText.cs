using System.Globalization;
using System.Text;

namespace MentorBot.Core.Skills;

/// <summary>Folds text the way people type it ("Pówer-BI!", full-width "ＰｏｗｅｒＢＩ") into comparable tokens ("power", "bi").</summary>
internal static class SkillText
{
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                // Letters that do not decompose into base + mark in Unicode.
                'ø' or 'Ø' => 'o',
                'ł' or 'Ł' => 'l',
                'ß' => 's',
                'æ' or 'Æ' => 'a',
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString();
    }

    /// <summary>Folded tokens with their start offsets in the original text. '#', '+' and '&amp;' stay (C#, C++, D&amp;I).</summary>
    public static List<Token> Tokenize(string text)
    {
        var folded = Fold(text);
        var tokens = new List<Token>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isTokenChar = i < folded.Length && (char.IsLetterOrDigit(folded[i]) || folded[i] is '#' or '+' or '&');
            if (isTokenChar && start < 0)
            {
                start = i;
            }
            else if (!isTokenChar && start >= 0)
            {
                tokens.Add(new Token(folded[start..i]));
                start = -1;
            }
        }

        return tokens;
    }

    public static string Key(IEnumerable<string> tokens) => string.Join(' ', tokens);

    public static string Compact(IEnumerable<string> tokens) => string.Concat(tokens);

    internal readonly record struct Token(string Text);
}
