using System.Net;
using System.Text.Json;
using MentorBot.Core.Programs;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

public sealed class DefaultProgramSeedingTests
{
    [Fact]
    public async Task FirstStart_WithConfiguredOwner_CreatesTheDefaultProgramForThem()
    {
        await using var factory = ProgramHost.Create(
            new()
            {
                ["MicrosoftAppId"] = "",
                ["Programs:Default:Id"] = "leadership",
                ["Programs:Default:Name"] = "Leadership cohort",
                ["Programs:Default:Owners:0"] = Owner.AadObjectId,
                ["Programs:Default:TargetSkills:0"] = "power-bi",
                ["Programs:Default:CohortStart"] = "2026-09-01",
            },
            new ManualTimeProvider(Now));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-MentorBot-As", Owner.AadObjectId);

        var listed = JsonDocument.Parse(await client.GetStringAsync("/programs")).RootElement;
        var stored = (await factory.Services.GetRequiredService<IProgramStore>().GetAsync(new ProgramId("leadership"), CancellationToken.None))!.Value;

        Assert.Equal(["leadership"], listed.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.Equal("Leadership cohort", stored.Name);
        Assert.Equal("2027-09-01", stored.Cohort.End.ToString("yyyy-MM-dd", null));
        Assert.Empty(stored.Validate());
    }

    [Fact]
    public async Task NoOwnersConfigured_NothingIsSeeded_AndNobodySeesAnything()
    {
        await using var factory = ProgramHost.Create(new() { ["MicrosoftAppId"] = "" }, new ManualTimeProvider(Now));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-MentorBot-As", Owner.AadObjectId);

        var response = await client.GetAsync("/programs");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await factory.Services.GetRequiredService<IProgramStore>().ListAsync(CancellationToken.None));
    }
}
