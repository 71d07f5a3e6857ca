using System.Diagnostics;
using Activity = MentorBot.Bot.Protocol.Schema.Activity;
using System.Globalization;
using System.Security.Claims;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text.Json;

namespace MentorBot.Benchmarks.Flows;

/// <summary>
/// `--fallback-turn [turns]`: an unrecognised text ("the weather is lovely today") through the product's composition
/// (same registrations as Program.cs, SQLite in a temp folder), run as the adapter runs it (middleware, then the bot),
/// with each sent activity serialised as the Connector would. Prints CPU and wall time per turn, then the same loop over
/// the turn's parts (recognition, help card build + JSON, the profile read) so the cost can be placed. Issue #16.
/// </summary>
internal static class FallbackTurnReport
{
    private const string Tenant = "72f988bf-0000-4000-8000-000000000001";

    public static async Task RunAsync(TextWriter output, int turns, string text)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mentorbot-fallback-" + Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = folder,
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "00000000-0000-4000-8000-0000000000b0",
            ["MicrosoftAppPassword"] = "benchmark-secret-never-used",
            ["Bot:AllowedTenants:0"] = Tenant,
        });
        builder.AddMentorBotProduct();
        var app = builder.Build();
        try
        {
            var engine = app.Services.GetRequiredService<ITableEngine>();
            foreach (var table in app.Services.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                await engine.GetTable(table).CreateIfNotExistsAsync(CancellationToken.None);
            }

            var middleware = app.Services.GetRequiredService<MiddlewareSet>();
            var bot = app.Services.GetRequiredService<IBot>();
            var sent = 0;
            async Task TurnAsync()
            {
                var turn = new RecordingTurn(Message(text));
                turn.TurnState.Set(new ClaimsIdentity());
                await middleware.RunAsync(turn, bot.OnTurnAsync, CancellationToken.None);
                sent += turn.Sent;
            }

            await MeasureAsync(output, "whole turn (middleware + bot + reply JSON)", turns, TurnAsync);
            output.WriteLine($"  activities sent per turn: {(double)sent / (turns + Warmup(turns)):0.##}");

            await MeasureAsync(output, "Commands.Recognize", turns, () => { _ = Commands.Recognize(text); return Task.CompletedTask; });
            var asks = app.Services.GetRequiredService<AskRecognizer>();
            await MeasureAsync(output, "AskRecognizer.Recognize", turns, () => { _ = asks.Recognize(text); return Task.CompletedTask; });
            var resolver = app.Services.GetRequiredService<MentorBot.Core.Skills.SkillResolver>();
            await MeasureAsync(output, "  of which SkillResolver.Resolve", turns, () => { _ = resolver.Resolve(text); return Task.CompletedTask; });
            var culture = CultureInfo.GetCultureInfo("en-US");
            await MeasureAsync(output, "HelpCard.Build + CardActivity + reply JSON", turns, () =>
            {
                _ = JsonSerializer.SerializeToUtf8Bytes(CardActivity.Message(HelpCard.Build(new HelpView(false), culture), "x"), ProtocolJsonContext.Default.Activity);
                return Task.CompletedTask;
            });
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Warmup(int turns) => Math.Max(50, turns / 10);

    private static async Task MeasureAsync(TextWriter output, string name, int turns, Func<Task> turn)
    {
        for (var i = 0; i < Warmup(turns); i++)
        {
            await turn();
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < turns; i++)
        {
            await turn();
        }

        wall.Stop();
        process.Refresh();
        var cpuPerTurn = (process.TotalProcessorTime - cpu).TotalMicroseconds / turns;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {wall.Elapsed.TotalMicroseconds / turns:0} µs wall, {cpuPerTurn:0} µs CPU per call ({turns} calls)"));
    }

    private static Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        Text = text,
        Locale = "en-US",
        From = new ChannelAccount { Id = "29:sam", Name = "Sam Senior", AadObjectId = "0b7e5f4a-0000-4000-8000-00000000a001" },
        Recipient = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" },
        Conversation = new ConversationAccount { Id = "a:sam-personal", ConversationType = "personal", TenantId = Tenant },
    };

    /// <summary>Stands in for the Connector: each activity becomes the JSON the Connector would POST, and nothing more.</summary>
    private sealed class RecordingTurn(Activity activity) : ITurnContext
    {
        public Activity Activity { get; } = activity;

        public bool Responded => Sent > 0 || InvokeResponse is not null;

        public TurnState TurnState { get; } = new();

        public InvokeResponse? InvokeResponse { get; set; }

        public int Sent { get; private set; }

        public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
        {
            _ = JsonSerializer.SerializeToUtf8Bytes(activity, ProtocolJsonContext.Default.Activity);
            Sent++;
            return Task.FromResult(new ResourceResponse("bot-" + Sent));
        }

        public async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
        {
            var responses = new List<ResourceResponse>();
            foreach (var a in activities)
            {
                responses.Add(await SendActivityAsync(a, cancellationToken));
            }

            return responses;
        }

        public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken) => SendActivityAsync(activity, cancellationToken);

        public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
