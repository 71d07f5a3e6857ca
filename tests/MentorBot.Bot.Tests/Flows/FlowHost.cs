using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Connector;
using MentorBot.Bot.Protocol.Integration;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using MentorBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using IMiddleware = MentorBot.Bot.Protocol.Builder.IMiddleware;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// The whole bot as the product composes it (<see cref="MentorBotHost"/>), with an in-memory table engine, a manual clock
/// and a recording Connector, so several people can talk to it through their own <see cref="TestAdapter"/> and proactive
/// sends can be read per chat. The host is built but not started: background workers run only when a test calls them.
/// </summary>
internal sealed class FlowHost : IDisposable
{
    private readonly IHost _host;

    public FlowHost(Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = string.Empty });
        builder.AddMentorBotProduct(new MentorBotOverrides
        {
            StorageEngine = new InMemoryTableEngine("flows", Clock),
            Clock = Clock,
            Connector = Connector,
        });
        configure?.Invoke(builder.Services);
        _host = builder.Build();

        // What the host's start would do first: create every store's table.
        _host.Services.GetServices<IHostedService>().OfType<StorageInitializer>().Single()
            .StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public static DateTimeOffset Start { get; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public ManualTimeProvider Clock { get; } = new(Start);

    public RecordingConnectorClient Connector { get; } = new();

    public IServiceProvider Services => _host.Services;

    public IProfileStore Profiles => _host.Services.GetRequiredService<IProfileStore>();

    public IRequestStore Requests => _host.Services.GetRequiredService<IRequestStore>();

    public MentoringService Mentoring => _host.Services.GetRequiredService<MentoringService>();

    /// <summary>A person's own 1:1 chat with the bot, from a Teams client in <paramref name="locale"/>.</summary>
    public TestAdapter ChatOf(Person person, string locale) => new(
        _host.Services.GetRequiredService<IBot>(),
        _host.Services.GetRequiredService<TurnErrorHandler>(),
        _host.Services.GetServices<IMiddleware>())
    {
        User = new ChannelAccount { Id = person.TeamsId, Name = person.Name, AadObjectId = person.Id.AadObjectId },
        Conversation = new ConversationAccount { Id = person.ConversationId, ConversationType = "personal", TenantId = "tenant-1" },
        Locale = locale,
    };

    /// <summary>The Teams locale every <see cref="ChatOf(Person)"/> chat sends; null = the test adapter's en-GB.</summary>
    public string? Locale { get; init; }

    /// <summary>A person's own 1:1 chat with the bot.</summary>
    public TestAdapter ChatOf(Person person) => Locale is { } locale
        ? ChatOf(person, locale)
        : new(
            _host.Services.GetRequiredService<IBot>(),
            _host.Services.GetRequiredService<TurnErrorHandler>(),
            _host.Services.GetServices<IMiddleware>())
        {
            User = new ChannelAccount { Id = person.TeamsId, Name = person.Name, AadObjectId = person.Id.AadObjectId },
            Conversation = new ConversationAccount { Id = person.ConversationId, ConversationType = "personal", TenantId = "tenant-1" },
        };

    /// <summary>A person in a group chat (<c>groupChat</c>) or a team channel (<c>channel</c>) with the bot and others.</summary>
    public TestAdapter SharedChatOf(Person person, string conversationType = "groupChat") => new(
        _host.Services.GetRequiredService<IBot>(),
        _host.Services.GetRequiredService<TurnErrorHandler>(),
        _host.Services.GetServices<IMiddleware>())
    {
        User = new ChannelAccount { Id = person.TeamsId, Name = person.Name, AadObjectId = person.Id.AadObjectId },
        Conversation = new ConversationAccount
        {
            Id = conversationType == "channel" ? "19:general@thread.tacv2" : "19:team-chat@thread.v2",
            ConversationType = conversationType,
            IsGroup = true,
            TenantId = "tenant-1",
        },
    };

    /// <summary>What reached a person's chat without them asking (proactive sends and in-place updates).</summary>
    public IReadOnlyList<(string Operation, Activity Activity)> Inbox(Person person) =>
        [.. Connector.Calls.Where(c => c.ConversationId == person.ConversationId && c.Activity is not null).Select(c => (c.Operation, c.Activity!))];

    public async Task AddProfileAsync(Profile profile) => await Profiles.InsertAsync(profile, CancellationToken.None);

    public void Dispose() => _host.Dispose();
}

/// <summary>Someone in the tests: ids as Teams would send them.</summary>
public sealed record Person(string Name, UserId Id, string TeamsId, string ConversationId)
{
    public static Person Create(string name, int number) => new(
        name,
        new UserId($"0b7e5f4a-0000-4000-8000-{number:D12}"),
        $"29:{name.Split(' ')[0].ToLowerInvariant()}",
        $"a:{name.Split(' ')[0].ToLowerInvariant()}-personal");
}

/// <summary>The cast: a senior who wants to learn Power BI and TikTok, and juniors who can teach them.</summary>
public static class Cast
{
    public static readonly Person Sam = Person.Create("Sam Senior", 1);
    public static readonly Person Jo = Person.Create("Jo Junior", 2);
    public static readonly Person Kim = Person.Create("Kim Young", 3);
    public static readonly Person Lee = Person.Create("Lee Newman", 4);

    public static readonly SkillId PowerBi = new("power-bi");
    public static readonly SkillId TikTok = new("short-form-video");
    public static readonly SkillId Stakeholders = new("stakeholder-management");
    public static readonly SkillId Negotiation = new("negotiation");

    public static Profile Senior(Person person) => new(
        person.Id,
        person.Name,
        null,
        "Sales",
        null,
        new CareerLevel(12),
        "Europe/London",
        WorkingHours.Default,
        ["en"],
        1,
        Participation.Active,
        ProgramRole.Both,
        [new OfferedSkill(Stakeholders, SkillLevel.Expert), new OfferedSkill(Negotiation, SkillLevel.Expert)],
        [new WantedSkill(PowerBi, SkillLevel.Aware, SkillLevel.Practitioner), new WantedSkill(TikTok, SkillLevel.None, SkillLevel.Working)],
        new TeamsUserId(person.TeamsId));

    public static Profile Junior(Person person, SkillLevel powerBi, string department) => new(
        person.Id,
        person.Name,
        null,
        department,
        null,
        new CareerLevel(2),
        "Europe/Stockholm",
        new WorkingHours([IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday], new LocalTime(8, 0), new LocalTime(16, 0)),
        ["en", "sv"],
        2,
        Participation.Active,
        ProgramRole.Both,
        [new OfferedSkill(PowerBi, powerBi), new OfferedSkill(TikTok, SkillLevel.Expert)],
        [new WantedSkill(Stakeholders, SkillLevel.Aware, SkillLevel.Practitioner)],
        new TeamsUserId(person.TeamsId));

    /// <summary>Sam plus three juniors, all of whom have talked to the bot once (so it can reach them).</summary>
    internal static async Task<FlowHost> SeedAsync(this FlowHost host, bool withSam = true)
    {
        if (withSam)
        {
            await host.AddProfileAsync(Senior(Sam));
        }

        await host.AddProfileAsync(Junior(Jo, SkillLevel.Expert, "Marketing"));
        await host.AddProfileAsync(Junior(Kim, SkillLevel.Practitioner, "Data"));
        await host.AddProfileAsync(Junior(Lee, SkillLevel.Working, "Finance"));
        foreach (var person in withSam ? new[] { Sam, Jo, Kim, Lee } : [Jo, Kim, Lee])
        {
            await host.ChatOf(person).SendAsync("hi");
        }

        return host;
    }
}
