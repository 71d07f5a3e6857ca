using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text;
using System.Text.RegularExpressions;

namespace MentorBot.E2E.Harness;

/// <summary>
/// One Microsoft 365 Agents Playground (Teams flavour) speaking as one person. Two instances against one bot give
/// the senior and the junior their own 1:1 chat and serviceUrl, as two real Teams users have.
/// </summary>
public sealed partial class PlaygroundInstance : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private readonly string _activitiesLog;

    private PlaygroundInstance(ChildProcess process, TeamsPerson person, Uri address, string activitiesLog)
    {
        _process = process;
        Person = person;
        Address = address;
        _activitiesLog = activitiesLog;
    }

    public TeamsPerson Person { get; }

    /// <summary>The chat page, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri Address { get; }

    public static async Task<PlaygroundInstance> StartAsync(
        RepositoryLayout layout, RunFolder run, TeamsPerson person, Uri botEndpoint, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(run.Scratch, $"playground-{person.Key}");
        Directory.CreateDirectory(folder);
        // Kept beside the logs, not in scratch: the ids in it are what the bot log shows.
        var configPath = run.File($"playground-{person.Key}.yml");
        await File.WriteAllTextAsync(configPath, Config(person), cancellationToken);

        var activitiesLog = run.File($"playground-{person.Key}-activities.log");
        var environment = new Dictionary<string, string>
        {
            ["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configPath,
            ["APPLICATION_INSIGHTS_NO_STATSBEAT"] = "true",
            ["TEAMSAPPTESTER_BROWSER"] = "none",
            // Every activity both ways, as the Playground saw it: what a failing scenario's bot log cannot show.
            ["M365_AGENTS_PLAYGROUND_RECORDING_FILE"] = activitiesLog,
        };
        // If the port is taken meanwhile the Playground silently takes another and says which.
        var port = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        var process = ChildProcess.Start(
            $"playground-{person.Key}",
            layout.AgentsPlayground,
            ["-e", botEndpoint.ToString(), "-c", "msteams", "--disable-telemetry", "--enable-events-recording", "-p", port],
            folder,
            environment,
            run);
        try
        {
            var listening = await process.WaitForLineAsync(ListeningOn(), E2ESettings.StartupTimeout, cancellationToken);
            var address = new Uri($"http://127.0.0.1:{listening.Groups["port"].Value}/");
            var playground = new PlaygroundInstance(process, person, address, activitiesLog);
            await playground.WaitUntilReadyAsync(cancellationToken);
            return playground;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public void EnsureRunning() => _process.EnsureRunning();

    /// <summary>
    /// Every activity the Playground exchanged with the bot so far, both directions, in order: the request bodies
    /// (<c>direction</c> tells "Microsoft 365 Agents Playground -&gt; User Application" = to the bot, and the reverse).
    /// </summary>
    public async Task<IReadOnlyList<RecordedActivity>> RecordedActivitiesAsync(CancellationToken cancellationToken) =>
        (await RecordedExchangesAsync(cancellationToken))
            .Select(entry => new RecordedActivity(
                ToBot: entry["direction"]?.GetValue<string>().EndsWith("-> User Application", StringComparison.Ordinal) == true,
                Body: entry["request"]?["body"] as JsonObject ?? []))
            .ToList();

    /// <summary>
    /// Every exchange as recorded, request and response: an <c>Action.Execute</c>'s answer (a card replaced in place)
    /// is only in the invoke's <c>response</c>.
    /// </summary>
    public async Task<IReadOnlyList<JsonNode>> RecordedExchangesAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_activitiesLog))
        {
            return [];
        }

        // The recording is pretty-printed JSON objects separated by "---" lines, appended as they happen.
        var text = await File.ReadAllTextAsync(_activitiesLog, cancellationToken);
        return RecordSeparator().Split(text)
            .Where(chunk => !string.IsNullOrWhiteSpace(chunk))
            .Select(chunk => JsonNode.Parse(chunk)!)
            .ToList();
    }

    /// <summary>
    /// Waits for the latest recorded activity sent to the bot that matches. An inbound activity is recorded once the
    /// bot has answered the request, which can be after the bot's reply already shows in the browser.
    /// </summary>
    public async Task<RecordedActivity> WaitForActivityToBotAsync(Func<RecordedActivity, bool> match, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if ((await RecordedActivitiesAsync(cancellationToken)).LastOrDefault(a => a.ToBot && match(a)) is { } found)
            {
                return found;
            }

            if (waited.Elapsed > E2ESettings.ReplyTimeout)
            {
                throw new TimeoutException($"No matching activity reached the bot from {Person.Key}'s Playground within {E2ESettings.ReplyTimeout.TotalSeconds:0} s; see {_activitiesLog}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>
    /// Posts an activity into the person's 1:1 chat through the Playground's connector, exactly as the bot would
    /// send a proactive message — for exercising the page objects on content the bot cannot produce yet.
    /// </summary>
    public async Task PostToPersonalChatAsBotAsync(JsonObject activity, CancellationToken cancellationToken)
    {
        activity["type"] ??= "message";
        activity["from"] ??= new JsonObject { ["id"] = TestTenant.BotId, ["name"] = TestTenant.BotName };
        activity["conversation"] ??= new JsonObject { ["id"] = Person.PersonalChatId };
        activity["recipient"] ??= new JsonObject { ["id"] = Person.Id };
        using var http = new HttpClient { BaseAddress = Address, Timeout = E2ESettings.ReplyTimeout };
        var path = $"_connector/v3/conversations/{Uri.EscapeDataString(Person.PersonalChatId)}/activities";
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), activity, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HarnessException($"The Playground refused the activity: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>
    /// The Playground config (schema 0.1.1): the person as <c>currentUser</c>, the other player and four colleagues as
    /// the directory (exactly five users), Teams-shaped ids for the tenant, bot and chats.
    /// </summary>
    internal static string Config(TeamsPerson person)
    {
        var others = new[] { TestTenant.Senior, TestTenant.Junior }.Where(p => p != person).Concat(TestTenant.Colleagues.Where(p => p != person)).Take(5);
        var yaml = new StringBuilder();
        yaml.AppendLine("# Written by the MentorBot end-to-end harness.");
        yaml.AppendLine("version: \"0.1.1\"");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"tenantId: {Quote(TestTenant.TenantId)}");
        yaml.AppendLine("bot:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  id: {Quote(TestTenant.BotId)}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  name: {Quote(TestTenant.BotName)}");
        yaml.AppendLine("currentUser:");
        AppendUser(yaml, person, "  ");
        yaml.AppendLine("users:");
        foreach (var other in others)
        {
            AppendUser(yaml, other, "  - ", "    ");
        }

        yaml.AppendLine("personalChat:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  id: {Quote(person.PersonalChatId)}");
        yaml.AppendLine("groupChat:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  id: {Quote($"19:{person.Key}-group@thread.v2")}");
        yaml.AppendLine("  name: \"Reverse mentoring circle\"");
        yaml.AppendLine("team:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  id: {Quote($"19:{person.Key}-general@thread.tacv2")}");
        yaml.AppendLine("  name: \"Contoso People\"");
        yaml.AppendLine("  aadGroupId: \"5d0e8b3a-7c1f-4e26-9b4d-6a2f8c0e1d95\"");
        yaml.AppendLine("  channels:");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"    - id: {Quote($"19:{person.Key}-announcements@thread.tacv2")}");
        yaml.AppendLine("      name: \"Announcements\"");
        return yaml.ToString();
    }

    private static void AppendUser(StringBuilder yaml, TeamsPerson user, string firstIndent, string? indent = null)
    {
        indent ??= firstIndent;
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{firstIndent}id: {Quote(user.Id)}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}name: {Quote(user.Name)}");
        // "userPrincipleName" (sic) is the Playground schema's spelling.
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}userPrincipleName: {Quote(user.UserPrincipalName)}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}aadObjectId: {Quote(user.AadObjectId)}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}givenName: {Quote(user.GivenName)}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}surname: {Quote(user.Surname)}");
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}email: {Quote(user.Email)}");
    }

    // A double-quoted YAML scalar: safe for the colons, at-signs and non-ASCII letters in our ids and names.
    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var last = "no answer";
        for (var attempt = 0; attempt < 40; attempt++)
        {
            _process.EnsureRunning();
            try
            {
                last = await http.GetStringAsync(new Uri("_debug/ping", UriKind.Relative), cancellationToken);
                if (last == "pong")
                {
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new HarnessException($"The Playground for {Person.Key} at {Address} does not answer its ping (last: {last}).\n{_process.Tail()}");
    }

    [GeneratedRegex(@"^---\s*$", RegexOptions.Multiline)]
    private static partial Regex RecordSeparator();

    [GeneratedRegex(@"Listening on (?<port>\d+)")]
    private static partial Regex ListeningOn();
}

/// <summary>One activity as the Playground recorded it; <see cref="ToBot"/> false means the bot sent it.</summary>
public sealed record RecordedActivity(bool ToBot, JsonObject Body)
{
    public string? Type => Body["type"]?.GetValue<string>();

    public JsonNode? Value => Body["value"];
}
