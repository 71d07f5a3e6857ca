using MentorBot.Core.Organisation;
using MentorBot.Core.Profiles;
using MentorBot.Core.Skills;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>
/// Decision 0404: a person's own profile form shows what the organisation's directory says about them, marked as
/// such, only in their 1:1 chat; without a directory entry the form is as before.
/// </summary>
public sealed class ProfileDirectoryFlowTests
{
    [Fact]
    public async Task Profile_WithADirectoryEntry_ShowsItMarkedAsTheDirectorys_WithTheManagersNameWhenTheyUseMentorBot()
    {
        using var host = await new FlowHost().SeedAsync();
        await host.Services.GetRequiredService<IDirectoryStore>().SaveAsync(
            new DirectoryEntry(Jo.Id, Sam.Id, "Marketing", "Analyst", "Stockholm HQ", "sv-SE", "W. Europe Standard Time", true, FlowHost.Start),
            CancellationToken.None);

        var turn = await host.ChatOf(Jo).SendAsync("profile");

        var text = FlowCards.VisibleText(turn.Card);
        Assert.Contains("From your organisation's directory", text, StringComparison.Ordinal);
        Assert.Contains("Analyst", text, StringComparison.Ordinal);
        Assert.Contains("Stockholm HQ", text, StringComparison.Ordinal);
        Assert.Contains("Sam Senior", text, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", text, StringComparison.Ordinal);
        Assert.Contains("the directory never changes them", text, StringComparison.Ordinal);

        // The mailbox zone is offered in the picker, never chosen for the person.
        var zone = turn.Card.ToJsonString();
        Assert.Contains("\"value\":\"Europe/Berlin\"", zone.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_ManagerWithoutAProfile_IsSaidToBeSetWithoutAName_InSwedish()
    {
        using var host = await new FlowHost().SeedAsync();
        await host.Services.GetRequiredService<IDirectoryStore>().SaveAsync(
            new DirectoryEntry(Jo.Id, new UserId("manager-without-profile"), "Marketing", null, null, null, null, false, FlowHost.Start),
            CancellationToken.None);

        var turn = await host.ChatOf(Jo, "sv-SE").SendAsync("profil");

        var text = FlowCards.VisibleText(turn.Card);
        Assert.Contains("Från din organisations katalog", text, StringComparison.Ordinal);
        Assert.Contains("angiven (använder inte MentorBot)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("manager-without-profile", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_WithoutADirectoryEntry_HasNoDirectorySection()
    {
        using var host = await new FlowHost().SeedAsync();

        var turn = await host.ChatOf(Jo).SendAsync("profile");

        Assert.DoesNotContain("organisation's directory", FlowCards.VisibleText(turn.Card), StringComparison.Ordinal);
    }
}
