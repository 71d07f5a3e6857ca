using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Flows;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Core.Skills;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Teams' type-ahead through the whole bot (decision 0450): an <c>application/search</c> invoke from a skill picker is
/// answered from the person's tenant catalog, owners' skills included, in the search-response shape; unreadable
/// searches get a 400 error body.
/// </summary>
public sealed class SkillSearchInvokeTests
{
    [Fact]
    public async Task Search_ForAnOwnersSkill_AnswersTheSearchResponseWithIt()
    {
        using var host = new FlowHost();
        await host.Services.GetRequiredService<SkillCatalogEditor>().AddAsync(
            null, "owner-1", new NewSkill("Prompt engineering", ["prompting"], "AI and automation", SkillDirection.Reverse), null, CancellationToken.None);

        var turn = await SearchAsync(host, new JsonObject { ["queryText"] = "prompt", ["queryOptions"] = new JsonObject { ["skip"] = 0, ["top"] = 15 }, ["dataset"] = "skills" });

        Assert.Equal(200, turn.InvokeResponse!.Status);
        var body = JsonNode.Parse(turn.InvokeResponse.Body!.Value.GetRawText())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.search.searchResponse", body["type"]!.GetValue<string>());
        var results = body["value"]!["results"]!.AsArray();
        Assert.Equal("Prompt engineering", results[0]!["title"]!.GetValue<string>());
        Assert.Equal("prompt-engineering", results[0]!["value"]!.GetValue<string>());
        Assert.Empty(turn.Replies);
    }

    [Fact]
    public async Task Search_RetiredSkill_IsNotOfferedAndPagingIsKept()
    {
        using var host = new FlowHost();
        await host.Services.GetRequiredService<SkillCatalogEditor>().RetireAsync(null, "owner-1", new SkillId("power-automate"), null, CancellationToken.None);

        var power = Results(await SearchAsync(host, new JsonObject { ["queryText"] = "power", ["dataset"] = "skills" }));
        var page = Results(await SearchAsync(host, new JsonObject { ["queryText"] = "", ["queryOptions"] = new JsonObject { ["skip"] = 2, ["top"] = 3 } }));

        Assert.Contains("power-bi", power);
        Assert.DoesNotContain("power-automate", power);
        Assert.Equal(SkillCatalog.Default.Skills.Where(s => s.Id.Value != "power-automate").Skip(2).Take(3).Select(s => s.Id.Value), page);
    }

    [Theory]
    [InlineData("\"just a string\"")]
    [InlineData("{\"queryText\":\"ai\",\"dataset\":\"people\"}")]
    public async Task Search_Unreadable_IsA400ErrorBodyNotAnException(string value)
    {
        using var host = new FlowHost();

        var turn = await host.ChatOf(Sam).ProcessActivityAsync(Invoke(JsonSerializer.Deserialize<JsonElement>(value)));

        Assert.Equal(400, turn.InvokeResponse!.Status);
        var body = JsonNode.Parse(turn.InvokeResponse.Body!.Value.GetRawText())!;
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Equal("BadRequest", body["value"]!["code"]!.GetValue<string>());
    }

    private static List<string> Results(Protocol.Dialogs.Testing.TestTurn turn) =>
        [.. JsonNode.Parse(turn.InvokeResponse!.Body!.Value.GetRawText())!["value"]!["results"]!.AsArray().Select(r => r!["value"]!.GetValue<string>())];

    private static Task<Protocol.Dialogs.Testing.TestTurn> SearchAsync(FlowHost host, JsonObject value) =>
        host.ChatOf(Sam).ProcessActivityAsync(Invoke(JsonSerializer.SerializeToElement(value)));

    private static Activity Invoke(JsonElement value) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = SkillSearchInvoke.InvokeName,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        From = new ChannelAccount { Id = Sam.TeamsId, Name = Sam.Name, AadObjectId = Sam.Id.AadObjectId },
        Recipient = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" },
        Conversation = new ConversationAccount { Id = Sam.ConversationId, ConversationType = "personal", TenantId = "tenant-1" },
        Locale = "en-US",
        Value = value,
    };
}
