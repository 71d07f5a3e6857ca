using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;

namespace MentorBot.Bot.Tests.Cards;

/// <summary>Rules every card must keep, checked on the JSON Teams receives.</summary>
public sealed class CardContractTests
{
    /// <summary>Incoming-webhook limit (teams-specifics §7); bots get more, but we keep one budget for both.</summary>
    private const int MaxCardBytes = 28 * 1024;

    public static IEnumerable<object[]> CardNames => CardSamples.Names;

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_Serialized_IsUnder28KB(string name)
    {
        var size = Encoding.UTF8.GetByteCount(CardJson.Serialize(CardSamples.All[name]));

        Assert.True(size < MaxCardBytes, $"{name} is {size} bytes");
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_Root_IsVersion15FullWidth(string name)
    {
        var card = Json(name);

        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("Full", (string?)card["msteams"]?["width"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)card["fallbackText"]));
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_EveryExecuteAndSubmit_CarriesAKnownVerbInItsData(string name)
    {
        var actions = Objects(Json(name)).Where(o => (string?)o["type"] is "Action.Execute" or "Action.Submit").ToList();

        Assert.All(actions, action =>
        {
            var verb = (string?)action["data"]?["verb"];
            Assert.NotNull(verb);
            Assert.True(CardVerbs.IsKnown(verb), $"unknown verb {verb}");
            if ((string?)action["type"] == "Action.Execute")
            {
                Assert.Equal(verb, (string?)action["verb"]);
            }
        });
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_EveryExecute_HasASubmitFallbackWithTheSameData(string name)
    {
        var executes = Objects(Json(name))
            // The refresh action needs none: clients without Universal Actions ignore refresh altogether.
            .Where(o => (string?)o["type"] == "Action.Execute" && !(o.Parent is JsonObject && o.GetPropertyName() == "action"))
            .ToList();

        Assert.All(executes, execute =>
        {
            var fallback = execute["fallback"];
            Assert.Equal("Action.Submit", (string?)fallback?["type"]);
            Assert.True(JsonNode.DeepEquals(execute["data"], fallback?["data"]));
        });
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_InputIds_AreUniqueAndNeverShadowDataFields(string name)
    {
        var nodes = Objects(Json(name)).ToList();
        var inputIds = nodes.Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .Select(o => (string?)o["id"])
            .ToList();
        var dataFields = nodes.Select(o => o["data"]).OfType<JsonObject>().SelectMany(d => d.Select(p => p.Key)).ToHashSet();

        Assert.All(inputIds, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(inputIds.Count, inputIds.Distinct().Count());
        Assert.DoesNotContain(inputIds, id => dataFields.Contains(id!));
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_EveryActionData_RoundTripsThroughTheParser(string name)
    {
        var executes = Objects(Json(name)).Where(o => (string?)o["type"] == "Action.Execute").ToList();

        Assert.All(executes, execute =>
        {
            var data = execute["data"]!;
            var invoke = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute",
                    ["verb"] = (string?)execute["verb"],
                    ["data"] = data.DeepClone(),
                },
                ["trigger"] = "manual",
            };

            var fromInvoke = CardActionParser.Parse(invoke.ToJsonString());
            var fromSubmit = CardActionParser.Parse(data.ToJsonString());

            Assert.IsNotType<UnknownCardAction>(fromInvoke);
            Assert.Equal((string?)execute["verb"], fromInvoke.Verb);
            Assert.True(JsonNode.DeepEquals(data, JsonNode.Parse(CardJson.Serialize(fromInvoke))), $"{data} came back as {CardJson.Serialize(fromInvoke)}");
            Assert.Equal(fromInvoke, fromSubmit);
        });
    }

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_Text_NeverSaysMentee(string name)
    {
        var json = CardJson.Serialize(CardSamples.All[name]);

        Assert.DoesNotContain("mentee", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ProfileForm_LargestCatalog_StaysUnder28KB()
    {
        var catalog = Enumerable.Range(1, 100)
            .Select(i => new ChoiceOption($"A fairly long skill name number {i}", $"a-fairly-long-skill-slug-{i}"))
            .ToList();
        var view = new ProfileFormView(
            true, "both", "Customer Insights and Analytics", "Europe/Stockholm",
            [.. Enumerable.Range(1, 10).Select(i => new ChoiceOption($"Zone {i} (Region/City_{i})", $"Region/City_{i}"))],
            new TimeOnly(9, 0), new TimeOnly(17, 0), [DayOfWeek.Monday], catalog,
            [new("a-fairly-long-skill-slug-1", 4, null), new("a-fairly-long-skill-slug-2", 3, null)],
            [new("a-fairly-long-skill-slug-3", 1, 3), new("a-fairly-long-skill-slug-4", 2, 4)],
            "English, Spanish, Portuguese", 3);

        var size = Encoding.UTF8.GetByteCount(ProfileFormCard.Build(view, CultureInfo.GetCultureInfo("en-GB")).ToJson());

        Assert.True(size < MaxCardBytes, $"{size} bytes");
    }

    /// <summary>
    /// Decision 0450: no 30-entry cap. With 2,000 skills every skill picker searches them all (Data.Query), keeps the
    /// person's own skills as static choices even from the end of the catalog, and the card stays under 28 KB.
    /// </summary>
    [Fact]
    public void ProfileAndAskForms_TwoThousandSkills_SearchTheWholeCatalogKeepOwnSkillsAndStayUnder28KB()
    {
        var catalog = Enumerable.Range(1, 2000)
            .Select(i => new ChoiceOption($"A fairly long skill name number {i}", $"a-fairly-long-skill-slug-{i}"))
            .ToList();
        var offers = Enumerable.Range(1995, ProfileFormLimits.MaxSkillRows).Select(i => new SkillLevelInput($"a-fairly-long-skill-slug-{i}", 3, null)).ToList();
        var wants = Enumerable.Range(1990, ProfileFormLimits.MaxSkillRows).Select(i => new SkillLevelInput($"a-fairly-long-skill-slug-{i}", 1, 3)).ToList();
        var profile = new ProfileFormView(
            true, "both", "Customer Insights and Analytics", "Europe/Stockholm",
            [.. Enumerable.Range(1, 10).Select(i => new ChoiceOption($"Zone {i} (Region/City_{i})", $"Region/City_{i}"))],
            new TimeOnly(9, 0), new TimeOnly(17, 0), [DayOfWeek.Monday], catalog, offers, wants, "English, Spanish", 3);
        var ask = new AskForHelpView(catalog, "a-fairly-long-skill-slug-2000", null);

        foreach (var (card, selected) in new[]
        {
            (ProfileFormCard.Build(profile, CultureInfo.GetCultureInfo("en-GB")), offers.Concat(wants).Select(o => o.SkillId).ToList()),
            (AskForHelpCard.Build(ask, CultureInfo.GetCultureInfo("en-GB")), ["a-fairly-long-skill-slug-2000"]),
        })
        {
            var json = card.ToJson();
            var pickers = Objects(JsonNode.Parse(json)).Where(o => o["choices.data"] is not null).ToList();

            Assert.True(Encoding.UTF8.GetByteCount(json) < MaxCardBytes, $"{Encoding.UTF8.GetByteCount(json)} bytes");
            Assert.NotEmpty(pickers);
            Assert.All(pickers, p => Assert.Equal("""{"type":"Data.Query","dataset":"skills"}""", p["choices.data"]!.ToJsonString()));
            Assert.All(pickers, p => Assert.Equal("filtered", p["style"]!.GetValue<string>()));
            Assert.All(selected, id => Assert.Contains(id, pickers[0]["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>())));
            Assert.All(pickers, p => Assert.InRange(p["choices"]!.AsArray().Count, selected.Count + 1, 200));
        }
    }

    /// <summary>
    /// With <c>Skills:TypeAheadSearch</c> off (the Agents Playground, which has no type-ahead and then offers no choice
    /// at all), no picker carries the query and every picker still lists the catalog's static choices.
    /// </summary>
    [Fact]
    public void ProfileAndAskForms_TypeAheadOff_NoPickerCarriesTheQueryAndEachListsTheCatalog()
    {
        List<ChoiceOption> catalog = [new("Power BI", "power-bi"), new("TikTok and short video", "tiktok"), new("Budgeting", "budgeting")];
        var profile = new ProfileFormView(
            false, null, null, "Europe/Stockholm", [new ChoiceOption("Europe/Stockholm", "Europe/Stockholm")],
            new TimeOnly(9, 0), new TimeOnly(17, 0), [DayOfWeek.Monday], catalog, [], [], "en", 1) { TypeAhead = false };
        var ask = new AskForHelpView(catalog, null, null) { TypeAhead = false };

        foreach (var card in new[] { ProfileFormCard.Build(profile, CultureInfo.GetCultureInfo("en-GB")), AskForHelpCard.Build(ask, CultureInfo.GetCultureInfo("en-GB")) })
        {
            var objects = Objects(JsonNode.Parse(card.ToJson())).ToList();
            var pickers = objects.Where(o => o["choices"] is JsonArray choices && choices.Any(c => c!["value"]!.GetValue<string>() == "power-bi")).ToList();

            Assert.DoesNotContain(objects, o => o["choices.data"] is not null);
            Assert.NotEmpty(pickers);
            Assert.All(pickers, p => Assert.Equal(["budgeting", "power-bi", "tiktok"], p["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()).Order()));
        }
    }

    private static JsonNode Json(string name) => JsonNode.Parse(CardJson.Serialize(CardSamples.All[name]))!;

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (key, child) in obj)
                {
                    // Action data is opaque payload, not card structure.
                    if (key != "data")
                    {
                        foreach (var nested in Objects(child))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var nested in array.SelectMany(Objects))
                {
                    yield return nested;
                }

                break;
        }
    }
}
