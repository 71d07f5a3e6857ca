using MentorBot.Bot.Cards.Actions;
using MentorBot.Core;

namespace MentorBot.Bot.Tests.Cards;

public sealed class CardActionParserTests
{
    [Fact]
    public void Parse_ExecuteInvokeValue_ReturnsTypedRecord()
    {
        const string invoke = """
            {"action":{"type":"Action.Execute","id":"a1","verb":"request.accept","data":{"verb":"request.accept","requestId":"r1","version":3}},"trigger":"manual"}
            """;

        var action = CardActionParser.Parse(invoke);

        Assert.Equal(new AcceptRequestData("r1", 3), action);
    }

    [Fact]
    public void Parse_PlaygroundInvokeWithoutTrigger_ReturnsTypedRecord()
    {
        const string invoke = """{"action":{"type":"Action.Execute","verb":"help.show","data":{"verb":"help.show"}}}""";

        var action = CardActionParser.Parse(invoke);

        Assert.IsType<ShowHelpData>(action);
    }

    [Fact]
    public void Parse_SubmitValueWithInputsBeforeVerb_ReadsInputs()
    {
        const string submit = """{"declineNote":"Busy with the launch","declineReason":"noTime","verb":"request.decline","requestId":"r1","version":3}""";

        var action = CardActionParser.Parse(submit);

        var decline = Assert.IsType<DeclineRequestData>(action);
        Assert.Equal(("r1", 3, DeclineReasons.NoTime, "Busy with the launch"), (decline.RequestId, decline.Version, decline.Reason, decline.Note));
    }

    [Fact]
    public void Parse_VerbOnlyOnTheAction_UsesTheActionVerb()
    {
        const string invoke = """{"action":{"type":"Action.Execute","verb":"card.refresh","data":{"card":"request","entityId":"r1"}},"trigger":"automatic"}""";

        var action = CardActionParser.Parse(invoke);

        Assert.Equal(new RefreshCardData("request", "r1"), action);
    }

    [Fact]
    public void Parse_InvokeWithoutData_UsesTheActionVerb()
    {
        var action = CardActionParser.Parse("""{"action":{"type":"Action.Execute","verb":"mentoring.mine"}}""");

        Assert.IsType<ShowMyMentoringData>(action);
    }

    [Fact]
    public void Parse_UnknownVerb_ReturnsUnknownCardAction()
    {
        var action = CardActionParser.Parse("""{"verb":"request.acceptV0","requestId":"r1","version":1}""");

        Assert.Equal(new UnknownCardAction("request.acceptV0", UnknownCardActionReason.UnknownVerb), action);
    }

    [Fact]
    public void Parse_NoVerbAnywhere_ReturnsMissingVerb()
    {
        var action = CardActionParser.Parse("""{"requestId":"r1"}""");

        Assert.Equal(new UnknownCardAction(null, UnknownCardActionReason.MissingVerb), action);
    }

    [Theory]
    [InlineData("""{"verb":"request.accept","version":3}""")]
    [InlineData("""{"verb":"request.accept","requestId":null,"version":3}""")]
    [InlineData("""{"verb":"request.accept","requestId":"r1","version":"three"}""")]
    [InlineData("""{"verb":"request.accept","requestId":"r1","version":{}}""")]
    [InlineData("""{"verb":"skill.pick","skillId":42,"typed":"x"}""")]
    public void Parse_KnownVerbWithMissingOrWrongFields_ReturnsMalformed(string json)
    {
        var action = CardActionParser.Parse(json);

        var unknown = Assert.IsType<UnknownCardAction>(action);
        Assert.Equal(UnknownCardActionReason.Malformed, unknown.Reason);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"request.accept\"")]
    [InlineData("null")]
    [InlineData("{not json")]
    [InlineData("""{"action":{"type":"Action.Execute","verb":"help.show","data":"oops"}}""")]
    public void Parse_NotAnObject_ReturnsNotAnObject(string json)
    {
        var action = CardActionParser.Parse(json);

        var unknown = Assert.IsType<UnknownCardAction>(action);
        Assert.Equal(UnknownCardActionReason.NotAnObject, unknown.Reason);
    }

    [Fact]
    public void Parse_VerbIsNotAString_ReturnsMissingVerb()
    {
        var action = CardActionParser.Parse("""{"verb":7}""");

        Assert.Equal(new UnknownCardAction(null, UnknownCardActionReason.MissingVerb), action);
    }

    [Fact]
    public void Parse_NumberSentAsString_IsAccepted()
    {
        var action = CardActionParser.Parse("""{"verb":"request.accept","requestId":"r1","version":"3"}""");

        Assert.Equal(new AcceptRequestData("r1", 3), action);
    }

    [Fact]
    public void Parse_SubmitFieldNamedActionThatIsNotAnInvoke_IsTreatedAsData()
    {
        var action = CardActionParser.Parse("""{"action":"x","verb":"help.show"}""");

        Assert.IsType<ShowHelpData>(action);
    }

    [Fact]
    public void Parse_ProfileForm_ReadsSingleInputsAndSkillRows()
    {
        const string submit = """
            {"verb":"profile.save","isEdit":true,"role":"both","timeZone":"Europe/Stockholm","hoursStart":"08:30","hoursEnd":"16:00",
             "days":"mon,tue,thu","languages":"English, Spanish","capacity":"2",
             "offer.0.skill":"tiktok","offer.0.level":"4","offer.1.skill":"","offer.1.level":"",
             "want.0.skill":"negotiation","want.0.current":"1","want.0.target":"3","want.2.skill":"budgeting"}
            """;

        var profile = Assert.IsType<SaveProfileData>(CardActionParser.Parse(submit));

        Assert.True(profile.IsEdit);
        Assert.Equal(["mon", "tue", "thu"], profile.SelectedDays);
        Assert.Equal(["English", "Spanish"], profile.LanguageList);
        Assert.Equal(2, profile.CapacityValue);
        Assert.Equal(new TimeOnly(8, 30), InputValue.Time(profile.HoursStart));
        Assert.Equal([new SkillLevelInput("tiktok", 4, null)], profile.Offers());
        Assert.Equal([new SkillLevelInput("negotiation", 1, 3), new SkillLevelInput("budgeting", 0, null)], profile.Wants());
    }

    [Theory]
    [InlineData("yes", "4", true, 4)]
    [InlineData("no", "", false, null)]
    [InlineData(null, "9", null, null)]
    public void Parse_Feedback_ReadsMeetingAndRating(string? met, string rating, bool? expectedMet, int? expectedRating)
    {
        var json = $$"""{"verb":"feedback.submit","checkInId":"c1","met":{{(met is null ? "null" : $"\"{met}\"")}},"rating":"{{rating}}"}""";

        var feedback = Assert.IsType<SubmitFeedbackData>(CardActionParser.Parse(json));

        Assert.Equal((expectedMet, expectedRating), (feedback.DidMeet, feedback.RatingValue));
    }

    [Theory]
    [InlineData("2", "45", 2, 45)]
    [InlineData("3", "50", null, null)]
    public void Parse_Cadence_AcceptsOnlyOfferedValues(string weeks, string minutes, int? expectedWeeks, int? expectedMinutes)
    {
        var json = $$"""{"verb":"cadence.change","pairingId":"p1","cadenceWeeks":"{{weeks}}","cadenceMinutes":"{{minutes}}"}""";

        var cadence = Assert.IsType<ChangeCadenceData>(CardActionParser.Parse(json));

        Assert.Equal((expectedWeeks, expectedMinutes), (cadence.WeeksValue, cadence.MinutesValue));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData(null, false)]
    public void Parse_Thanks_ReadsManagerToggle(string? cc, bool expected)
    {
        var json = cc is null
            ? """{"verb":"thanks.send","pairingId":"p1","thanksNote":"Thank you!"}"""
            : $$"""{"verb":"thanks.send","pairingId":"p1","thanksNote":"Thank you!","ccManager":"{{cc}}"}""";

        var thanks = Assert.IsType<SendThanksData>(CardActionParser.Parse(json));

        Assert.Equal(expected, thanks.CopyManager);
    }

    [Fact]
    public void Verbs_EveryRegisteredRecord_HasADistinctVerb()
    {
        var verbs = CardVerbs.All;

        Assert.Equal(verbs.Count, verbs.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(CardVerbs.AcceptRequest, verbs);
    }
}
