using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Dialogs;
using MentorBot.Bot.Protocol.Dialogs.Prompts;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Protocol.Dialogs;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using static MentorBot.Bot.Tests.Protocol.Dialogs.Expect;
using static MentorBot.Bot.Tests.Protocol.Dialogs.UserInput;
using static MentorBot.Bot.Tests.Flows.FlowExpect;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// What one person does in chat, as utterance → reply tables. Sam is a senior; "new Sam" has no profile yet. The
/// juniors exist (and can be offered requests) but stay silent here.
/// </summary>
public sealed class FlowScriptTests
{
    public static readonly object ProfileForm = new Dictionary<string, object>
    {
        ["isEdit"] = false,
        [SaveProfileData.RoleInput] = "both",
        [SaveProfileData.TimeZoneInput] = "Europe/London",
        [SaveProfileData.HoursStartInput] = "09:00",
        [SaveProfileData.HoursEndInput] = "17:00",
        [SaveProfileData.DaysInput] = "mon,tue,wed,thu,fri",
        [SaveProfileData.OfferSkillInput(0)] = "stakeholder-management",
        [SaveProfileData.OfferLevelInput(0)] = "4",
        [SaveProfileData.WantSkillInput(0)] = "power-bi",
        [SaveProfileData.WantCurrentInput(0)] = "1",
        [SaveProfileData.WantTargetInput(0)] = "3",
        [SaveProfileData.OtherWantsInput] = "TikTok, underwater basket weaving",
        [SaveProfileData.LanguagesInput] = "en",
        [SaveProfileData.CapacityInput] = "1",
    };

    public static readonly object PowerBiAsk = new Dictionary<string, string>
    {
        [AskForHelpData.SkillInput] = "power-bi",
        [AskForHelpData.GoalInput] = "Build a dashboard for my team's pipeline",
        [AskForHelpData.FormatInput] = MeetingFormats.Call30,
        [AskForHelpData.UrgencyInput] = Urgencies.ThisMonth,
    };

    /// <summary>Scripts for someone who has no profile yet.</summary>
    public static TheoryData<DialogScript> NewcomerScripts => new()
    {
        new("install welcomes once, then onboarding saves the profile",
            new Exchange(Install(), Says("Hi Sam, welcome to MentorBot"), ButtonsAre("Set up my profile", "How it works")),
            new Exchange(Install(), Silence),
            new Exchange(Execute(CardVerbs.SetUpProfile), CardWithVerb(CardVerbs.SaveProfile), Says("Your MentorBot profile")),
            new Exchange(Execute(CardVerbs.SaveProfile, ProfileForm), Banner(CardFormPrompt<SaveProfileData>.Acknowledgement), Says("your profile is saved"), Says("underwater basket weaving")),
            new Exchange(Say("hi"), Says("Hi Sam! I'm MentorBot"))),

        new("teaching without a skill is explained, the form stays",
            new Exchange(Say("profile"), CardWithVerb(CardVerbs.SaveProfile)),
            new Exchange(Execute(CardVerbs.SaveProfile, new Dictionary<string, object>
            {
                ["isEdit"] = false,
                [SaveProfileData.RoleInput] = "teach",
                [SaveProfileData.TimeZoneInput] = "Europe/London",
                [SaveProfileData.HoursStartInput] = "09:00",
                [SaveProfileData.HoursEndInput] = "17:00",
                [SaveProfileData.DaysInput] = "mon",
            }), Says("To share what you know, add at least one skill you can share."), NoCard),
            new Exchange(Execute(CardVerbs.SaveProfile, ProfileForm), Says("your profile is saved"))),

        new("asking before joining starts with the profile, then the request form",
            new Exchange(Say("can someone teach me TikTok?"), Says("Let's set up your profile first"), CardWithVerb(CardVerbs.SaveProfile), OneMessage),
            new Exchange(Execute(CardVerbs.SaveProfile, ProfileForm), Says("your profile is saved"), CardWithVerb(CardVerbs.AskForHelp), SelectedSkill("short-form-video"))),

        new("pause before joining is refused kindly",
            new Exchange(Say("pause"), Says("You haven't joined yet"))),
    };

    /// <summary>Scripts for Sam, who has a profile (wants Power BI and TikTok).</summary>
    public static TheoryData<DialogScript> MemberScripts => new()
    {
        new("ask by free text: the form comes prefilled, then the best colleagues with reasons",
            new Exchange(Say("I need help with Power BI"), CardWithVerb(CardVerbs.AskForHelp), SelectedSkill("power-bi"), Says("What would you like to learn?")),
            new Exchange(Execute(CardVerbs.AskForHelp, PowerBiAsk), Says("Colleagues who could help with Power BI"), Says("3 people can help you with Power BI."),
                ButtonsAre("Ask Jo Junior", "Ask Kim Young", "Ask Lee Newman", "Let MentorBot choose"), Fact("Skill"), Fact("Learning back"))),

        new("'ask' with the skill named works like free text",
            new Exchange(Say("ask tiktok"), CardWithVerb(CardVerbs.AskForHelp), SelectedSkill("short-form-video"))),

        new("two skills in one message: which one?",
            new Exchange(Say("can someone teach me TikTok and Power BI?"), Says("Did you mean…?"), ButtonsAre("Short-form video", "Power BI", "None of these")),
            new Exchange(Execute(CardVerbs.PickSkill, new { skillId = "power-bi", typed = "can someone teach me TikTok and Power BI?" }), CardWithVerb(CardVerbs.AskForHelp), SelectedSkill("power-bi"))),

        new("an unknown skill gets suggestions",
            new Exchange(Say("I want to learn power pivot"), Says("Did you mean…?"), ButtonsInclude("None of these"))),

        new("an ask for something nobody recognises: the full list",
            new Exchange(Say("can someone help me with quantum chromodynamics?"), Says("I don't know that skill yet"), CardWithVerb(CardVerbs.AskForHelp), OneMessage)),

        new("chat that is not an ask: a friendly nudge and the help card, in one message",
            new Exchange(Say("the weather is lovely today"), Says("Sorry, I didn't quite get that"), Says("What I can do"), OneMessage)),

        new("help and cancel in the middle of a flow",
            new Exchange(Say("profile"), CardWithVerb(CardVerbs.SaveProfile)),
            new Exchange(Say("help"), Says(DefaultDialogHelp.Text), CardWithVerb(CardVerbs.SaveProfile)),
            new Exchange(Say("what's the weather?"), Says(CardFormPrompt<SaveProfileData>.TypedTextHint)),
            new Exchange(Say("cancel"), Says(DialogRunner.CancelledText)),
            new Exchange(Say("hello"), Says("Hi Sam!"))),

        new("the form's own cancel button ends the flow",
            new Exchange(Say("I need help with Power BI"), CardWithVerb(CardVerbs.AskForHelp)),
            new Exchange(Execute(CardVerbs.CancelFlow, new { flow = "ask" }), Says("I've stopped that")),
            new Exchange(Execute(CardVerbs.AskForHelp, PowerBiAsk), Says("Colleagues who could help with Power BI"))),

        new("commands from the manifest",
            new Exchange(Say("help"), Says("What I can do")),
            new Exchange(Say("my mentoring"), Says("My mentoring")),
            new Exchange(Say("end pairing"), Says("You don't have a running pairing right now")),
            new Exchange(Say("program status"), Says("only for the people who run a program"))),

        new("pause until a date, then resume",
            new Exchange(Say("pause"), Says("Until when would you like a break?")),
            new Exchange(Say("someday"), Says("I couldn't read that as a date")),
            new Exchange(Say("3 weeks"), Says("Monday 14 December")),
            new Exchange(Say("resume"), Says("Welcome back"))),

        new("pause with the date in one go",
            new Exchange(Say("pause until 15 January"), Says("Friday 15 January"))),

        new("a button from a card that has moved on",
            new Exchange(Execute(CardVerbs.AcceptRequest, new { requestId = "r-gone", version = 1 }), InvokeCardSays("This card is out of date"))),

        new("a button from an older release",
            new Exchange(Execute("request.acceptV0", new { id = 7 }), InvokeCardSays("This card is out of date")),
            new Exchange(Submit("request.acceptV0", new { id = 7 }), Says("This card is out of date"))),

        new("a stale candidates card",
            new Exchange(Execute(CardVerbs.AskCandidate, new { requestId = "r-gone", candidateId = "x", version = 0 }), InvokeCardSays("This card is out of date"))),
    };

    [Theory]
    [MemberData(nameof(NewcomerScripts))]
    public async Task Newcomer_Script_RepliesAsExpected(DialogScript script)
    {
        using var host = await new FlowHost().SeedAsync(withSam: false);

        await script.RunAsync(host.ChatOf(Cast.Sam));
    }

    [Theory]
    [MemberData(nameof(MemberScripts))]
    public async Task Member_Script_RepliesAsExpected(DialogScript script)
    {
        using var host = await new FlowHost().SeedAsync();

        await script.RunAsync(host.ChatOf(Cast.Sam));
    }

    [Fact]
    public async Task ProfileForm_PrefillsTheTimeZoneTeamsReported()
    {
        using var host = await new FlowHost().SeedAsync(withSam: false);
        var chat = host.ChatOf(Cast.Sam);
        var message = FlowActivities.Message(chat, "profile");
        message.Entities = [new Entity { Type = Entity.ClientInfoType, Locale = "en-GB", Timezone = "Asia/Kolkata" }];

        var turn = await chat.ProcessActivityAsync(message);

        Assert.Contains(FlowCards.Inputs(turn.Card), i => i.Id == SaveProfileData.TimeZoneInput && i.Value == "Asia/Kolkata");
    }
}

/// <summary>Expectations specific to the flows.</summary>
public static class FlowExpect
{
    public static UserInput Install() => new Installed();

    public static Expect SelectedSkill(string skillId) =>
        new($"the skill picker set to {skillId}", t => t.Cards.Count == 1 && FlowCards.Inputs(t.Card).Any(i => i.Id == AskForHelpData.SkillInput && i.Value == skillId));

    public static Expect Fact(string title) =>
        new($"a fact titled \"{title}\"", t => t.Cards.Any(c => FlowCards.FactTitles(c).Contains(title)));

    /// <summary>Button titles once each: every Action.Execute carries an Action.Submit fallback with the same title.</summary>
    public static Expect ButtonsAre(params string[] titles) =>
        new($"buttons [{string.Join(", ", titles)}]", t => t.ButtonTitles.Distinct().SequenceEqual(titles));

    /// <summary>The turn's whole answer is one activity (Teams shows one message best).</summary>
    public static Expect OneMessage { get; } = new("exactly one reply", t => t.Replies.Count == 1);

    public static Expect ButtonsInclude(string title) =>
        new($"a button \"{title}\"", t => t.ButtonTitles.Contains(title));

    public static Expect InvokeCardSays(string fragment) =>
        new($"an invoke response card containing \"{fragment}\"", t => InvokeCardText(t).Contains(fragment, StringComparison.Ordinal));

    public static string InvokeCardText(TestTurn turn) =>
        turn.InvokeResponse?.Body is { } body && body.GetProperty("type").GetString() == "application/vnd.microsoft.card.adaptive"
            ? FlowCards.VisibleText(JsonNode.Parse(body.GetProperty("value").GetRawText())!)
            : string.Empty;

    private sealed record Installed : UserInput
    {
        public override Task<TestTurn> SendAsync(TestAdapter adapter)
        {
            var activity = FlowActivities.Message(adapter, null);
            activity.Type = ActivityTypes.InstallationUpdate;
            activity.Action = InstallationUpdateActions.Add;
            return adapter.ProcessActivityAsync(activity);
        }

        public override string ToString() => "installs the app";
    }
}

public static class FlowActivities
{
    private static int _next;

    public static Activity Message(TestAdapter adapter, string? text) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"custom-{Interlocked.Increment(ref _next)}",
        Timestamp = DateTimeOffset.UnixEpoch,
        ChannelId = "msteams",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        From = adapter.User,
        Recipient = adapter.Bot,
        Conversation = adapter.Conversation,
        Locale = "en-GB",
        Text = text,
    };
}

/// <summary>Inputs and facts in card JSON, wherever they sit in the layout.</summary>
public static class FlowCards
{
    public static IEnumerable<(string Id, string? Value)> Inputs(JsonNode card) =>
        CardJson.Descendants(card)
            .Where(n => n["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .Select(n => (n["id"]!.GetValue<string>(), n["value"] is JsonValue value ? value.ToString() : null));

    /// <summary>Every text a person can read on the card (text blocks, runs, facts, button titles), one per line.</summary>
    public static string VisibleText(JsonNode card) =>
        string.Join('\n', CardJson.Descendants(card).SelectMany(n => new[] { n["text"], n["title"], n["value"] })
            .OfType<JsonValue>()
            .Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String)
            .Select(v => v.GetValue<string>()));

    public static IEnumerable<string> FactTitles(JsonNode card) =>
        CardJson.Descendants(card).Where(n => n["type"]?.GetValue<string>() == "FactSet")
            .SelectMany(n => n["facts"]!.AsArray().Select(f => f!["title"]!.GetValue<string>()));
}
