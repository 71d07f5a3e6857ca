using System.Text;
using System.Text.Json.Nodes;

namespace MentorBot.Bot.Tests.Fuzz;

/// <summary>One mutated request: the body bytes, its content type, and what was done (for the failure message).</summary>
internal sealed record MutatedRequest(byte[] Body, string? ContentType, string Description);

/// <summary>
/// Seeded mutations of captured Teams activities. Everything random comes from the one <see cref="Random"/>, so a seed
/// and an iteration number reproduce a request exactly.
/// </summary>
internal sealed class ActivityMutator(Random random, string loopbackServiceUrl, int bodyLimit)
{
    private const string NestMarker = "__NEST__";

    private static readonly string[] HostileStrings =
    [
        "<at>Alex Wilber</at> <at id=\"0\">x</at>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "{{user.name}}", "${jndi:ldap://127.0.0.1/a}", "'; DROP TABLE profiles; --", "\" OR 1=1 --", "../../../etc/passwd",
        "..%2F..%2Fetc%2Fpasswd", "%2F%2e%2e%2F", "a/b\\c?d#e", "\u202Egnp.exe", "a\u200B\u200C\u200D\uFEFFb", "nul\u0000byte",
        "😀👩‍👩‍👧‍👦🏳️‍🌈", "\uD800", "\uDFFF", "\uDBFF\uDFFF", "\r\n\t\f\b", "", " ", "null", "true", "0", "-1", "1e309",
        "PartitionKey eq 'x'", "*", "@everyone", "help", "cancel", "\u0627\u0644\u0639\u0631\u0628\u064A\u0629",
    ];

    private static readonly string[] ForeignServiceUrls =
    [
        "https://evil.example/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "https://127.0.0.1.nip.io/",
        "http://smba.trafficmanager.net/emea/", "file:///etc/passwd", "ftp://127.0.0.1/", "https://login.microsoftonline.com/",
        "//evil.example/", "not a url", "https://[::ffff:8.8.8.8]/", "https://evil.example@127.0.0.1/",
    ];

    private static readonly string[] ActivityTypes =
    [
        "message", "invoke", "conversationUpdate", "installationUpdate", "messageReaction", "event", "typing",
        "endOfConversation", "messageUpdate", "messageDelete", "MESSAGE", " message", "unknownType", "trace", "handoff",
    ];

    private static readonly string[] InvokeNames =
    [
        "adaptiveCard/action", "ADAPTIVECARD/ACTION", "task/fetch", "task/submit", "composeExtension/query",
        "signin/verifyState", "healthCheck", "", "../../admin", "actionableMessage/executeAction", "fileConsent/invoke",
    ];

    private static readonly string[] Verbs =
    [
        "acceptRequest", "declineRequest", "offerHelp", "pause", "resume", "feedback", "delete", "admin", "", "ACCEPT",
        "accept;drop", "__proto__", "constructor",
    ];

    public MutatedRequest Mutate(string fixtureJson)
    {
        var node = JsonNode.Parse(fixtureJson)!.AsObject();
        node["serviceUrl"] = loopbackServiceUrl;
        var description = new List<string>();
        var rounds = random.Next(1, 4);
        string? text = null;
        string? contentType = "application/json";
        for (var round = 0; round < rounds; round++)
        {
            if (text is not null)
            {
                text = TextMutation(text, description);
                continue;
            }

            switch (random.Next(18))
            {
                case 0: DeleteKey(node, description); break;
                case 1: ChangeType(node, description); break;
                case 2: RemoveEssential(node, description); break;
                case 3: SetRandomType(node, description); break;
                case 4: HostileString(node, description); break;
                case 5: OddInvoke(node, description); break;
                case 6: CardAction(node, description); break;
                case 7: ForeignServiceUrl(node, description); break;
                case 8: LongIds(node, description); break;
                case 9: SetAt(node, RandomPath(node), Nest(random.Next(1000, 3000)), description, "deep nesting"); break;
                default:
                    // The rest operate on the serialised text, after the structural rounds.
                    text ??= ExpandNesting(node.ToJsonString());
                    text = TextMutation(text, description);
                    break;
            }
        }

        text = ExpandNesting(text ?? node.ToJsonString());
        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(25) == 0)
        {
            bytes = FlipBits(bytes, description);
        }

        if (random.Next(30) == 0)
        {
            contentType = new[] { "text/plain", null, "application/json; charset=utf-16", "application/vnd.foo+json", "multipart/form-data", "application/jsonp" }[random.Next(6)];
            description.Add($"content type {contentType ?? "(none)"}");
        }

        return new MutatedRequest(bytes, contentType, string.Join("; ", description));
    }

    private string TextMutation(string text, List<string> description)
    {
        if (text.Length < 2)
        {
            text = "{}";
        }

        switch (random.Next(5))
        {
            case 0:
                var at = random.Next(text.Length);
                description.Add($"truncated at {at}");
                return text[..at];
            case 1:
                var key = new[] { "type", "id", "serviceUrl", "text", "conversation", "from", "value" }[random.Next(7)];
                var value = new[] { "\"message\"", "\"invoke\"", "null", "42", "{}", "[]", "\"x\"" }[random.Next(7)];
                description.Add($"duplicate key {key}={value}");
                return random.Next(2) == 0 ? $"{{\"{key}\":{value}," + text[1..] : text[..^1] + $",\"{key}\":{value}}}";
            case 2:
                // Near and over the body limit: the adapter must answer 413 before parsing.
                var target = bodyLimit + random.Next(-64, 64);
                var pad = Math.Max(0, target - text.Length - 12);
                description.Add($"padded to about {target} bytes (limit {bodyLimit})");
                return text[..^1] + $",\"pad\":\"{new string('x', pad)}\"}}";
            case 3:
                // Raw bytes JSON text cannot carry: a lone surrogate escape, a NUL escape, invalid escapes.
                var raw = new[] { "\\ud800", "\\udfff\\ud800", "\\u0000", "\\x41", "\\u12", "\u0000" }[random.Next(6)];
                var field = text.IndexOf("\"text\":\"", StringComparison.Ordinal);
                var insertAt = field >= 0 ? field + 8 : 1;
                description.Add($"raw escape {raw.Replace("\u0000", "NUL", StringComparison.Ordinal)} at {insertAt}");
                return field >= 0 ? text.Insert(insertAt, raw) : text.Insert(1, $"\"text\":\"{raw}\",");
            default:
                var junk = new[] { "", " ", "null", "[]", "\"message\"", "{", "}", "{}{}", "{\"type\":\"message\"}garbage", "\uFEFF{\"type\":\"message\"}", "123" }[random.Next(11)];
                description.Add($"replaced by '{junk}'");
                return junk;
        }
    }

    private byte[] FlipBits(byte[] bytes, List<string> description)
    {
        var copy = (byte[])bytes.Clone();
        var flips = random.Next(1, 9);
        for (var i = 0; i < flips && copy.Length > 0; i++)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        description.Add($"{flips} bit flips");
        return copy;
    }

    private void DeleteKey(JsonObject root, List<string> description)
    {
        var objects = Objects(root).Where(o => o.Count > 0).ToList();
        var target = objects[random.Next(objects.Count)];
        var key = target.ElementAt(random.Next(target.Count)).Key;
        target.Remove(key);
        description.Add($"deleted {key}");
    }

    private void ChangeType(JsonObject root, List<string> description) =>
        SetAt(root, RandomPath(root), RandomValue(), description, "changed type");

    private void RemoveEssential(JsonObject root, List<string> description)
    {
        var key = new[] { "type", "id", "serviceUrl", "conversation", "from", "recipient", "channelId" }[random.Next(7)];
        if (random.Next(3) == 0 && root[key] is JsonObject account)
        {
            account.Remove("id");
            description.Add($"removed {key}.id");
            return;
        }

        root.Remove(key);
        description.Add($"removed {key}");
    }

    private void SetRandomType(JsonObject root, List<string> description)
    {
        var type = ActivityTypes[random.Next(ActivityTypes.Length)];
        root["type"] = type;
        description.Add($"type {type}");
    }

    private void HostileString(JsonObject root, List<string> description)
    {
        var value = HostileStrings[random.Next(HostileStrings.Length)];
        var path = new[] { "text", "from.name", "conversation.id", "from.id", "from.aadObjectId", "conversation.tenantId", "channelId", "locale", "replyToId", "recipient.id", "name", "conversation.conversationType" }[random.Next(12)];
        SetPath(root, path, value);
        description.Add($"{path}=hostile#{Array.IndexOf(HostileStrings, value)}");
    }

    private void OddInvoke(JsonObject root, List<string> description)
    {
        root["type"] = "invoke";
        var name = InvokeNames[random.Next(InvokeNames.Length)];
        root["name"] = name;
        root["value"] = RandomValue();
        description.Add($"invoke {name}");
    }

    private void CardAction(JsonObject root, List<string> description)
    {
        var verb = Verbs[random.Next(Verbs.Length)];
        var data = new JsonObject
        {
            ["verb"] = verb,
            ["requestId"] = random.Next(3) == 0 ? HostileStrings[random.Next(HostileStrings.Length)] : new Guid(RandomBytes(16)).ToString(),
            ["mentorshipId"] = "someone-elses-" + random.Next(1000),
            ["version"] = random.Next(3) == 0 ? RandomValue() : -random.Next(100),
        };
        if (random.Next(2) == 0)
        {
            root["type"] = "invoke";
            root["name"] = "adaptiveCard/action";
            root["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data }, ["trigger"] = "manual" };
        }
        else
        {
            root["type"] = "message";
            root.Remove("text");
            root["value"] = data;
        }

        description.Add($"card action verb '{verb}'");
    }

    private void ForeignServiceUrl(JsonObject root, List<string> description)
    {
        var url = ForeignServiceUrls[random.Next(ForeignServiceUrls.Length)];
        root["serviceUrl"] = url;
        description.Add($"serviceUrl {url}");
    }

    private void LongIds(JsonObject root, List<string> description)
    {
        var length = random.Next(1_000, 20_000);
        var path = new[] { "id", "conversation.id", "from.id", "from.aadObjectId", "replyToId", "recipient.id" }[random.Next(6)];
        SetPath(root, path, new string('9', length));
        description.Add($"{path} {length} chars");
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private JsonNode? RandomValue() => random.Next(9) switch
    {
        0 => null,
        1 => random.Next(),
        2 => random.NextDouble() * 1e300,
        3 => random.Next(2) == 0,
        4 => new JsonArray(1, "two", null),
        5 => new JsonObject { ["unexpected"] = true },
        6 => HostileStrings[random.Next(HostileStrings.Length)],
        7 => new JsonObject(),
        _ => long.MinValue,
    };

    // JsonNode refuses such depths too, so the nesting travels as a marker that is expanded in the text.
    private static JsonValue Nest(int depth) => JsonValue.Create(NestMarker + depth)!;

    private static string ExpandNesting(string text)
    {
        var at = text.IndexOf("\"" + NestMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var end = text.IndexOf('"', at + 1);
        var depth = int.Parse(text.AsSpan(at + 1 + NestMarker.Length, end - at - 1 - NestMarker.Length), System.Globalization.CultureInfo.InvariantCulture);
        var nested = new StringBuilder(depth * 2).Append('[', depth).Append(']', depth).ToString();
        return ExpandNesting(text[..at] + nested + text[(end + 1)..]);
    }

    private static void SetAt(JsonObject root, (JsonObject Parent, string Key) path, JsonNode? value, List<string> description, string what)
    {
        path.Parent[path.Key] = value;
        description.Add($"{what} at {path.Key}");
    }

    private (JsonObject Parent, string Key) RandomPath(JsonObject root)
    {
        var objects = Objects(root).ToList();
        var parent = objects[random.Next(objects.Count)];
        var key = parent.Count > 0 && random.Next(4) > 0 ? parent.ElementAt(random.Next(parent.Count)).Key : "fuzz" + random.Next(100);
        return (parent, key);
    }

    private static void SetPath(JsonObject root, string path, string value)
    {
        var parts = path.Split('.');
        var current = root;
        foreach (var part in parts[..^1])
        {
            if (current[part] is not JsonObject child)
            {
                child = new JsonObject();
                current[part] = child;
            }

            current = child;
        }

        current[parts[^1]] = value;
    }

    private static IEnumerable<JsonObject> Objects(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            yield return obj;
            foreach (var (_, child) in obj)
            {
                if (child is not null)
                {
                    foreach (var nested in Objects(child))
                    {
                        yield return nested;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                if (child is not null)
                {
                    foreach (var nested in Objects(child))
                    {
                        yield return nested;
                    }
                }
            }
        }
    }
}
