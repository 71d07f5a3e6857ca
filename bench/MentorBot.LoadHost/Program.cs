using MentorBot.LoadHost;

// Load-test targets (loopback only), started by bench/load/run.sh:
//   connector-stub <url>
//   bare <url>
//   bot <url> <connector-service-url> <token-file> <data-folder> [storage-connection-string]
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: MentorBot.LoadHost <connector-stub|bare|bot> <url> [...]");
    return 2;
}

switch (args[0])
{
    case "connector-stub":
        await ConnectorStub.Build(args[1]).RunAsync();
        return 0;
    case "bare":
        await BareEndpoint.Build(args[1]).RunAsync();
        return 0;
    case "bot" when args.Length >= 5:
        var (app, issuer) = await BotUnderLoad.BuildAsync(args[1], args[2], args[3], args.Length > 5 ? args[5] : null, args[4]);
        await using (issuer)
        {
            await app.RunAsync();
        }

        return 0;
    default:
        Console.Error.WriteLine($"unknown mode or missing arguments: {string.Join(' ', args)}");
        return 2;
}
