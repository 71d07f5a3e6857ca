using System.Globalization;
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

    private PlaygroundInstance(ChildProcess process, TeamsPerson person, Uri address)
    {
        _process = process;
        Person = person;
        Address = address;
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

        var environment = new Dictionary<string, string>
        {
            ["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configPath,
            ["APPLICATION_INSIGHTS_NO_STATSBEAT"] = "true",
            ["TEAMSAPPTESTER_BROWSER"] = "none",
        };
        // If the port is taken meanwhile the Playground silently takes another and says which.
        var port = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        var process = ChildProcess.Start(
            $"playground-{person.Key}",
            layout.AgentsPlayground,
            ["-e", botEndpoint.ToString(), "-c", "msteams", "--disable-telemetry", "-p", port],
            folder,
            environment,
            run);
        try
        {
            var listening = await process.WaitForLineAsync(ListeningOn(), E2ESettings.StartupTimeout, cancellationToken);
            var address = new Uri($"http://127.0.0.1:{listening.Groups["port"].Value}/");
            var playground = new PlaygroundInstance(process, person, address);
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

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>
    /// The Playground config (schema 0.1.1): the person as <c>currentUser</c>, the other player and four colleagues as
    /// the directory (exactly five users), Teams-shaped ids for the tenant, bot and chats.
    /// </summary>
    internal static string Config(TeamsPerson person)
    {
        var others = new[] { TestTenant.Senior, TestTenant.Junior }.Where(p => p != person).Concat(TestTenant.Colleagues).Take(5);
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
        yaml.AppendLine(CultureInfo.InvariantCulture, $"{indent}email: {Quote(user.UserPrincipalName)}");
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

    [GeneratedRegex(@"Listening on (?<port>\d+)")]
    private static partial Regex ListeningOn();
}
