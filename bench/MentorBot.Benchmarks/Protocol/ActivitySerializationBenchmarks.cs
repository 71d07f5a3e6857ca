using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Benchmarks.Protocol;

/// <summary>The per-request protocol work: parse an inbound Teams message, strip the mention, write a reply.</summary>
[MemoryDiagnoser]
public class ActivitySerializationBenchmarks
{
    private const string TeamsChannelMessage = """
        {"type":"message","id":"1485983408511","timestamp":"2017-02-01T21:10:07.437Z","localTimestamp":"2017-02-01T14:10:07.437-07:00",
         "localTimezone":"America/Los_Angeles","serviceUrl":"https://smba.trafficmanager.net/amer/","channelId":"msteams",
         "from":{"id":"29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw","name":"Megan Bowen","aadObjectId":"6d1d6a4e-0c1b-4c5c-b0e6-6b2f2f1d2a61"},
         "conversation":{"isGroup":true,"conversationType":"channel","tenantId":"72f988bf-86f1-41af-91ab-2d7cd011db47","id":"19:253b1f341670408fb6fe51050b6e5ceb@thread.skype;messageid=1485983194839"},
         "recipient":{"id":"28:c9e8c047-2a74-40a2-b28a-b162d5f5327c","name":"MentorBot"},"textFormat":"plain","text":"<at>MentorBot</at> I want to learn prompt writing",
         "entities":[{"type":"mention","mentioned":{"id":"28:c9e8c047-2a74-40a2-b28a-b162d5f5327c","name":"MentorBot"},"text":"<at>MentorBot</at>"},
                     {"type":"clientInfo","locale":"en-US","country":"US","platform":"Windows","timezone":"America/Los_Angeles"}],
         "channelData":{"teamsChannelId":"19:253b1f341670408fb6fe51050b6e5ceb@thread.skype","team":{"id":"19:712c61d0ef384e5fa681ba90ca943398@thread.skype"},
                        "channel":{"id":"19:253b1f341670408fb6fe51050b6e5ceb@thread.skype"},"tenant":{"id":"72f988bf-86f1-41af-91ab-2d7cd011db47"}},
         "locale":"en-US"}
        """;

    private readonly byte[] _message = Encoding.UTF8.GetBytes(TeamsChannelMessage);
    private Activity _parsed = null!;

    [GlobalSetup]
    public void Setup() => _parsed = JsonSerializer.Deserialize(_message, ProtocolJsonContext.Default.Activity)!;

    [Benchmark]
    public Activity? Deserialize() => JsonSerializer.Deserialize(_message, ProtocolJsonContext.Default.Activity);

    [Benchmark]
    public string? DeserializeAndRemoveMention() =>
        JsonSerializer.Deserialize(_message, ProtocolJsonContext.Default.Activity)!.RemoveRecipientMention();

    [Benchmark]
    public byte[] SerializeReply() =>
        JsonSerializer.SerializeToUtf8Bytes(_parsed.CreateReply("Here are three juniors who can help."), ProtocolJsonContext.Default.Activity);
}
