using System.Globalization;
using System.Text.Json.Nodes;
using MentorBot.Bot.Cards;
using MentorBot.Bot.Cards.CheckIns;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Core.Programs;

namespace MentorBot.Bot.Tests.Cards;

/// <summary>The "this isn't working" part of the feedback card says exactly what sending it does (decision 0241).</summary>
public sealed class ConcernCopyTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Theory]
    [InlineData(ConcernReaderRole.ProgramOwners, "goes privately to the program's owners")]
    [InlineData(ConcernReaderRole.SafeguardContacts, "goes privately to the program's safeguarding contact")]
    [InlineData(ConcernReaderRole.DefaultContacts, "goes privately to the people your organisation named to handle concerns")]
    [InlineData(ConcernReaderRole.Nobody, "Nobody is set up to read messages like this yet")]
    public void FeedbackCard_Concern_SaysThePairingPausesAtOnceWhatThePartnerHearsAndWhoReadsIt(ConcernReaderRole readers, string whoReads)
    {
        var card = FeedbackCard.Build(new FeedbackView("ci-3", "pair-7", "Alex Kim", "Power BI", ConcernReaders: readers), English);

        var text = FlowCards.VisibleText(JsonNode.Parse(CardJson.Serialize(card))!);

        Assert.Contains("your pairing with Alex Kim is paused straight away and check-in reminders stop", text, StringComparison.Ordinal);
        Assert.Contains("Alex Kim only gets the same short note as for any pause: that the pairing is paused, not why or from whom", text, StringComparison.Ordinal);
        Assert.Contains(whoReads, text, StringComparison.Ordinal);
        Assert.DoesNotContain("until you agree", text, StringComparison.Ordinal);
    }
}
