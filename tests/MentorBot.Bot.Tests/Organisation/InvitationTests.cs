using System.Diagnostics;
using System.Globalization;
using MentorBot.Core;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Invitations;
using MentorBot.Core.Skills;
using MentorBot.Testing;
using NodaTime;

namespace MentorBot.Bot.Tests.Organisation;

/// <summary>Inviting a cohort (decision 0373): installs through Graph, once per person, paced, resumable after a crash.</summary>
public sealed class InvitationTests : IAsyncLifetime
{
    private static readonly UserId Owner = new("owner-1");
    private static readonly ProgramId Program = new("cohort-2027");

    private LoopbackGraphDirectory _graph = null!;

    public async Task InitializeAsync() => _graph = await LoopbackGraphDirectory.StartAsync();

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    [Fact]
    public async Task Invite_WithInstallPermission_InstallsEachPersonOnceThroughThrottling_AndASecondRunSendsNothing()
    {
        _graph.AddRange(Enumerable.Range(0, 40).Select(i => new StubUser(Person(i))));
        _graph.Throttle = (route, n) => route == "install" && n is 10 or 11 or 25;
        using var host = new OrganisationHost(_graph);
        await SeedAsync(host, 40);
        await host.Get<IEnrolmentStore>().InsertAsync(Enrolment.SelfEnrol(Program, new UserId("volunteer"), DateTimeOffset.UtcNow), CancellationToken.None);
        var service = host.Get<InvitationService>();

        var first = Assert.IsType<InviteOutcome.Done>(await service.InviteAsync(Program, Owner, CancellationToken.None));
        var second = Assert.IsType<InviteOutcome.Done>(await service.InviteAsync(Program, Owner, CancellationToken.None));

        Assert.Equal((40, 0, 0, 0), (first.Installed, first.AlreadyDone, first.Pending, first.Failed));
        Assert.Null(first.ShareLink);
        Assert.Equal((0, 40), (second.Installed, second.AlreadyDone));
        Assert.Equal(43, _graph.Count("install"));
        Assert.Equal(3, _graph.Throttled["install"]);
        Assert.Equal(40, _graph.Installs.Count);
        Assert.All(_graph.Installs.Values, n => Assert.Equal(1, n));
        Assert.False(_graph.Installs.ContainsKey("volunteer"));
        Assert.Equal(3, host.Lines.Count(l => l.Contains("Graph throttled teamwork/installedApps (429); waiting 1 s", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Invite_IsPacedAtTheConfiguredRate_TenInstallsAtTenPerSecondSpanNineSpacings()
    {
        _graph.AddRange(Enumerable.Range(0, 10).Select(i => new StubUser(Person(i))));
        using var host = new OrganisationHost(_graph, settings: new() { ["Invitations:InstallsPerSecond"] = "10" });
        await SeedAsync(host, 10);
        var start = Stopwatch.GetTimestamp();

        var done = Assert.IsType<InviteOutcome.Done>(await host.Get<InvitationService>().InviteAsync(Program, Owner, CancellationToken.None));

        // A lower bound only (a loaded machine spaces them further apart, never closer): the tenth install cannot be
        // sent before nine spacings of 100 ms have passed since the first; unpaced, ten loopback installs take a few ms.
        Assert.Equal(10, done.Installed);
        var arrivals = _graph.InstallArrivals.ToArray();
        Assert.Equal(10, arrivals.Length);
        var span = Stopwatch.GetElapsedTime(start, arrivals[^1]);
        Assert.True(span >= TimeSpan.FromMilliseconds(900), $"Ten installs at 10 per second within {span.TotalMilliseconds:0} ms.");
    }

    [Fact]
    public async Task Invite_WithoutGraph_MarksEveryoneLinkSharedAndGivesTheOwnerTheLink_NoGraphCall()
    {
        using var host = new OrganisationHost(_graph, graphOn: false);
        await SeedAsync(host, 12);

        var done = Assert.IsType<InviteOutcome.Done>(await host.Get<InvitationService>().InviteAsync(Program, Owner, CancellationToken.None));

        Assert.Equal("https://teams.microsoft.com/l/app/mentorbot-manifest-id", done.ShareLink);
        Assert.Equal(12, done.AlreadyDone);
        Assert.Equal(0, _graph.Requests.Values.Sum());
        Assert.All(await host.Get<IInvitationStore>().ListAsync(Program, CancellationToken.None), r => Assert.Equal(InvitationState.LinkShared, r.Value.State));
    }

    [Fact]
    public async Task Invite_ByAnyoneButAnOwner_IsRefused()
    {
        using var host = new OrganisationHost(_graph);
        await SeedAsync(host, 5);

        var outcome = await host.Get<InvitationService>().InviteAsync(Program, new UserId("person-0"), CancellationToken.None);

        Assert.IsType<InviteOutcome.NotAllowed>(outcome);
        Assert.Empty(await host.Get<IInvitationStore>().ListAsync(Program, CancellationToken.None));
    }

    [Fact]
    public async Task Summary_InvitedJoinedDeclined_HidesGroupsUnderFive()
    {
        _graph.AddRange(Enumerable.Range(0, 12).Select(i => new StubUser(Person(i))));
        using var host = new OrganisationHost(_graph);
        await SeedAsync(host, 12);
        var service = host.Get<InvitationService>();
        await service.InviteAsync(Program, Owner, CancellationToken.None);
        var enrolments = host.Get<IEnrolmentStore>();
        for (var i = 0; i < 8; i++)
        {
            var stored = (await enrolments.GetAsync(Program, new UserId(Person(i)), CancellationToken.None))!;
            var changed = i < 6 ? stored.Value.Confirm(DateTimeOffset.UtcNow) : stored.Value.Decline(DateTimeOffset.UtcNow);
            await enrolments.ReplaceAsync(changed, stored.ETag, CancellationToken.None);
        }

        var summary = await service.SummarizeAsync(Program, CancellationToken.None);

        Assert.True(summary.Invited.TryGetValue(out var invited) && invited == 12);
        Assert.True(summary.Joined.TryGetValue(out var joined) && joined == 6);
        Assert.True(summary.Declined.IsSuppressed);
    }

    [Fact]
    public async Task InviteFiveHundred_KilledHalfWayThroughThrottling_ResumesInANewProcessWithoutDuplicates()
    {
        const int people = 500;
        _graph.AddRange(Enumerable.Range(0, people).Select(i => new StubUser(Person(i))));
        _graph.Throttle = (route, n) => route == "install" && n % 97 == 0;
        var folder = Path.Combine(Path.GetTempPath(), "mentorbot-invite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using (var host = new OrganisationHost(_graph, dataFolder: folder))
            {
                await SeedAsync(host, people);
            }

            // First process: killed (SIGKILL, no shutdown) while its 260th install request is in flight: Graph has
            // installed the app, the process never hears so and never records it.
            var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _graph.HoldAfterInstall = async n =>
            {
                if (n == 260)
                {
                    inFlight.TrySetResult();
                    await release.Task;
                }
            };
            using (var first = StartInviter(folder))
            {
                var reached = await Task.WhenAny(inFlight.Task, first.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
                Assert.True(reached == inFlight.Task, "The inviter never got half-way: " + await first.StandardError.ReadToEndAsync());
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
                release.SetResult();
            }

            var killedAt = _graph.Installs.Count;
            Assert.Equal(258, killedAt); // 260 requests, 2 of them answered 429

            // Second process: resumes from the rows, finishes, and never installs anyone twice.
            using var second = StartInviter(folder);
            var output = await second.StandardOutput.ReadToEndAsync();
            await second.WaitForExitAsync();
            Assert.True(second.ExitCode == 0, "The resumed inviter failed: " + await second.StandardError.ReadToEndAsync());

            Assert.Equal(people, _graph.Installs.Count);
            Assert.All(_graph.Installs.Values, n => Assert.Equal(1, n));
            Assert.True(_graph.Throttled["install"] >= 3, "429s were answered in the middle of the run");

            // A row written before the kill is never sent again; only the install in flight when it died is sent again (409).
            var repeats = _graph.InstallAttempts.Values.Sum() - people - _graph.Throttled["install"];
            Assert.Equal(1, repeats);
            var resumedInstalled = int.Parse(output.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            Assert.Equal(people - killedAt, resumedInstalled);

            using var check = new OrganisationHost(_graph, dataFolder: folder);
            var rows = await check.Get<IInvitationStore>().ListAsync(Program, CancellationToken.None);
            Assert.Equal(people, rows.Count);
            Assert.All(rows, r => Assert.Equal(InvitationState.Installed, r.Value.State));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private Process StartInviter(string folder)
    {
        // The writer's own build output (same configuration and framework as this test assembly).
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var writer = Manifest.RepositoryRoot.Combine("tests", "MentorBot.Storage.Writer", "bin", testBin.Parent!.Name, testBin.Name, "MentorBot.Storage.Writer.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { writer, "invite", folder, _graph.BaseUrl.ToString(), Program.Value, Owner.AadObjectId, "400" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("The inviter did not start.");
    }

    private static string Person(int i) => $"person-{i}";

    private static async Task SeedAsync(OrganisationHost host, int count)
    {
        var program = new MentoringProgram(
            Program, "Cohort 2027", new ProgramGoals("Learn from each other", [new SkillId("generative-ai")]),
            new CohortDates(new LocalDate(2027, 1, 1), new LocalDate(2027, 6, 30)), new MeetingDefaults(2, TimeSpan.FromMinutes(30)),
            MentoringProgram.DefaultReOfferWindow, [Owner]);
        await host.Get<IProgramStore>().InsertAsync(program, CancellationToken.None);
        var enrolments = host.Get<IEnrolmentStore>();
        for (var i = 0; i < count; i++)
        {
            await enrolments.InsertAsync(Enrolment.Invite(Program, new UserId(Person(i)), DateTimeOffset.UtcNow), CancellationToken.None);
        }
    }
}
