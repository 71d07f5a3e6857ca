using System.Security.Claims;
using System.Text.Json;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.Skills;
using MentorBot.Core.Persistence;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using MentorBot.Core.Tenants;
using MentorBot.Storage.Tests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Storage.Tests;

/// <summary>
/// Tenants' skill catalogs (decision 0450) on each backend: the layer, its marker and its audit entry written together
/// on the version read; and an owner's new skill recognised by another bot instance on the same storage (the product's
/// composition twice) once the refresh interval has passed.
/// </summary>
public abstract partial class TableEngineContractTests
{
    private static readonly DateTimeOffset CatalogStart = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SkillCatalogStore_SaveReplaceAndRead_RoundTripsLayerMovesMarkerAndKeepsAuditNewestFirst()
    {
        var store = await NewSkillCatalogStoreAsync(Engine, "c" + Guid.NewGuid().ToString("N")[..10]);
        var contoso = new TenantId("contoso");
        var prompt = new OwnerSkill(new SkillId("prompt-engineering"), "Prompt engineering", "AI", SkillDirection.Reverse, ["prompting", "prompt design"]);

        var before = await store.ReadMarkerAsync(contoso, None);
        var first = await store.SaveAsync(contoso, new SkillCatalogLayer([prompt], [], []), null, Audit(SkillCatalogAction.Added, "prompt-engineering", 0), None);
        var second = await store.SaveAsync(contoso, new SkillCatalogLayer([prompt], [new SkillId("tiktok")], [new SkillMerge(new SkillId("dataviz"), new SkillId("power-bi"))]), first.ETag, Audit(SkillCatalogAction.Retired, "tiktok", 1), None);
        var read = await store.GetAsync(contoso, None);
        var audit = await store.ListAuditAsync(contoso, 10, None);

        Assert.Null(before);
        Assert.NotEqual(first.Marker, second.Marker);
        Assert.Equal(second.Marker, await store.ReadMarkerAsync(contoso, None));
        Assert.Equal(second.ETag, read!.ETag);
        Assert.Equal(second.Marker, read.Marker);
        Assert.Equal(prompt.Id, Assert.Single(read.Layer.Added).Id);
        Assert.Equal(["prompting", "prompt design"], read.Layer.Added[0].Aliases);
        Assert.Equal(new SkillId("tiktok"), Assert.Single(read.Layer.Retired));
        Assert.Equal(new SkillMerge(new SkillId("dataviz"), new SkillId("power-bi")), Assert.Single(read.Layer.Merges));
        Assert.Equal([SkillCatalogAction.Retired, SkillCatalogAction.Added], audit.Select(a => a.Action));
        Assert.Equal("owner-1", audit[0].Actor);
        Assert.Null(await store.GetAsync(new TenantId("fabrikam"), None));
        Assert.Empty(await store.ListAuditAsync(new TenantId("fabrikam"), 10, None));
    }

    [Fact]
    public async Task SkillCatalogStore_SaveOnAStaleVersion_WritesNeitherLayerNorMarkerNorAudit()
    {
        var store = await NewSkillCatalogStoreAsync(Engine, "c" + Guid.NewGuid().ToString("N")[..10]);
        var first = await store.SaveAsync(null, new SkillCatalogLayer([], [new SkillId("tiktok")], []), null, Audit(SkillCatalogAction.Retired, "tiktok", 0), None);
        var current = await store.SaveAsync(null, new SkillCatalogLayer([], [new SkillId("tiktok"), new SkillId("seo")], []), first.ETag, Audit(SkillCatalogAction.Retired, "seo", 1), None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.SaveAsync(null, new SkillCatalogLayer([], [], []), first.ETag, Audit(SkillCatalogAction.Retired, "lost", 2), None));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.SaveAsync(null, new SkillCatalogLayer([], [], []), null, Audit(SkillCatalogAction.Retired, "lost-insert", 3), None));

        Assert.Equal(current.ETag, (await store.GetAsync(null, None))!.ETag);
        Assert.Equal(2, (await store.GetAsync(null, None))!.Layer.Retired.Count);
        Assert.Equal(current.Marker, await store.ReadMarkerAsync(null, None));
        Assert.Equal(2, (await store.ListAuditAsync(null, 10, None)).Count);
    }

    [Fact]
    public async Task SkillCatalogStore_TwoThousandOwnerSkills_AreStoredAcrossChunksAndReadBackWhole()
    {
        var store = await NewSkillCatalogStoreAsync(Engine, "c" + Guid.NewGuid().ToString("N")[..10]);
        var skills = Enumerable.Range(0, 2000)
            .Select(i => new OwnerSkill(new SkillId($"owner-skill-{i}"), $"Owner skill number {i}", "Owners", SkillDirection.Either, [$"alias {i} one", $"alias {i} two"]))
            .ToList();

        await store.SaveAsync(null, new SkillCatalogLayer(skills, [], []), null, Audit(SkillCatalogAction.Added, "owner-skill-0", 0), None);
        var read = await store.GetAsync(null, None);

        Assert.Equal(skills.Select(s => s.Id), read!.Layer.Added.Select(s => s.Id));
        Assert.Equal("alias 1999 two", read.Layer.Added[^1].Aliases[1]);
    }

    [Fact]
    public async Task SkillCatalogStore_ForgetMe_KeepsTheTrailButNotTheOwner()
    {
        var store = await NewSkillCatalogStoreAsync(Engine, "c" + Guid.NewGuid().ToString("N")[..10]);
        var first = await store.SaveAsync(null, new SkillCatalogLayer([], [new SkillId("tiktok")], []), null, Audit(SkillCatalogAction.Retired, "tiktok", 0), None);
        await store.SaveAsync(null, new SkillCatalogLayer([], [new SkillId("tiktok"), new SkillId("seo")], []), first.ETag, Audit(SkillCatalogAction.Retired, "seo", 1) with { Actor = "owner-2" }, None);

        var erased = await store.EraseAsync(ErasureSubject.For(new UserId("owner-1")), None);
        var again = await store.EraseAsync(ErasureSubject.For(new UserId("owner-1")), None);
        var audit = await store.ListAuditAsync(null, 10, None);

        Assert.Equal(1, erased);
        Assert.Equal(0, again);
        Assert.Equal(["owner-2", ForgetMeService.Forgotten.AadObjectId], audit.Select(a => a.Actor));
        Assert.Equal([new SkillId("seo"), new SkillId("tiktok")], audit.Select(a => a.Skill));
    }

    /// <summary>
    /// Issue #18's Must-show: an owner adds "Prompt engineering" with the alias "prompting" on one instance; a senior
    /// typing "can someone teach me prompting?" on another instance over the same storage gets it recognised (the
    /// ask form opens with it chosen) once <see cref="SkillCatalogOptions.RefreshInterval"/> has passed, and not before;
    /// the instance that saved it uses it at once.
    /// </summary>
    [Fact]
    public async Task SkillCatalog_OwnerAddsPromptEngineeringOnOneInstance_AnotherInstanceRecognisesPromptingWithinTheRefreshInterval()
    {
        var prefix = "c" + Guid.NewGuid().ToString("N")[..10];
        var clock = new ManualTimeProvider(CatalogStart);
        await using var writer = Instance(new PrefixedEngine(Engine, prefix), clock);
        await using var reader = Instance(new PrefixedEngine(CreateSecondEngine(), prefix), clock);
        foreach (var table in writer.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await new PrefixedEngine(Engine, prefix).GetTable(table).CreateIfNotExistsAsync(None);
        }

        var seniors = Enumerable.Range(1, 4).Select(i => $"0b7e5f4a-0000-4000-8000-00000000a00{i}").ToList();
        foreach (var id in seniors)
        {
            await writer.GetRequiredService<IProfileStore>().InsertAsync(SampleProfile(id) with { Tenant = null }, None);
        }

        const string Typed = "can someone teach me prompting?";
        var beforeAdd = await AskedSkillAsync(reader, seniors[0], Typed);

        var added = await writer.GetRequiredService<SkillCatalogEditor>().AddAsync(
            null, "owner-1", new NewSkill("Prompt engineering", ["prompting"], "AI and automation", SkillDirection.Reverse), null, None);
        var onWriter = await AskedSkillAsync(writer, seniors[1], Typed);
        var onReaderAtOnce = await AskedSkillAsync(reader, seniors[2], Typed);
        clock.Advance(reader.GetRequiredService<Microsoft.Extensions.Options.IOptions<SkillCatalogOptions>>().Value.RefreshInterval);
        var onReaderAfterInterval = await AskedSkillAsync(reader, seniors[3], Typed);

        var done = Assert.IsType<SkillEditOutcome.Done>(added);
        Assert.Equal(new TakenAlias("prompting", new SkillId("generative-ai")), Assert.Single(done.Taken, t => t.Alias == "prompting"));
        Assert.Equal("generative-ai", beforeAdd);
        Assert.Equal("prompt-engineering", onWriter);
        Assert.Equal("generative-ai", onReaderAtOnce);
        Assert.Equal("prompt-engineering", onReaderAfterInterval);

        static ServiceProvider Instance(ITableEngine engine, TimeProvider clock) =>
            ProductServices.Compose(new MentorBotOverrides { StorageEngine = engine, Clock = clock }).BuildServiceProvider(MentorBotHost.ProviderOptions);
    }

    /// <summary>One message turn through the instance's middleware and bot; the skill the ask form opens with.</summary>
    private static async Task<string?> AskedSkillAsync(IServiceProvider instance, string senior, string text)
    {
        var turn = new CatalogTurn(new Activity
        {
            Type = ActivityTypes.Message,
            Id = Guid.NewGuid().ToString("N"),
            ChannelId = "msteams",
            ServiceUrl = "https://smba.trafficmanager.net/emea/",
            Text = text,
            Locale = "en-US",
            From = new ChannelAccount { Id = "29:" + senior, Name = "Sam Senior", AadObjectId = senior },
            Recipient = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" },
            Conversation = new ConversationAccount { Id = "a:" + senior, ConversationType = "personal" },
        });
        turn.TurnState.Set(new ClaimsIdentity());
        await instance.GetRequiredService<MiddlewareSet>().RunAsync(turn, instance.GetRequiredService<IBot>().OnTurnAsync, None);
        foreach (var sent in turn.Sent)
        {
            using var json = JsonDocument.Parse(JsonSerializer.Serialize(sent, ProtocolJsonContext.Default.Activity));
            if (FindInput(json.RootElement, AskForHelpData.SkillInput) is { } input)
            {
                return input.TryGetProperty("value", out var value) ? value.GetString() : null;
            }
        }

        throw new Xunit.Sdk.XunitException("No ask form was sent: " + string.Join(" | ", turn.Sent.Select(a => a.Text)));
    }

    private static JsonElement? FindInput(JsonElement node, string id)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Input.ChoiceSet"
                    && node.TryGetProperty("id", out var found) && found.GetString() == id)
                {
                    return node;
                }

                foreach (var property in node.EnumerateObject())
                {
                    if (FindInput(property.Value, id) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    if (FindInput(item, id) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static SkillCatalogAuditEntry Audit(SkillCatalogAction action, string skill, int minute) =>
        new(CatalogStart.AddMinutes(minute), "owner-1", action, new SkillId(skill), null, skill);

    private static async Task<TableSkillCatalogStore> NewSkillCatalogStoreAsync(ITableEngine engine, string prefix)
    {
        var prefixed = new PrefixedEngine(engine, prefix);
        await prefixed.GetTable(TableSkillCatalogStore.TableName).CreateIfNotExistsAsync(None);
        return new TableSkillCatalogStore(prefixed);
    }

    private sealed class CatalogTurn(Activity activity) : ITurnContext
    {
        public Activity Activity { get; } = activity;

        public bool Responded => Sent.Count > 0 || InvokeResponse is not null;

        public TurnState TurnState { get; } = new();

        public InvokeResponse? InvokeResponse { get; set; }

        public List<Activity> Sent { get; } = [];

        public Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken)
        {
            Sent.Add(activity);
            return Task.FromResult(new ResourceResponse("bot-" + Sent.Count));
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
