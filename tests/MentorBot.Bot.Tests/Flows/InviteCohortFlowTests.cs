using System.Collections.Concurrent;
using MentorBot.Bot.Workers;
using MentorBot.Core;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Invitations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using static MentorBot.Bot.Tests.Flows.Cast;

namespace MentorBot.Bot.Tests.Flows;

/// <summary>Decision 0403: an owner invites the people their import listed from chat ("invite participants", "bjud in deltagare").</summary>
public sealed class InviteCohortFlowTests
{
    private const string Link = "https://teams.microsoft.com/l/app/mentorbot-manifest-id";
    private static readonly ProgramId Pilot = new("pilot");

    [Fact]
    public async Task Owner_WithoutInstallPermission_GetsTheLinkToShare_AndEveryoneCountsAsInvited()
    {
        using var host = await SeedAsync(new LinkOnlyInstaller(Link), imported: 6);

        var turn = await host.ChatOf(Kim).SendAsync("invite participants");

        var text = Assert.Single(turn.Texts);
        Assert.Contains("Pilot cohort: I may not add myself to people's Teams", text, StringComparison.Ordinal);
        Assert.Contains("share this link with the 6 people you imported: " + Link, text, StringComparison.Ordinal);
        Assert.Contains("Invited: 6. Joined: 0. Declined: 0. Still to invite: 0.", text, StringComparison.Ordinal);
        Assert.All(await Rows(host), r => Assert.Equal(InvitationState.LinkShared, r.State));
    }

    [Fact]
    public async Task Owner_InSwedish_WithInstallPermission_InstallsEachOnce_AndTypedAgainReportsProgressWithoutRepeating()
    {
        var installer = new CountingInstaller();
        using var host = await SeedAsync(installer, imported: 7);
        var chat = host.ChatOf(Kim, "sv-SE");

        var first = await chat.SendAsync("bjud in deltagare");
        await host.Services.GetRequiredService<InvitationRunner>().RunningFor(Pilot);
        var second = await chat.SendAsync("Bjud in deltagarna");

        Assert.Contains("Pilot cohort: Jag bjuder in 7 importerade personer nu.", Assert.Single(first.Texts), StringComparison.Ordinal);
        Assert.Contains("Kvar att bjuda in: 7.", first.Texts[0], StringComparison.Ordinal);
        var again = Assert.Single(second.Texts);
        Assert.Contains("Alla du importerade är redan inbjudna.", again, StringComparison.Ordinal);
        Assert.Contains("Inbjudna: 7. Har gått med: 0. Har tackat nej: 0. Kvar att bjuda in: 0.", again, StringComparison.Ordinal);
        Assert.Equal(7, installer.Installs.Count);
        Assert.All(installer.Installs.Values, n => Assert.Equal(1, n));
        Assert.All(await Rows(host), r => Assert.Equal(InvitationState.Installed, r.State));
    }

    [Fact]
    public async Task Owner_FewJoinedOrDeclined_ThoseNumbersAreHidden()
    {
        using var host = await SeedAsync(new LinkOnlyInstaller(Link), imported: 6);
        var enrolments = host.Services.GetRequiredService<IEnrolmentStore>();
        await host.ChatOf(Kim).SendAsync("invite participants");
        var stored = (await enrolments.GetAsync(Pilot, Imported(0), CancellationToken.None))!;
        await enrolments.ReplaceAsync(stored.Value.Confirm(FlowHost.Start), stored.ETag, CancellationToken.None);

        var turn = await host.ChatOf(Kim).SendAsync("invite the cohort");

        Assert.Contains("Invited: 6. Joined: fewer than 5. Declined: 0.", Assert.Single(turn.Texts), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotAnOwner_GetsAnHonestNo_AndNobodyIsInvited()
    {
        var installer = new CountingInstaller();
        using var host = await SeedAsync(installer, imported: 6);

        var turn = await host.ChatOf(Jo).SendAsync("invite participants");

        Assert.Contains("Only the people who run a program can invite its participants, so I haven't invited anyone.", Assert.Single(turn.Texts), StringComparison.Ordinal);
        Assert.Empty(await Rows(host));
        Assert.Empty(installer.Installs);
    }

    [Fact]
    public async Task Owner_NoInstallPermissionAndNoLinkConfigured_SaysWhatToSet_AndMarksNobodyInvited()
    {
        using var host = await SeedAsync(new LinkOnlyInstaller(null), imported: 6);

        var turn = await host.ChatOf(Kim).SendAsync("send invitations");

        Assert.Contains("Invitations:TeamsAppId", Assert.Single(turn.Texts), StringComparison.Ordinal);
        Assert.All(await Rows(host), r => Assert.Equal(InvitationState.Pending, r.State));
    }

    private static UserId Imported(int i) => new($"imported-{i}");

    private static async Task<IReadOnlyList<Invitation>> Rows(FlowHost host) =>
        [.. (await host.Services.GetRequiredService<IInvitationStore>().ListAsync(Pilot, CancellationToken.None)).Select(r => r.Value)];

    private static async Task<FlowHost> SeedAsync(IAppInstaller installer, int imported)
    {
        var host = await new FlowHost(services => services.Replace(ServiceDescriptor.Singleton(installer))).SeedAsync();
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(
            new MentoringProgram(
                Pilot,
                "Pilot cohort",
                new ProgramGoals("Leaders learn data tools; juniors learn how the business works", []),
                new CohortDates(new LocalDate(2026, 11, 1), new LocalDate(2027, 4, 30)),
                new MeetingDefaults(2, TimeSpan.FromMinutes(30)),
                MentoringProgram.DefaultReOfferWindow,
                [Kim.Id]),
            CancellationToken.None);
        var enrolments = host.Services.GetRequiredService<IEnrolmentStore>();
        for (var i = 0; i < imported; i++)
        {
            await enrolments.InsertAsync(Enrolment.Invite(Pilot, Imported(i), FlowHost.Start), CancellationToken.None);
        }

        return host;
    }

    private sealed class CountingInstaller : IAppInstaller
    {
        public ConcurrentDictionary<UserId, int> Installs { get; } = new();

        public bool CanInstall => true;

        public string? ShareLink => null;

        public Task<InstallResult> InstallAsync(UserId person, CancellationToken cancellationToken)
        {
            Installs.AddOrUpdate(person, 1, (_, n) => n + 1);
            return Task.FromResult(InstallResult.Installed);
        }
    }
}
