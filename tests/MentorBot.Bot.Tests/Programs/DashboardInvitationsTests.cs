using System.Net;
using MentorBot.Bot.Workers;
using MentorBot.Core;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// Decision 0373 through the host: an owner invites their imported people (POST /programs/{id}/invitations) and the
/// page shows invited / joined / declined, each hidden under five people (0102).
/// </summary>
public sealed class DashboardInvitationsTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    [Fact]
    public async Task Invite_ThenSomeJoinAndFewDecline_PageShowsCountsWithTheSmallOneHidden()
    {
        var id = new ProgramId("p-invitations");
        var owner = Person(960);
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(Program(id, "Invitations pilot", owner), CancellationToken.None);
        var enrolments = host.Services.GetRequiredService<IEnrolmentStore>();
        var people = Enumerable.Range(961, 8).Select(Person).ToList();
        foreach (var person in people)
        {
            await enrolments.InsertAsync(Enrolment.Invite(id, person, DateTimeOffset.UtcNow), CancellationToken.None);
        }

        using var client = host.ClientAs(null);
        using (var refused = await client.PostAsync($"/programs/{id.Value}/invitations?as={people[0].AadObjectId}", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var started = await client.PostAsync($"/programs/{id.Value}/invitations?as={owner.AadObjectId}", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        await host.Services.GetRequiredService<InvitationRunner>().RunningFor(id);
        for (var i = 0; i < 7; i++)
        {
            var stored = (await enrolments.GetAsync(id, people[i], CancellationToken.None))!;
            await enrolments.ReplaceAsync(i < 5 ? stored.Value.Confirm(DateTimeOffset.UtcNow) : stored.Value.Decline(DateTimeOffset.UtcNow), stored.ETag, CancellationToken.None);
        }

        var html = await client.GetStringAsync($"/programs/{id.Value}?as={owner.AadObjectId}");

        Assert.Contains("""id="invited">8</div>""", html, StringComparison.Ordinal);
        Assert.Contains("""id="invitations-joined">5</div>""", html, StringComparison.Ordinal);
        Assert.Contains("""id="invitations-declined">fewer than 5 people — hidden</div>""", html, StringComparison.Ordinal);
    }
}
