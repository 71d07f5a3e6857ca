using System.Text;

namespace MentorBot.Core.Tests.CheckIns;

/// <summary>One unfolded content line: NAME;PARAM=value:VALUE, with TEXT still escaped.</summary>
public sealed record ContentLine(string Name, IReadOnlyDictionary<string, string> Parameters, string RawValue)
{
    public string Text => ICalendarReader.Unescape(RawValue);
}

/// <summary>
/// A deliberately small RFC 5545 reader for tests: it checks the physical format strictly (CRLF only, 75 octets,
/// valid UTF-8 on every physical line) and then unfolds and splits content lines.
/// </summary>
public static class ICalendarReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<ContentLine> Read(byte[] bytes)
    {
        Assert.True(bytes.Length > 2 && bytes[^2] == '\r' && bytes[^1] == '\n', "must end with CRLF");
        var physical = new List<string>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                Assert.True(i > 0 && bytes[i - 1] == '\r', $"bare LF at byte {i}");
                var length = i - 1 - start;
                Assert.True(length <= 75, $"physical line of {length} octets at byte {start}");

                // Throws if a fold split a multi-byte character.
                physical.Add(StrictUtf8.GetString(bytes, start, length));
                start = i + 1;
            }
            else if (bytes[i] == '\r')
            {
                Assert.True(i + 1 < bytes.Length && bytes[i + 1] == '\n', $"bare CR at byte {i}");
            }
        }

        var logical = new List<StringBuilder>();
        foreach (var line in physical)
        {
            if (line.Length > 0 && line[0] is ' ' or '\t')
            {
                Assert.NotEmpty(logical);
                logical[^1].Append(line, 1, line.Length - 1);
            }
            else
            {
                logical.Add(new StringBuilder(line));
            }
        }

        return [.. logical.Select(l => Parse(l.ToString()))];
    }

    public static string Unescape(string value)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                Assert.False(value[i] is ';' or ',', $"unescaped '{value[i]}' in TEXT value '{value}'");
                builder.Append(value[i]);
                continue;
            }

            Assert.True(i + 1 < value.Length, "dangling backslash");
            builder.Append(value[++i] switch
            {
                'n' or 'N' => '\n',
                '\\' => '\\',
                ';' => ';',
                ',' => ',',
                var other => throw new Xunit.Sdk.XunitException($"invalid escape \\{other}"),
            });
        }

        return builder.ToString();
    }

    private static ContentLine Parse(string line)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < line.Length && line[i] is not (';' or ':'))
        {
            i++;
        }

        var name = line[..i];
        while (i < line.Length && line[i] == ';')
        {
            var eq = line.IndexOf('=', i);
            var key = line[(i + 1)..eq];
            i = eq + 1;
            string value;
            if (line[i] == '"')
            {
                var close = line.IndexOf('"', i + 1);
                value = line[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var end = i;
                while (line[end] is not (';' or ':'))
                {
                    end++;
                }

                value = line[i..end];
                i = end;
            }

            parameters[key] = value;
        }

        Assert.Equal(':', line[i]);
        return new ContentLine(name, parameters, line[(i + 1)..]);
    }
}
