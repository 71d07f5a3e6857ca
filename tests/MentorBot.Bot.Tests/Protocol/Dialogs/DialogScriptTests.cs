using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Prompts;
using static MentorBot.Bot.Tests.Protocol.Dialogs.Expect;
using static MentorBot.Bot.Tests.Protocol.Dialogs.UserInput;

namespace MentorBot.Bot.Tests.Protocol.Dialogs;

public sealed class DialogScriptTests
{
    private static readonly string[] SkillButtons = ["AI tools", "Social media", "Gen Z customers", "Spreadsheets"];

    public static TheoryData<DialogScript> Scripts => new()
    {
        new("waterfall with confirm, yes",
            new(Say("mentor"), Says("Which skill would you like help with?"), Buttons(SkillButtons)),
            new(Say("AI tools"), Says("What would you like to get better at in AI tools?")),
            new(Say("Writing prompts for reports"), Says("Shall I look for a mentor for AI tools?"), Buttons("Yes", "No")),
            new(Say("yes please"), Says("Great, I'll look for a mentor for AI tools.")),
            new(Say("hello"), Says(SampleBot.Fallback))),

        new("confirm, no",
            new(Say("mentor")),
            new(Say("Spreadsheets")),
            new(Say("Pivot tables without tears")),
            new(Say("Nah"), Says("Okay, I won't look for now."))),

        new("choice by number",
            new(Say("mentor")),
            new(Say("2"), Says("in Social media?"))),

        new("choice by ordinal",
            new(Say("mentor")),
            new(Say("the third one"), Says("in Gen Z customers?"))),

        new("choice by synonym, any case",
            new(Say("mentor")),
            new(Say("tiktok"), Says("in Social media?"))),

        new("choice by part of a name",
            new(Say("mentor")),
            new(Say("I'd like help with excel please"), Says("in Spreadsheets?"))),

        new("choice not understood asks again with the buttons",
            new(Say("mentor")),
            new(Say("cooking"), Says("Please pick one of the skills below"), Buttons(SkillButtons)),
            new(Say("1"), Says("in AI tools?"))),

        new("choice button pressed on a client that sends imBack as a submit",
            new(Say("mentor")),
            new(Submit("ignored", new { msteams = new { type = "imBack", value = "Gen Z customers" } }), Says("in Gen Z customers?"))),

        new("validator retry",
            new(Say("mentor")),
            new(Say("AI tools")),
            new(Say("prompts"), Says("Could you tell me a bit more? A sentence is plenty.")),
            new(Say("Summarising long email threads"), Says("Shall I look for a mentor for AI tools?"))),

        new("help mid-dialog shows help and asks again",
            new(Say("mentor")),
            new(Say("AI tools")),
            new(Say("help"), Says(DefaultDialogHelp.Text), Says("What would you like to get better at in AI tools?")),
            new(Say("Summarising long email threads"), Says("Shall I look for a mentor for AI tools?"))),

        new("cancel mid-dialog ends everything kindly",
            new(Say("mentor")),
            new(Say("AI tools")),
            new(Say("never mind"), Says(DialogRunner.CancelledText)),
            new(Say("Summarising long email threads"), Says(SampleBot.Fallback))),

        new("a sentence that merely contains stop is an answer",
            new(Say("mentor")),
            new(Say("Social media")),
            new(Say("stop posting at 3am"), Says("Shall I look for a mentor for Social media?"))),

        new("card form completes on Action.Submit",
            new(Say("availability"), CardWithVerb(SamplePrompts.AvailabilityVerb)),
            new(Submit(SamplePrompts.AvailabilityVerb, new { day = "Tuesday", minutes = "30" }), Says("Thanks, Tuesday for 30 minutes it is."), NoCard)),

        new("card form completes on Action.Execute and answers the invoke",
            new(Say("availability")),
            new(Execute(SamplePrompts.AvailabilityVerb, new { day = "Friday", minutes = "45" }),
                Banner(CardFormPrompt<AvailabilityForm>.Acknowledgement), Says("Thanks, Friday for 45 minutes it is."))),

        new("card form leaves other verbs to the handler and keeps waiting",
            new(Say("availability")),
            new(Submit("acceptRequest", new { requestId = "r-1" }), Says(SampleBot.StaleCard), DoesNotSay("Thanks,")),
            new(Execute("acceptRequest", new { requestId = "r-1" }), Banner(SampleBot.StaleCard), Silence),
            new(Submit(SamplePrompts.AvailabilityVerb, new { day = "Monday", minutes = 20 }), Says("Thanks, Monday for 20 minutes it is."))),

        new("text typed while a card form waits gets a gentle nudge, not a second card",
            new(Say("availability")),
            new(Say("tuesday at 3"), Says(CardFormPrompt<AvailabilityForm>.TypedTextHint), NoCard),
            new(Submit(SamplePrompts.AvailabilityVerb, new { day = "Tuesday", minutes = "15" }), Says("Thanks, Tuesday for 15 minutes it is."))),

        new("card form with unreadable data asks to check the card",
            new(Say("availability")),
            new(Submit(SamplePrompts.AvailabilityVerb, new { day = "Tuesday", minutes = "soon" }), Says(CardFormPrompt<AvailabilityForm>.InvalidFormHint)),
            new(Execute(SamplePrompts.AvailabilityVerb, new { minutes = "10" }), Banner(CardFormPrompt<AvailabilityForm>.InvalidFormHint), Silence)),

        new("cancel while a card form waits",
            new(Say("availability")),
            new(Say("Cancel."), Says(DialogRunner.CancelledText)),
            new(Submit(SamplePrompts.AvailabilityVerb, new { day = "Tuesday", minutes = "15" }), Says(SampleBot.StaleCard))),

        new("parent resumes with the child's typed result and loops by replacing itself",
            new(Say("requests"), Says("Which skill would you like help with?")),
            new(Say("AI tools")),
            new(Say("Summarising long email threads")),
            new(Say("yes"), Says("Great, I'll look for a mentor for AI tools."), Says("Would you like a mentor for another skill?")),
            new(Say("yes"), Says("Which skill would you like help with?")),
            new(Say("TikTok")),
            new(Say("Short videos for our launch")),
            new(Say("yes"), Says("Would you like a mentor for another skill?")),
            new(Say("no"), Says("All set: AI tools, Social media."))),

        new("declined child returns nothing and the parent carries on",
            new(Say("requests")),
            new(Say("AI tools")),
            new(Say("Summarising long email threads")),
            new(Say("no"), Says("Okay, I won't look for now."), Says("Would you like a mentor for another skill?")),
            new(Say("no"), Says("Okay, no requests for now."))),
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Script_RunsAsWritten(DialogScript script)
    {
        var adapter = new SampleHost().NewAdapter();

        await script.RunAsync(adapter);
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("Stop")]
    [InlineData("quit!")]
    [InlineData("never mind")]
    [InlineData("Nevermind.")]
    [InlineData("forget it")]
    public async Task Cancel_AnyPhrasing_EndsTheDialog(string phrase)
    {
        var adapter = new SampleHost().NewAdapter();
        await adapter.SendAsync("mentor");

        var turn = await adapter.SendAsync(phrase);
        var after = await adapter.SendAsync("AI tools");

        Assert.Equal(DialogRunner.CancelledText, turn.Text);
        Assert.Equal(SampleBot.Fallback, after.Text);
    }
}
