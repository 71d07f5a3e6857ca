using MentorBot.Bot.Cards.Actions;
using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Proactive;
using MentorBot.Core.Privacy;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>Forget me from chat reaches what only the chat knows: other chats' dialog state, both references (0290, 0291).</summary>
public sealed class ForgetMeErasureFlowTests
{
    [Fact]
    public async Task ForgetMe_FromTheirChat_ErasesTheirDialogStateInAGroupChatAndKeepsOthers()
    {
        using var host = await new FlowHost().SeedAsync();
        var jo = host.ChatOf(Jo);
        await jo.SendAsync("hello");
        var dialogs = host.Services.GetRequiredService<IDialogStateStore>();
        var joInGroup = new DialogStateKey("msteams", "19:team-chat@thread.v2", Jo.TeamsId);
        var kimInGroup = new DialogStateKey("msteams", "19:team-chat@thread.v2", Kim.TeamsId);
        await dialogs.SaveAsync(joInGroup, """{"typed":"Jo's half-typed goal"}""", null, CancellationToken.None);
        await dialogs.SaveAsync(kimInGroup, """{"typed":"Kim's half-typed goal"}""", null, CancellationToken.None);

        await jo.SendAsync("forget me");
        await jo.InvokeAsync(CardVerbs.ConfirmForgetMe);

        Assert.Null(await dialogs.LoadAsync(joInGroup, CancellationToken.None));
        Assert.NotNull(await dialogs.LoadAsync(kimInGroup, CancellationToken.None));
        Assert.Null(await host.Services.GetRequiredService<IConversationReferenceStore>().GetAsync(PersonKey.From(Jo.Id), CancellationToken.None));
        Assert.True(await host.Services.GetRequiredService<ISuppressionList>().ContainsAsync(Jo.Id, CancellationToken.None));
    }

    [Fact]
    public async Task ForgetMe_ThenMessagingTheBotAgain_LiftsTheSuppression()
    {
        using var host = await new FlowHost().SeedAsync();
        var jo = host.ChatOf(Jo);
        await jo.SendAsync("forget me");
        await jo.InvokeAsync(CardVerbs.ConfirmForgetMe);
        var suppressed = await host.Services.GetRequiredService<ISuppressionList>().ContainsAsync(Jo.Id, CancellationToken.None);

        await jo.SendAsync("hello again");

        Assert.True(suppressed);
        Assert.False(await host.Services.GetRequiredService<ISuppressionList>().ContainsAsync(Jo.Id, CancellationToken.None));
    }
}
