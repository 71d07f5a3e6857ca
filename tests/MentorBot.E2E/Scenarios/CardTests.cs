using System.Text.Json.Nodes;
using MentorBot.E2E.Harness;

namespace MentorBot.E2E.Scenarios;

/// <summary>
/// The card page objects against the real Adaptive Cards renderer of the Playground, and a card submit through to
/// the bot. The card is posted the way the bot posts proactive messages (through the Playground's connector), since
/// the bot sends no cards of its own yet; once it does, scenarios drive its real cards with the same page objects.
/// </summary>
[Collection(EndToEnd.Collection)]
public sealed class CardTests(E2EEnvironment e2e)
{
    [Fact]
    public Task CardSubmit_WithTypedInput_ReachesBotAsValueAndIsAcknowledged() => e2e.RunScenarioAsync(async scenario =>
    {
        var senior = await scenario.OpenChatAsync(TestTenant.Senior);
        await senior.WaitForBotMessageAsync(1);
        var playground = e2e.PlaygroundOf(TestTenant.Senior);
        await playground.PostToPersonalChatAsBotAsync(SkillCard(), CancellationToken.None);
        var card = (await senior.WaitForBotMessageAsync(2)).Card;

        await card.FillAsync("Which skill?", "Prompt engineering");
        await card.ClickAsync("Ask for help");
        var acknowledgement = await senior.WaitForBotMessageAsync(3);

        Assert.Equal("Thanks, I've got that.", (await acknowledgement.TextAsync()).Trim());
        var submit = await playground.WaitForActivityToBotAsync(a => a.Type == "message" && a.Value is not null, CancellationToken.None);
        Assert.Equal("requestHelp", submit.Value?["verb"]?.GetValue<string>());
        Assert.Equal("Prompt engineering", submit.Value?["skill"]?.GetValue<string>());
    });

    private static JsonObject SkillCard() => new()
    {
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["content"] = new JsonObject
            {
                ["type"] = "AdaptiveCard",
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["version"] = "1.5",
                ["body"] = new JsonArray(
                    new JsonObject { ["type"] = "TextBlock", ["text"] = "What would you like to learn?", ["wrap"] = true },
                    new JsonObject { ["type"] = "Input.Text", ["id"] = "skill", ["label"] = "Which skill?", ["isRequired"] = true }),
                ["actions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Action.Submit",
                    ["title"] = "Ask for help",
                    ["data"] = new JsonObject { ["verb"] = "requestHelp" },
                }),
            },
        }),
    };
}
