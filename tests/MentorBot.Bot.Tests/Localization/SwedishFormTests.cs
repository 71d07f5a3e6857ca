using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Tests.Flows;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Localization;

/// <summary>
/// Issue 19: what a half-filled form says and understands follows the person's language too: a profile the validator
/// refuses is explained in Swedish (Core returns codes), "avbryt" cancels as "cancel" does, and "hjälp" in the middle
/// of a form gets the Swedish help, not the English text or "fill in the card".
/// </summary>
public sealed class SwedishFormTests
{
    private static Dictionary<string, object> TeachingWithoutASkill() => new()
    {
        ["isEdit"] = false,
        [SaveProfileData.RoleInput] = "teach",
        [SaveProfileData.TimeZoneInput] = "Europe/Stockholm",
        [SaveProfileData.HoursStartInput] = "09:00",
        [SaveProfileData.HoursEndInput] = "17:00",
        [SaveProfileData.DaysInput] = "mon",
    };

    [Fact]
    public async Task RefusedProfile_ExplainedInSwedish()
    {
        using var host = new FlowHost();
        var jo = host.ChatOf(Jo, "sv-SE");
        await jo.SendAsync("min profil");

        await jo.InvokeAsync(CardVerbs.SaveProfile, TeachingWithoutASkill());

        var reply = jo.Transcript[^1].Text ?? string.Empty;
        Assert.StartsWith("Några saker behöver ses över innan jag kan spara din profil:", reply, StringComparison.Ordinal);
        Assert.Contains("- Lägg till minst en kompetens du kan dela med dig av", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone who teaches", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("avbryt")]
    [InlineData("Strunta i det")]
    public async Task SwedishCancel_MidForm_StopsIt_InSwedish(string cancel)
    {
        using var host = new FlowHost();
        var jo = host.ChatOf(Jo, "sv-SE");
        await jo.SendAsync("min profil");

        var turn = await jo.SendAsync(cancel);

        Assert.Equal("Inga problem, jag har avbrutit. Du behöver inte göra något mer – säg bara hej när du vill börja igen.", turn.Text);
    }

    [Fact]
    public async Task SwedishHelp_MidForm_SwedishHelp_AndTheFormStays()
    {
        using var host = new FlowHost();
        var jo = host.ChatOf(Jo, "sv-SE");
        await jo.SendAsync("min profil");

        var help = await jo.SendAsync("hjälp");
        var typed = await jo.SendAsync("jag vet inte");

        Assert.StartsWith("Jag är MentorBot och kopplar ihop kollegor", help.Text, StringComparison.Ordinal);
        Assert.Equal("Fyll i kortet ovanför och tryck på knappen, eller skriv avbryt om du vill sluta.", typed.Text);
    }

    [Fact]
    public async Task EnglishCancel_MidForm_StillEnglish()
    {
        using var host = new FlowHost();
        var jo = host.ChatOf(Jo);
        await jo.SendAsync("profile");

        var turn = await jo.SendAsync("cancel");

        Assert.Equal(Bot.Protocol.Dialogs.DialogRunner.CancelledText, turn.Text);
    }
}
