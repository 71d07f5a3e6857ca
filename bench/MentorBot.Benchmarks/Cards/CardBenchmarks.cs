using System.Globalization;
using BenchmarkDotNet.Attributes;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.Actions;

namespace MentorBot.Benchmarks.Cards;

/// <summary>The per-click cost of cards: build + serialize the largest card, and parse a button's invoke value.</summary>
[MemoryDiagnoser]
public class CardBenchmarks
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private const string Invoke = """
        {"action":{"type":"Action.Execute","verb":"request.decline","data":{"verb":"request.decline","requestId":"req-42","version":3,"declineReason":"noTime","declineNote":"Launch week"}},"trigger":"manual"}
        """;

    private ProfileFormView _profile = null!;
    private MentoringRequestView _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = Enumerable.Range(1, 30)
            .Select(i => new ChoiceOption($"Skill number {i}", $"skill-{i}"))
            .ToList();
        _profile = new ProfileFormView(
            true, "both", "Customer Insights", "Europe/Stockholm", [new("Stockholm", "Europe/Stockholm")],
            new TimeOnly(9, 0), new TimeOnly(17, 0), [DayOfWeek.Monday, DayOfWeek.Thursday], catalog,
            [new("skill-1", 4, null), new("skill-2", 3, null)], [new("skill-3", 1, 3)], "English", 2);
        _request = new MentoringRequestView(
            "req-42", 3, "Pat Morgan", "VP Customer Experience", "TikTok", "Understand how our customers use TikTok",
            "A 30-minute call", "About 30 minutes every 2 weeks, for 3 months", "Stakeholder management", "Fri 27 Nov", ["29:a"]);
    }

    [Benchmark]
    public string ProfileForm() => ProfileFormCard.Build(_profile, English).ToJson();

    [Benchmark]
    public string MentoringRequest() => MentoringRequestCard.Build(_request, English).ToJson();

    [Benchmark]
    public CardActionData ParseInvoke() => CardActionParser.Parse(Invoke);
}
