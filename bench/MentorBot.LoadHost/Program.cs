using MentorBot.LoadHost;

// Usage: MentorBot.LoadHost <connector-stub|bare> <url>
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: MentorBot.LoadHost <connector-stub|bare> <url>");
    return 2;
}

var app = args[0] switch
{
    "connector-stub" => ConnectorStub.Build(args[1]),
    "bare" => BareEndpoint.Build(args[1]),
    _ => null,
};

if (app is null)
{
    Console.Error.WriteLine($"unknown mode '{args[0]}'");
    return 2;
}

await app.RunAsync();
return 0;
