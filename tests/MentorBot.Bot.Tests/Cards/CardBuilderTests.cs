using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Cards.CheckIns;

namespace MentorBot.Bot.Tests.Cards;

/// <summary>Behaviour of individual builders beyond what the golden files pin.</summary>
public sealed class CardBuilderTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public void MentoringRequest_GoalWithMarkdown_IsShownLiterallyInATextRun()
    {
        const string goal = "Learn *TikTok* [ads](https://example.com/phish)";
        var view = new MentoringRequestView("r1", 1, "Pat", null, "TikTok", goal, "Chat", "30 min", null, null);

        var json = JsonNode.Parse(MentoringRequestCard.Build(view, English).ToJson())!;

        var carriers = Texts(json).Where(t => t.Text.Contains("TikTok*", StringComparison.Ordinal)).ToList();
        Assert.Equal([("TextRun", goal)], carriers.Select(c => (c.Type, c.Text)));
    }

    [Fact]
    public void ThankYou_Note_IsShownLiterallyInATextRun()
    {
        var view = new ThankYouView("Pat", "TikTok", "_Thanks_ for everything!", ManagerCopied: false);

        var json = JsonNode.Parse(ThankYouCard.Build(view, English).ToJson())!;

        Assert.Contains(("TextRun", "_Thanks_ for everything!"), Texts(json).Select(t => (t.Type, t.Text)));
    }

    [Fact]
    public void MentoringRequest_WithRefreshUsers_RefreshesThroughAnExecuteAction()
    {
        var view = new MentoringRequestView("r1", 2, "Pat", null, "TikTok", "Goal", "Chat", "30 min", null, null, ["29:a"]);

        var json = JsonNode.Parse(MentoringRequestCard.Build(view, English).ToJson())!;

        var action = json["refresh"]!["action"]!;
        Assert.Equal("Action.Execute", (string?)action["type"]);
        Assert.Equal(new RefreshCardData(MentoringRequestCard.CardName, "r1"), CardActionParser.Parse(action["data"]!.ToJsonString()));
        Assert.Equal(["29:a"], json["refresh"]!["userIds"]!.AsArray().Select(u => (string?)u));
    }

    [Fact]
    public void MentoringRequest_WithoutRefreshUsers_HasNoRefresh()
    {
        var view = new MentoringRequestView("r1", 2, "Pat", null, "TikTok", "Goal", "Chat", "30 min", null, null);

        var json = JsonNode.Parse(MentoringRequestCard.Build(view, English).ToJson())!;

        Assert.Null(json["refresh"]);
    }

    [Fact]
    public void Candidates_MoreThanThree_ShowsTheBestThree()
    {
        var candidates = Enumerable.Range(1, 5)
            .Select(i => new CandidateView($"u{i}", $"Person {i}", null, [new("Skill", "Expert")]))
            .ToList();

        var json = CandidatesCard.Build(new CandidatesView("r1", 1, "TikTok", candidates), English).ToJson();

        Assert.Contains("Ask Person 3", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Ask Person 4", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ProfileForm_Edit_PrefillsDaysInTheFormsOwnValues()
    {
        var view = new ProfileFormView(
            true, "teach", null, "Europe/London", [new("London", "Europe/London")], new TimeOnly(9, 0), new TimeOnly(17, 0),
            [DayOfWeek.Monday, DayOfWeek.Friday], [new("Excel", "excel")], [new("excel", 3, null)], [], null, 9);

        var json = JsonNode.Parse(ProfileFormCard.Build(view, English).ToJson())!;

        var inputs = Objects(json).Where(o => o["id"] is not null).ToDictionary(o => (string)o["id"]!, o => o["value"]?.ToString());
        Assert.Equal("mon,fri", inputs[SaveProfileData.DaysInput]);
        Assert.Equal("excel", inputs[SaveProfileData.OfferSkillInput(0)]);
        Assert.Equal("3", inputs[SaveProfileData.OfferLevelInput(0)]);
        Assert.Equal(ProfileFormCard.MaxCapacity.ToString(CultureInfo.InvariantCulture), inputs[SaveProfileData.CapacityInput]);
    }

    [Fact]
    public void FriendlyError_ForUnknownVerb_SaysTheCardIsOutOfDate()
    {
        var card = FriendlyErrorCard.For(new UnknownCardAction("old.verb", UnknownCardActionReason.UnknownVerb), English);

        Assert.Contains("out of date", card.ToJson(), StringComparison.Ordinal);
    }

    private static IEnumerable<(string Type, string Text)> Texts(JsonNode node) =>
        Objects(node)
            .Where(o => o["text"] is JsonValue && o["type"] is JsonValue)
            .Select(o => ((string)o["type"]!, (string)o["text"]!));

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Where(p => p.Key != "data").SelectMany(p => Objects(p.Value)).Prepend(obj),
        JsonArray array => array.SelectMany(Objects),
        _ => [],
    };
}
