using System.Text.Json.Nodes;
using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Schema;
using MentorBot.Bot.Tests.Flows;
using MentorBot.Bot.Tests.Protocol.Dialogs.Testing;
using MentorBot.Core.Profiles;
using MentorBot.Core.Requests;
using MentorBot.Core.Skills;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Localization;

/// <summary>
/// A senior whose Teams speaks Swedish and juniors whose Teams speaks English, through the real bot: each reads every
/// reply and every proactive card in their own language (decision 0380), whoever caused it.
/// </summary>
public sealed class SwedishFlowTests
{
    [Fact]
    public async Task SwedishSenior_AsksInSwedish_ReasonsInSwedish_EnglishJuniorOfferedInEnglish_EachIntroducedInTheirOwn()
    {
        using var host = await new FlowHost().SeedAsync();
        var sam = host.ChatOf(Sam, "sv-SE");

        await sam.SendAsync("kan någon hjälpa mig med Power BI?");
        var form = Visible(sam.Transcript[^1]);
        await sam.InvokeAsync(CardVerbs.AskForHelp, FlowScriptTests.PowerBiAsk);
        var candidates = sam.Transcript[^1];
        var request = (await host.Requests.ListBySeniorAsync(Sam.Id, CancellationToken.None)).Single();
        var picked = await sam.InvokeAsync(CardVerbs.AskCandidate, new { requestId = request.Id.Value, candidateId = Jo.Id.AadObjectId, version = 0 });
        var accepted = await host.ChatOf(Jo).InvokeAsync(CardVerbs.AcceptRequest, new { requestId = request.Id.Value, version = 1 });

        Assert.Contains("Vad vill du lära dig?", form, StringComparison.Ordinal);
        Assert.Equal("3 personer kan hjälpa dig med Power BI.", candidates.Text);
        var reasons = Visible(candidates);
        Assert.Contains("Kollegor som kan hjälpa dig med Power BI", reasons, StringComparison.Ordinal);
        Assert.Contains("är expert på Power BI; du vet vad det är", reasons, StringComparison.Ordinal);
        // Skill names in the reader's language too (skills.json "localized"): Swedish for her, English for him.
        Assert.Contains("vill lära sig Intressenthantering, som du kan dela med dig av", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain("Stakeholder management", reasons, StringComparison.Ordinal);
        Assert.DoesNotContain("vs. your", reasons, StringComparison.Ordinal);
        Assert.Contains("Jag har frågat Jo Junior om Power BI", FlowExpect.InvokeCardText(picked), StringComparison.Ordinal);
        var offer = Assert.Single(host.Inbox(Jo), m => m.Operation == "send" && Visible(m.Activity).Contains("Sam Senior would like to learn from you", StringComparison.Ordinal));
        Assert.Contains("Sam Senior can share Stakeholder management with you", Visible(offer.Activity), StringComparison.Ordinal);
        Assert.Contains("You're helping Sam Senior with Power BI", FlowExpect.InvokeCardText(accepted), StringComparison.Ordinal);
        Assert.Contains(host.Inbox(Sam), m => m.Operation == "send" && Visible(m.Activity).Contains("Det här är Jo Junior", StringComparison.Ordinal)
            && Visible(m.Activity).Contains("du kan dela med dig av Intressenthantering", StringComparison.Ordinal));
        Assert.Contains(host.Inbox(Sam), m => m.Operation == "update" && Visible(m.Activity).Contains("Jo Junior tackade ja till Power BI", StringComparison.Ordinal));
        Assert.Contains(host.Inbox(Jo), m => m.Operation == "send" && Visible(m.Activity).Contains("Meet Sam Senior", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Inbox(Jo), m => Visible(m.Activity).Contains("Det här är", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LanguageChosenOnTheProfile_WinsOverTheTeamsLocale_InRepliesAndProactiveCards()
    {
        using var host = new FlowHost();
        await host.AddProfileAsync(Senior(Sam));
        await host.AddProfileAsync(Junior(Jo, SkillLevel.Expert, "Marketing") with { Language = "sv" });
        await host.ChatOf(Sam).SendAsync("hi");
        var jo = host.ChatOf(Jo);
        await jo.SendAsync("help");
        var help = Visible(jo.Transcript[^1]);
        var sam = host.ChatOf(Sam);

        await sam.SendAsync("I need help with Power BI");
        await sam.InvokeAsync(CardVerbs.AskForHelp, FlowScriptTests.PowerBiAsk);
        var request = (await host.Requests.ListBySeniorAsync(Sam.Id, CancellationToken.None)).Single();
        await sam.InvokeAsync(CardVerbs.AskCandidate, new { requestId = request.Id.Value, candidateId = Jo.Id.AadObjectId, version = 0 });

        Assert.Contains("Det här kan jag göra", help, StringComparison.Ordinal);
        Assert.Contains(host.Inbox(Jo), m => m.Operation == "send" && Visible(m.Activity).Contains("Sam Senior vill gärna lära sig av dig", StringComparison.Ordinal));
        Assert.Contains(host.Inbox(Sam), m => Visible(m.Activity).Contains("I've asked Jo Junior about Power BI", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProfileCard_ChoosingSwedish_SavesIt_AndAnswersInSwedishAtOnce()
    {
        using var host = new FlowHost();
        var jo = host.ChatOf(Jo);
        await jo.SendAsync("hi");

        await jo.InvokeAsync(CardVerbs.SaveProfile, new Dictionary<string, object>
        {
            ["isEdit"] = false,
            [SaveProfileData.RoleInput] = "teach",
            [SaveProfileData.TimeZoneInput] = "Europe/Stockholm",
            [SaveProfileData.HoursStartInput] = "09:00",
            [SaveProfileData.HoursEndInput] = "17:00",
            [SaveProfileData.DaysInput] = "mon,tue,wed,thu,fri",
            [SaveProfileData.OfferSkillInput(0)] = "power-bi",
            [SaveProfileData.OfferLevelInput(0)] = "4",
            [SaveProfileData.CapacityInput] = "1",
            [SaveProfileData.MessageLanguageInput] = "sv",
        });
        var saved = (await host.Profiles.GetAsync(Jo.Id, CancellationToken.None))!.Value;
        await jo.InvokeAsync(CardVerbs.SaveProfile, new Dictionary<string, object>
        {
            ["isEdit"] = true,
            [SaveProfileData.RoleInput] = "teach",
            [SaveProfileData.TimeZoneInput] = "Europe/Stockholm",
            [SaveProfileData.HoursStartInput] = "09:00",
            [SaveProfileData.HoursEndInput] = "17:00",
            [SaveProfileData.DaysInput] = "mon,tue,wed,thu,fri",
            [SaveProfileData.OfferSkillInput(0)] = "power-bi",
            [SaveProfileData.OfferLevelInput(0)] = "4",
            [SaveProfileData.CapacityInput] = "1",
            [SaveProfileData.MessageLanguageInput] = "teams",
        });
        var reset = (await host.Profiles.GetAsync(Jo.Id, CancellationToken.None))!.Value;

        Assert.Equal("sv", saved.Language);
        Assert.Contains(jo.Transcript, a => (a.Text ?? string.Empty).StartsWith("Tack, din profil är sparad.", StringComparison.Ordinal));
        Assert.Null(reset.Language);
        Assert.Contains(jo.Transcript, a => (a.Text ?? string.Empty).StartsWith("Thanks, your profile is saved.", StringComparison.Ordinal));
    }

    private static string Visible(Activity activity) =>
        activity.Text + string.Concat((activity.Attachments ?? []).Select(a => FlowCards.VisibleText(JsonNode.Parse(a.Content!.Value.GetRawText())!)));
}
