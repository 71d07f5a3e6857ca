using MentorBot.LoadHost;

// Load-test targets (loopback only), started by bench/load/run.sh:
//   connector-stub <url>
//   bare <url>
//   bot <url> <connector-service-url> <token-file> <data-folder> [storage-connection-string]
//   latency-shim <url> <target-url> <delay-ms>   (bench/load/round-trips.sh)
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
    case "latency-shim" when args.Length >= 4:
        await LatencyShim.Build(args[1], args[2], TimeSpan.FromMilliseconds(double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture))).RunAsync();
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
