using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Storage.Programs;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Skills;
using Microsoft.Extensions.Options;
using NodaTime;
using MentorBot.Core;

namespace MentorBot.Bot.Tests.CheckIns;

/// <summary>A thank-you reaches a manager only where the organisation opted in: per program, or the default outside programs.</summary>
public sealed class ManagerCopyRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("allows", false, true)]
    [InlineData("refuses", true, false)]
    [InlineData("missing", true, false)]
    [InlineData(null, true, true)]
    [InlineData(null, false, false)]
    public async Task AllowedAsync_ProgramSwitchWins_DefaultOnlyOutsidePrograms(string? program, bool defaultAllowed, bool expected)
    {
        var engine = new InMemoryTableEngine("programs", TimeProvider.System);
        await engine.GetTable(TableProgramStore.TableName).CreateIfNotExistsAsync(CancellationToken.None);
        var programs = new TableProgramStore(engine);
        await programs.InsertAsync(Program("allows", copy: true), CancellationToken.None);
        await programs.InsertAsync(Program("refuses", copy: false), CancellationToken.None);
        var rules = new ManagerCopyRules(programs, Options.Create(new CheckInOptions { ManagersMayBeCopied = defaultAllowed }));
        var pairing = Mentorship.Start(
            new MentorshipId("m-1"), new UserId("sven"), new UserId("nia"), new SkillId("power-bi"),
            program is null ? null : new ProgramId(program), Start, Start.AddMonths(3), Cadence.Default).Unwrap();

        Assert.Equal(expected, await rules.AllowedAsync(pairing, CancellationToken.None));
    }

    private static MentoringProgram Program(string id, bool copy) => new(
        new ProgramId(id),
        id,
        new ProgramGoals("Learn from each other", []),
        new CohortDates(new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31)),
        new MeetingDefaults(2, TimeSpan.FromMinutes(30)),
        MentoringProgram.DefaultReOfferWindow,
        [new UserId("owner")],
        copy);
}
