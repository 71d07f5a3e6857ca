namespace MentorBot.Bot.Tests.Cards;

[Collection(CardValidationGroup.Name)]
public sealed class CardValidationTests(CardValidationFixture fixture)
{
    public static IEnumerable<object[]> CardNames => CardSamples.Names;

    public static IEnumerable<object[]> BrokenCardNames => BrokenCards.All.Keys.Select(name => new object[] { name });

    [Theory]
    [MemberData(nameof(CardNames))]
    public void Card_ValidatedByAdaptiveCardsLibrary_HasNoProblems(string name)
    {
        var problems = fixture.Problems[name];

        Assert.True(problems.Length == 0, $"{name}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Theory]
    [MemberData(nameof(BrokenCardNames))]
    public void BrokenCard_ValidatedByAdaptiveCardsLibrary_IsReported(string name)
    {
        var expected = BrokenCards.All[name].Expected;

        var problems = fixture.Problems[name];

        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_EveryWrittenCard_HasAResult()
    {
        var expected = CardSamples.All.Keys.Concat(Sessions.SessionCardSamples.All.Keys).Concat(BrokenCards.All.Keys).Order();

        Assert.Equal(expected, fixture.Problems.Keys.Order());
    }
}
