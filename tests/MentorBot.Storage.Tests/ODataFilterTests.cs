using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.AzureTable;

namespace MentorBot.Storage.Tests;

public sealed class ODataFilterTests
{
    [Fact]
    public void Render_QuoteInValueAndPartition_DoublesQuotes()
    {
        var filter = ODataFilter.Render("it's", EntityFilter.Equal("Name", "O'Brien"));

        Assert.Equal("PartitionKey eq 'it''s' and (Name eq 'O''Brien')", filter);
    }

    [Fact]
    public void Render_EveryType_UsesTypedLiterals()
    {
        var filter = EntityFilter.Equal("I", 5)
            & EntityFilter.GreaterThan("L", 5L)
            & EntityFilter.LessThan("D", 2.0)
            & EntityFilter.NotEqual("B", true)
            & EntityFilter.GreaterThanOrEqual("T", new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)))
            & EntityFilter.Equal("G", Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"))
            & EntityFilter.Equal("X", new byte[] { 0x0A, 0x1B });

        var rendered = ODataFilter.Render("p", filter);

        Assert.Equal(
            "PartitionKey eq 'p' and (((((((I eq 5) and (L gt 5L)) and (D lt 2.0)) and (B ne true)) and (T ge datetime'2026-05-01T10:00:00.0000000Z')) and (G eq guid'6f9619ff-8b86-d011-b42d-00c04fc964ff')) and (X eq X'0a1b'))",
            rendered);
    }

    [Fact]
    public void Render_OrInsideAnd_KeepsGrouping()
    {
        var rendered = ODataFilter.Render("p", EntityFilter.Equal("A", 1) & (EntityFilter.Equal("B", 2) | EntityFilter.Equal("C", 3)));

        Assert.Equal("PartitionKey eq 'p' and ((A eq 1) and ((B eq 2) or (C eq 3)))", rendered);
    }

    [Theory]
    [InlineData(1e300, "1.0E+300")]
    [InlineData(-3.0, "-3.0")]
    [InlineData(0.25, "0.25")]
    public void Literal_Double_AlwaysHasDecimalPoint(double value, string expected)
    {
        Assert.Equal(expected, ODataFilter.Literal(value));
    }

    [Fact]
    public void Validate_MoreThan15Comparisons_Refused()
    {
        var filter = EntityFilter.Equal("A", 0);
        for (var i = 1; i < 16; i++)
        {
            filter |= EntityFilter.Equal("A", i);
        }

        Assert.Throws<InvalidEntityException>(() => EntityRules.ValidateFilter(filter));
    }
}
