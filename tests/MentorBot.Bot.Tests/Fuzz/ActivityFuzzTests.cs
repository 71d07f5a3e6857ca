using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Protocol.Integration;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace MentorBot.Bot.Tests.Fuzz;

/// <summary>
/// Thousands of mutated Teams activities through the real pipeline. The bot must never answer 5xx (except 501 for an
/// unhandled invoke), never let an exception escape the adapter, never remember a half-formed conversation, never
/// call a non-loopback host, and still answer a normal message between the mutations.
/// <c>MENTORBOT_FUZZ_ITERATIONS</c> and <c>MENTORBOT_FUZZ_SEED</c> choose a longer run or another seed.
/// </summary>
public sealed class ActivityFuzzTests(WebApplicationFactory<Program> factory, ITestOutputHelper output)
    : IClassFixture<WebApplicationFactory<Program>>, IAsyncLifetime
{
    private const int DefaultSeed = 7_2026;
    private const int DefaultIterations = 5_000;
    private const int DefaultAuthenticatedIterations = 300;
    private const int ProbeEvery = 100;
    private const int BodyLimit = 16 * 1024;
    private const string AppId = "9f8a1c2e-1111-4e5f-9a0b-123456789abc";

    private static readonly string[] Fixtures =
    [
        "message-channel-mention", "message-action-submit", "message-reaction", "invoke-adaptive-card-action",
        "conversation-update-members-added", "installation-update-add",
    ];

    private LoopbackConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await LoopbackConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task Mutations_Anonymous_NeverFailTheHostAndTheBotStillAnswers()
    {
        await using var host = FuzzHost.Create(factory, Settings(appId: string.Empty));
        using var client = host.Factory.CreateClient();
        var run = new FuzzRun(Seed, Iterations(DefaultIterations), "anonymous");

        await RunAsync(host, client, run, authorization: null);

        AssertAfterwards(host, run);
    }

    [Fact]
    public async Task Mutations_AuthenticatedWithMutatedTokens_NeverFailTheHost()
    {
        using var key = TestSigningKey.Create("fuzz-key", "msteams", "skype");
        await using var openId = await LoopbackOpenIdServer.StartAsync(TestToken.ChannelIssuer, key);
        await using var host = FuzzHost.Create(
            factory,
            Settings(AppId, new Dictionary<string, string?>
            {
                ["MicrosoftAppPassword"] = "not-a-real-secret",
                ["BotAuthentication:ChannelOpenIdMetadataUrl"] = openId.MetadataUrl.AbsoluteUri,
                ["BotAuthentication:EntraOpenIdMetadataUrl"] = openId.MetadataUrl.AbsoluteUri,
                ["BotAuthentication:RequireHttpsMetadata"] = "false",
            }),
            new FixedConnectorToken());
        using var client = host.Factory.CreateClient();
        var issuer = new TestTokenIssuer();
        var run = new FuzzRun(Seed + 1, AuthenticatedIterations, "authenticated");
        var tokenRandom = new Random(run.Seed);

        await RunAsync(host, client, run, () => MutatedToken(tokenRandom, issuer, key));

        AssertAfterwards(host, run);
        Assert.True(run.Histogram.GetValueOrDefault(200) > 0, "No mutated activity with a valid token was accepted: the run proves nothing.");
    }

    /// <summary>
    /// Every card verb with over-long text in every free-text input (decision 0251), as Action.Execute and as
    /// Action.Submit, in 1:1 chats, group chats and channels (decision 0256), and from a tenant that is not allowed.
    /// </summary>
    [Fact]
    public async Task OverLongFreeText_InEveryCardSubmit_AndFromAForeignTenant_NeverFailTheHost()
    {
        const string foreignTenant = "0d0d0d0d-1111-4222-8333-444444444444";
        await using var host = FuzzHost.Create(factory, Settings(string.Empty, new Dictionary<string, string?> { ["Bot:AllowedTenants:0"] = TestActivities.TenantId }));
        using var client = host.Factory.CreateClient();
        var run = new FuzzRun(Seed + 2, 0, "free text");
        var random = new Random(run.Seed);
        string[] inputs =
        [
            "declineNote", "colleague", "colleagueNote", "endNote", "suggestNote", "suggestDate", "suggestTime", "agendaTopic",
            "learned", "taught", "nextTopics", "sharedNote", "oneThing", "concern", "thanksNote", "periodHighlight",
            "department", "otherOffers", "otherWants", "timeZone", "languages", "goal", "skill", "typed", "skillId", "offer.0.skill",
        ];
        int[] lengths = [MentorBot.Core.TextLimits.MaxLength(MentorBot.Core.FreeTextField.ChatMessage) + 1, 501, 5_000, BodyLimit - 2_000];
        string[] conversationTypes = ["personal", "groupChat", "channel"];
        var iteration = 0;
        foreach (var verb in MentorBot.Bot.Cards.Actions.CardVerbs.All.Order(StringComparer.Ordinal))
        {
            foreach (var input in inputs)
            {
                var data = new System.Text.Json.Nodes.JsonObject
                {
                    ["verb"] = verb, ["requestId"] = "r-1", ["pairingId"] = "p-1", ["checkInId"] = "c-1", ["programId"] = "default",
                    ["version"] = 1, ["isEdit"] = true, ["proposalId"] = "x", ["slotId"] = "y", ["flow"] = "ask",
                    [input] = new string((char)('a' + random.Next(26)), lengths[random.Next(lengths.Length)]),
                };
                var activity = TestActivities.Message(string.Empty, _connector.ServiceUrl);
                activity.Text = null;
                activity.Id = "free-text-" + iteration.ToString(CultureInfo.InvariantCulture);
                var foreign = iteration % 5 == 4;
                var type = conversationTypes[iteration % conversationTypes.Length];
                activity.Conversation = new MentorBot.Bot.Protocol.Schema.ConversationAccount
                {
                    Id = type == "personal" ? activity.Conversation!.Id : "19:fuzz-" + type,
                    ConversationType = type,
                    IsGroup = type != "personal",
                    TenantId = foreign ? foreignTenant : TestActivities.TenantId,
                };
                if (iteration % 2 == 0)
                {
                    activity.Type = MentorBot.Bot.Protocol.Schema.ActivityTypes.Invoke;
                    activity.Name = "adaptiveCard/action";
                    activity.Value = JsonSerializer.SerializeToElement(new System.Text.Json.Nodes.JsonObject
                    {
                        ["action"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                        ["trigger"] = "manual",
                    });
                }
                else
                {
                    activity.Value = JsonSerializer.SerializeToElement(data);
                }

                var body = JsonSerializer.SerializeToUtf8Bytes(activity, MentorBot.Bot.Protocol.Schema.ProtocolJsonContext.Default.Activity);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync("/api/messages", content);
                var status = (int)response.StatusCode;
                run.Count(status);
                Assert.True(status < 500 || status == 501, $"{verb} with {input} ({type}, foreign {foreign}) answered {status}: {await response.Content.ReadAsStringAsync()}");
                iteration++;
            }
        }

        await ProbeAsync(client, run, iteration, null);
        output.WriteLine(run.Summary(host.ForeignRequests.Count, TurnFailures(host)) + $"; {iteration} submits");
        AssertAfterwards(host, run);
        Assert.DoesNotContain(host.SavedReferences, r => r.Conversation?.TenantId == foreignTenant);
    }

    private static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("MENTORBOT_FUZZ_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : DefaultSeed;

    private static int Iterations(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable("MENTORBOT_FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    // The authenticated run validates a JWT per request: a fifth of the anonymous count in long mode.
    private static int AuthenticatedIterations => Iterations(DefaultIterations * 5) / 5 is var n && n != DefaultIterations ? n : DefaultAuthenticatedIterations;

    private static Dictionary<string, string?> Settings(string appId, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = appId,
            ["Bot:TenantMode"] = "Isolated",
            ["Bot:MaxRequestBodyBytes"] = BodyLimit.ToString(CultureInfo.InvariantCulture),
            // Replies go to the loopback connector at once; a throttled retry would only slow the run down.
            ["Bot:Connector:BaseDelay"] = "00:00:00.001",
            ["Bot:Connector:MaxDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task RunAsync(FuzzHost host, HttpClient client, FuzzRun run, Func<(string? Header, bool Valid)>? authorization)
    {
        var random = new Random(run.Seed);
        var mutator = new ActivityMutator(random, _connector.ServiceUrl, BodyLimit);
        var fixtures = Fixtures.Select(TestActivities.Json).ToArray();
        var clock = Stopwatch.StartNew();
        for (var iteration = 0; iteration < run.Iterations; iteration++)
        {
            if (iteration % ProbeEvery == 0)
            {
                await ProbeAsync(client, run, iteration, authorization is null ? null : ValidHeader());
            }

            var request = mutator.Mutate(fixtures[random.Next(fixtures.Length)]);
            var (header, _) = authorization?.Invoke() ?? (null, true);
            var savedBefore = host.SavedReferences.Count;
            using var content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
            if (header is not null)
            {
                message.Headers.TryAddWithoutValidation("Authorization", header);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                throw new FuzzFailure(run, iteration, request, $"an exception escaped the host: {exception}");
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                run.Count(status);
                var body = await response.Content.ReadAsStringAsync();
                var mediaType = response.Content.Headers.ContentType?.MediaType;
                if (status >= 500 && status != 501)
                {
                    throw new FuzzFailure(run, iteration, request, $"answered {status}: {body}");
                }

                if (status is 400 or 401 or 413 or 415)
                {
                    if (mediaType != "application/problem+json")
                    {
                        throw new FuzzFailure(run, iteration, request, $"answered {status} as {mediaType}, not problem details");
                    }

                    if (host.SavedReferences.Count != savedBefore)
                    {
                        throw new FuzzFailure(run, iteration, request, $"a refused request ({status}) saved a conversation reference");
                    }
                }
                else if (status is not (200 or 501))
                {
                    throw new FuzzFailure(run, iteration, request, $"unexpected status {status}: {body}");
                }
                else if (body.Length > 0)
                {
                    // Only invokes answer with a body; it must be JSON the channel can read.
                    try
                    {
                        using var _ = JsonDocument.Parse(body);
                    }
                    catch (JsonException)
                    {
                        throw new FuzzFailure(run, iteration, request, $"answered {status} with a body that is not JSON ({mediaType}): {body}");
                    }
                }
            }
        }

        await ProbeAsync(client, run, run.Iterations, authorization is null ? null : ValidHeader());
        run.Elapsed = clock.Elapsed;
        output.WriteLine(run.Summary(host.ForeignRequests.Count, TurnFailures(host)));

        string ValidHeader()
        {
            string? valid;
            do
            {
                (valid, var ok) = authorization!();
                if (ok)
                {
                    return valid!;
                }
            }
            while (true);
        }
    }

    /// <summary>A normal 1:1 message with a fresh id: it must be answered 200 and its reply must reach the connector.</summary>
    private async Task ProbeAsync(HttpClient client, FuzzRun run, int iteration, string? header)
    {
        var activity = TestActivities.Message("hello", _connector.ServiceUrl);
        activity.Id = "probe-" + iteration.ToString(CultureInfo.InvariantCulture);
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(JsonSerializer.Serialize(activity, MentorBot.Bot.Protocol.Schema.ProtocolJsonContext.Default.Activity), Encoding.UTF8, "application/json"),
        };
        if (header is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", header);
        }

        using var response = await client.SendAsync(message);

        Assert.True(response.IsSuccessStatusCode, $"seed {run.Seed}: the normal message after iteration {iteration} was answered {(int)response.StatusCode}");
        await _connector.WaitForRequestAsync(r => r.RawTarget.EndsWith("/activities/" + activity.Id, StringComparison.Ordinal));
        run.Probes++;
    }

    /// <summary>Half the time a valid channel token for the loopback connector, else one of the ways a token goes wrong.</summary>
    private (string? Header, bool Valid) MutatedToken(Random random, TestTokenIssuer issuer, TestSigningKey key)
    {
        var token = TestToken.Channel(AppId, _connector.ServiceUrl);
        var valid = issuer.Issue(token, key);
        return random.Next(20) switch
        {
            < 10 => ("Bearer " + valid, true),
            10 => ("Bearer " + valid[..random.Next(valid.Length)], false),
            11 => ("Bearer " + FlipOne(valid, random), false),
            12 => ("Bearer " + issuer.IssueUnsigned(token), false),
            13 => ("Bearer " + issuer.IssueHmac(token, key.Kid), false),
            14 => ("Bearer " + issuer.Issue(token with { Audience = "someone-else" }, key), false),
            15 => ("Bearer " + issuer.Issue(token with { Expires = DateTimeOffset.UtcNow.AddHours(-1), NotBefore = DateTimeOffset.UtcNow.AddHours(-2) }, key), false),
            16 => ("Bearer " + issuer.IssueWithForgedSignature(token, key), false),
            // Bound to another serviceUrl. Not one the mutator uses: a genuinely signed token for a host makes that
            // host trusted (0012), so a match would be a legitimate call, not a finding.
            17 => ("Bearer " + issuer.Issue(TestToken.Channel(AppId, "https://other-connector.example/"), key), false),
            18 => (new[] { "bearer " + valid, valid, "Bearer", "Bearer  " + valid, "Basic dXNlcjpwYXNz", "Bearer " + new string('A', 20_000), "Bearer a.b.c", "Bearer \u0000" }[random.Next(8)], false),
            _ => (null, false),
        };
    }

    private static string FlipOne(string token, Random random)
    {
        var chars = token.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static void AssertAfterwards(FuzzHost host, FuzzRun run)
    {
        Assert.True(host.ForeignRequests.IsEmpty, $"seed {run.Seed}: the bot called non-loopback hosts: {string.Join(", ", host.ForeignRequests.Distinct())}");

        var escaped = host.Logs.Entries
            .Where(e => e.Level >= LogLevel.Error && !e.Category.StartsWith(typeof(TurnErrorHandler).FullName!, StringComparison.Ordinal))
            .ToList();
        Assert.True(escaped.Count == 0, $"seed {run.Seed}: errors outside the turn error handler:\n{string.Join("\n", escaped.Take(5).Select(e => $"{e.Category}: {e.Message} {e.Exception}"))}");

        // A turn failure the error handler caught is "handled" (200 + apology), but only these are the input's fault:
        // replying where the activity gave no address, or the Connector client refusing an untrusted serviceUrl.
        // Anything else the handler caught is a bug in bot code that malformed input reached.
        var unexpected = host.Logs.Entries
            .Where(e => e.Level >= LogLevel.Error && e.Category.StartsWith(typeof(TurnErrorHandler).FullName!, StringComparison.Ordinal))
            .Where(e => !IsTheInputsFault(e.Exception))
            .ToList();
        Assert.True(unexpected.Count == 0, $"seed {run.Seed}: turns failed on bot bugs:\n{string.Join("\n", unexpected.Take(5).Select(e => e.Exception?.ToString() ?? e.Message))}");

        foreach (var reference in host.SavedReferences)
        {
            Assert.False(string.IsNullOrWhiteSpace(reference.Conversation?.Id), $"seed {run.Seed}: a reference with conversation id '{reference.Conversation?.Id}' was saved");
            Assert.True(Uri.TryCreate(reference.ServiceUrl, UriKind.Absolute, out _), $"seed {run.Seed}: a reference with serviceUrl '{reference.ServiceUrl}' was saved");
        }

        var store = host.Factory.Services.GetRequiredService<IDialogStateStore>();
        var dialogs = host.Factory.Services.GetRequiredService<DialogSet>();
        foreach (var key in host.DialogKeys.Keys)
        {
            if (store.LoadAsync(key, CancellationToken.None).GetAwaiter().GetResult() is { } state)
            {
                Assert.True(DialogStackSerializer.TryRead(state.Value, dialogs, out _, out var problem), $"seed {run.Seed}: stored dialog state for {key} does not read back: {problem}");
            }
        }
    }

    private static bool IsTheInputsFault(Exception? exception) =>
        exception is MentorBot.Bot.Protocol.Connector.ConnectorRequestException
        || (exception is InvalidOperationException && exception.Message.StartsWith("The incoming activity has no", StringComparison.Ordinal));

    private static Dictionary<string, int> TurnFailures(FuzzHost host) =>
        host.Logs.Entries
            .Where(e => e.Level >= LogLevel.Error && e.Category.StartsWith(typeof(TurnErrorHandler).FullName!, StringComparison.Ordinal))
            .GroupBy(e => e.Exception is { } exception ? $"{exception.GetType().Name} ({exception.Message[..Math.Min(60, exception.Message.Length)]})" : e.Message)
            .ToDictionary(g => g.Key, g => g.Count());
}

internal sealed class FuzzRun(int seed, int iterations, string mode)
{
    public int Seed { get; } = seed;

    public int Iterations { get; } = iterations;

    public SortedDictionary<int, int> Histogram { get; } = [];

    public int Probes { get; set; }

    public TimeSpan Elapsed { get; set; }

    public void Count(int status) => Histogram[status] = Histogram.GetValueOrDefault(status) + 1;

    public string Summary(int foreignRequests, Dictionary<string, int> turnFailures) =>
        $"fuzz {mode}: seed {Seed}, {Iterations} mutations, {Probes} normal messages answered, {Elapsed.TotalSeconds:F1} s; " +
        $"status {string.Join(" ", Histogram.Select(h => $"{h.Key}×{h.Value}"))}; non-loopback calls {foreignRequests}; " +
        $"handled turn failures {(turnFailures.Count == 0 ? "none" : string.Join(", ", turnFailures.Select(f => $"{f.Key}×{f.Value}")))}";
}

/// <summary>Names the seed, the iteration and the mutation, so a failure reproduces with MENTORBOT_FUZZ_SEED.</summary>
internal sealed class FuzzFailure(FuzzRun run, int iteration, MutatedRequest request, string problem)
    : Exception($"Fuzz seed {run.Seed}, iteration {iteration} ({request.Description}): {problem}\nBody (first 500 chars): {Encoding.UTF8.GetString(request.Body.AsSpan(0, Math.Min(500, request.Body.Length)))}");
