using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.E2E.Harness;
using MentorBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MentorBot.E2E.Faults;

/// <summary>
/// What the fault tests break: the built bot as its own process (killed with SIGKILL, restarted on the same storage),
/// an Azurite that keeps its data on disk (stopped and restarted on the same port), and a loopback Connector that
/// records what the bot sent. No browser: the activities are the ones the Playground would post, sent over HTTP, so
/// the test controls exactly what is in flight when the process dies. Storage is read back through the bot's own
/// table adapters.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    private readonly RepositoryLayout _layout;
    private readonly string _azuriteFolder;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly IHost _storage;
    private int _nextActivity;
    private int _bots;

    private FaultRig(RepositoryLayout layout, RunFolder run, AzuriteTable azurite, LoopbackConnector connector, string azuriteFolder)
    {
        _layout = layout;
        Run = run;
        Azurite = azurite;
        Connector = connector;
        _azuriteFolder = azuriteFolder;
        _storage = StorageReader(azurite.ConnectionString);
    }

    public RunFolder Run { get; }

    public AzuriteTable Azurite { get; private set; }

    public LoopbackConnector Connector { get; }

    public BotProcess? Bot { get; private set; }

    public IRequestStore Requests => _storage.Services.GetRequiredService<IRequestStore>();

    public IMentorshipStore Mentorships => _storage.Services.GetRequiredService<IMentorshipStore>();

    public IProfileStore Profiles => _storage.Services.GetRequiredService<IProfileStore>();

    public ICheckInStore CheckIns => _storage.Services.GetRequiredService<ICheckInStore>();

    /// <summary>The running bot's Testing-only clock.</summary>
    public TestClock Clock => new((Bot ?? throw new InvalidOperationException("No bot is running.")).BaseAddress);

    public static async Task<FaultRig> StartAsync(string test)
    {
        var layout = RepositoryLayout.Discover();
        var settings = E2ESettings.FromEnvironment(layout);
        var run = RunFolder.Create(Path.Combine(settings.ResultsRoot, "faults", test));
        var folder = Path.Combine(run.Scratch, "azurite-data");
        Directory.CreateDirectory(folder);
        AzuriteTable? azurite = null;
        LoopbackConnector? connector = null;
        try
        {
            azurite = await AzuriteTable.StartAsync(layout, run, "azurite", folder, null, CancellationToken.None);
            connector = await LoopbackConnector.StartAsync();
            var rig = new FaultRig(layout, run, azurite, connector, folder);
            await rig.StartBotAsync();
            return rig;
        }
        catch
        {
            if (connector is not null)
            {
                await connector.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            run.Dispose();
            throw;
        }
    }

    /// <summary>Starts a (new) bot process on the rig's storage; each gets its own log, bot-1.log, bot-2.log….</summary>
    public async Task StartBotAsync()
    {
        Bot = await BotProcess.StartAsync(
            _layout, Run, $"bot-{Interlocked.Increment(ref _bots)}", Azurite.ConnectionString, TestTenant.TenantId, CancellationToken.None);
    }

    /// <summary><c>kill -9</c> the bot.</summary>
    public async Task KillBotAsync()
    {
        if (Bot is { } bot)
        {
            await bot.KillAsync();
            Bot = null;
        }
    }

    /// <summary>Stops Azurite (its data stays on disk) while the bot keeps running.</summary>
    public Task StopAzuriteAsync() => Azurite.StopAsync();

    /// <summary>Starts Azurite again on the same port and folder, as storage coming back after an outage.</summary>
    public async Task RestartAzuriteAsync()
    {
        Azurite = await AzuriteTable.StartAsync(_layout, Run, "azurite-restarted", _azuriteFolder, Azurite.Port, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await KillBotAsync();
        await Connector.DisposeAsync();
        await Azurite.DisposeAsync();
        _storage.Dispose();
        _http.Dispose();
        Run.Dispose();
    }

    /// <summary>Posts one activity as the Playground would (anonymously) and returns the status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var bot = Bot ?? throw new InvalidOperationException("No bot is running.");
        using var content = new StringContent(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity), Encoding.UTF8, "application/json");
        var response = await _http.PostAsync(bot.MessagingEndpoint, content, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), response);
    }

    /// <summary>Posts and insists on 200.</summary>
    public async Task<string> PostOkAsync(Activity activity)
    {
        var (status, body, response) = await PostAsync(activity);
        response.Dispose();
        Assert.True(status == HttpStatusCode.OK, $"{activity.Type} {activity.Name} answered {(int)status}: {body}");
        return body;
    }

    public Activity Message(FaultPerson person, string text) => Activity(person, ActivityTypes.Message, a => a.Text = text);

    /// <summary>An Action.Execute press, as Teams and the Playground send it.</summary>
    public Activity Execute(FaultPerson person, string verb, object? data = null) => Activity(person, ActivityTypes.Invoke, a =>
    {
        var payload = data is null ? new JsonObject() : JsonSerializer.SerializeToNode(data)!.AsObject();
        payload["verb"] = verb;
        a.Name = AdaptiveCardInvokeValue.InvokeName;
        a.Value = JsonSerializer.SerializeToElement(new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = payload },
        });
    });

    private Activity Activity(FaultPerson person, string type, Action<Activity> shape)
    {
        var activity = new Activity
        {
            Type = type,
            Id = $"fault-{Interlocked.Increment(ref _nextActivity)}",
            ChannelId = "msteams",
            ServiceUrl = Connector.ServiceUrl,
            From = new ChannelAccount { Id = person.TeamsId, AadObjectId = person.AadObjectId, Name = person.Name },
            Recipient = new ChannelAccount { Id = TestTenant.BotId, Name = TestTenant.BotName },
            Conversation = new ConversationAccount { Id = person.ConversationId, ConversationType = "personal", TenantId = TestTenant.TenantId },
            Locale = "en-GB",
            LocalTimezone = "Europe/London",
        };
        shape(activity);
        return activity;
    }

    // The product's composition on the bot's storage, built but never started: only its stores are read. Same tenant
    // settings as the bot, so rows of its default tenant read back as the bot wrote them.
    private static IHost StorageReader(string connectionString)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Bot:AllowedTenants:0"] = TestTenant.TenantId,
        });
        builder.AddMentorBotProduct();
        return builder.Build();
    }
}

/// <summary>A colleague the fault tests act as: a Teams id, an Entra object id and their 1:1 chat with the bot.</summary>
public sealed record FaultPerson(string Name, int Number)
{
    public string AadObjectId { get; } = $"00000000-0000-4000-8000-{Number:D12}";

    public string TeamsId => $"29:fault-{Number}";

    public string ConversationId => $"a:fault-chat-{Number}";

    public UserId Id => new(AadObjectId);
}
