using MentorBot.Bot.Hosting;
using MentorBot.Bot.Protocol.Builder;
using MentorBot.Bot.Tests.Protocol.Fakes;
using MentorBot.Core.Tenants;
using MentorBot.Bot.Dialogs;
using MentorBot.Bot.Dialogs.Persistence;
using MentorBot.Bot.Dialogs.Prompts;
using MentorBot.Bot.Protocol.Schema;

namespace MentorBot.Bot.Tests.Dialogs;

public sealed class RecognizerTests
{
    [Theory]
    [InlineData("1", "AI tools")]
    [InlineData("4.", "Spreadsheets")]
    [InlineData("number 2", "Social media")]
    [InlineData("the last one", "Spreadsheets")]
    [InlineData("second", "Social media")]
    [InlineData("ai TOOLS", "AI tools")]
    [InlineData("  Social   media!! ", "Social media")]
    [InlineData("Instagram", "Social media")]
    [InlineData("insta", "Social media")]
    [InlineData("copilot", "AI tools")]
    [InlineData("gen z", "Gen Z customers")]
    [InlineData("social", "Social media")]
    [InlineData("help me with chatgpt please", "AI tools")]
    [InlineData("5", null)]
    [InlineData("0", null)]
    [InlineData("cooking", null)]
    [InlineData("media and tools", null)]
    [InlineData("", null)]
    public void ChoiceRecognizer_Reply_FindsTheMeantChoice(string reply, string? expected)
    {
        var found = ChoiceRecognizer.Recognize(reply, RequestMentorDialog.Skills);

        Assert.Equal(expected, found?.Value);
    }

    [Fact]
    public void ChoiceRecognizer_PartOfTwoChoices_IsNoMatch()
    {
        Choice[] choices = [new("Social media"), new("Social selling")];

        var found = ChoiceRecognizer.Recognize("social", choices);

        Assert.Null(found);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes!", true)]
    [InlineData("y", true)]
    [InlineData("yep", true)]
    [InlineData("Sure thing", true)]
    [InlineData("ok", true)]
    [InlineData("of course", true)]
    [InlineData("go ahead", true)]
    [InlineData("yes, that's right", true)]
    [InlineData("👍", true)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    [InlineData("No thanks.", false)]
    [InlineData("nope", false)]
    [InlineData("not now", false)]
    [InlineData("don't", false)]
    [InlineData("nah, maybe next month", false)]
    [InlineData("2", false)]
    [InlineData("👎", false)]
    [InlineData("maybe", null)]
    [InlineData("what do you mean", null)]
    public void ConfirmPrompt_Reply_IsYesNoOrNeither(string reply, bool? expected)
    {
        var answer = ConfirmPrompt.Parse(reply);

        Assert.Equal(expected, answer);
    }

    [Theory]
    [InlineData("help", "Help")]
    [InlineData("Help!", "Help")]
    [InlineData("?", "Help")]
    [InlineData("<at>MentorBot</at> help", "Help")]
    [InlineData("cancel", "Cancel")]
    [InlineData("QUIT", "Cancel")]
    [InlineData("never mind", "Cancel")]
    [InlineData("stop posting at 3am", "None")]
    [InlineData("I need help with TikTok", "None")]
    public void Interruptions_Utterance_IsRecognisedOnlyOnItsOwn(string text, string expected)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = text,
            Recipient = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" },
            Entities = [new Entity { Type = Entity.MentionType, Mentioned = new ChannelAccount { Id = "28:mentorbot", Name = "MentorBot" }, Text = "<at>MentorBot</at>" }],
        };

        var interruption = Interruptions.Recognize(activity);

        Assert.Equal(expected, interruption.ToString());
    }

    [Fact]
    public void DialogStateKey_GroupChat_IsPerMember()
    {
        var activity = new Activity
        {
            ChannelId = "msteams",
            From = new ChannelAccount { Id = "29:jo" },
            Conversation = new ConversationAccount { Id = "19:chat@thread.v2", IsGroup = true, ConversationType = "groupChat" },
        };

        var key = DialogStateKey.For(activity);

        Assert.Equal(new DialogStateKey("msteams", "19:chat@thread.v2", "29:jo"), key);
    }

    [Fact]
    public void DialogStateKey_PersonalChat_IsPerConversation()
    {
        var activity = new Activity
        {
            ChannelId = "msteams",
            From = new ChannelAccount { Id = "29:jo" },
            Conversation = new ConversationAccount { Id = "a:1on1", ConversationType = "personal" },
        };

        var key = DialogStateKey.For(activity);

        Assert.Equal(new DialogStateKey("msteams", "a:1on1", null), key);
    }

    [Fact]
    public void DialogStateKey_TurnServedAsATenant_CarriesThatTenantInCoreTerms()
    {
        var activity = new Activity
        {
            ChannelId = "msteams",
            From = new ChannelAccount { Id = "29:jo" },
            Conversation = new ConversationAccount { Id = "a:1on1", ConversationType = "personal", TenantId = "claimed-in-the-body" },
        };
        var served = new TenantId("bbbbbbbb-0000-4000-8000-000000000002");
        var turn = new TurnContext(activity, new RecordingConnectorClient());
        turn.TurnState.Set(new TurnTenant(served, served));

        var key = DialogStateKey.For(turn);

        Assert.Equal(new DialogStateKey("msteams", "a:1on1", null) { Tenant = served }, key);
    }
}
