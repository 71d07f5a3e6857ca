using System.Net;
using System.Text;
using System.Text.Json;
using MentorBot.Core.Privacy;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// An owner's participant file must not bring back someone who asked MentorBot to forget them (decision 0291): the
/// import skips them, says so by line only, and only the person coming back to the bot lifts that.
/// </summary>
public sealed class ImportAfterForgetMeTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    private const string Header = "name,email,aad_object_id,department,manager,career_level,time_zone,skills_offered,skills_wanted,role,capacity,languages";

    [Fact]
    public async Task Import_AfterForgetMe_DoesNotRecreateThePersonAndReportsTheLineOnly()
    {
        var program = await NewProgramAsync();
        var (dana, danaRow) = Person(program, "Dana Forgotten", "dana");
        var (eli, eliRow) = Person(program, "Eli Staying", "eli");
        using var client = host.ClientAs(Owner);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, program, danaRow, eliRow)).StatusCode);
        await host.Services.GetRequiredService<ForgetMeService>().ForgetAsync(dana, CancellationToken.None);

        var response = await PostAsync(client, program, danaRow, eliRow);
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await host.Services.GetRequiredService<IProfileStore>().GetAsync(dana, CancellationToken.None));
        Assert.Null(await host.Services.GetRequiredService<IEnrolmentStore>().GetAsync(program, dana, CancellationToken.None));
        Assert.NotNull(await host.Services.GetRequiredService<IEnrolmentStore>().GetAsync(program, eli, CancellationToken.None));
        Assert.Equal([2], json.GetProperty("skippedErasedLines").EnumerateArray().Select(l => l.GetInt32()));
        Assert.Equal(1, json.GetProperty("participants").GetInt32());
        Assert.DoesNotContain("Dana", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(dana.AadObjectId, body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Import_AfterThePersonCameBack_InvitesThemAgain()
    {
        var program = await NewProgramAsync();
        var (dana, danaRow) = Person(program, "Dana Returning", "dana");
        await host.Services.GetRequiredService<ForgetMeService>().ForgetAsync(dana, CancellationToken.None);
        await host.Services.GetRequiredService<ISuppressionList>().RemoveAsync(dana, CancellationToken.None);
        using var client = host.ClientAs(Owner);

        var response = await PostAsync(client, program, danaRow);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EnrolmentState.Invited, (await host.Services.GetRequiredService<IEnrolmentStore>().GetAsync(program, dana, CancellationToken.None))!.Value.State);
    }

    private async Task<ProgramId> NewProgramAsync()
    {
        var id = new ProgramId("p-erased-" + Guid.NewGuid().ToString("N")[..8]);
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(Program(id, "Erasure " + id.Value, Owner), CancellationToken.None);
        return id;
    }

    // Each test's people are unique to its program, since the tests share one host.
    private static (UserId Id, string Row) Person(ProgramId program, string name, string handle)
    {
        var id = new UserId(Guid.NewGuid().ToString("D"));
        return (id, $"{name},{handle}@{program.Value}.contoso.com,{id.AadObjectId},Sales,,5,Europe/London,,\"power-bi:1>3\",learn,1,en");
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, ProgramId program, params string[] rows) =>
        client.PostAsync(
            $"/programs/{program.Value}/participants/import?dryRun=false",
            new StringContent(string.Join("\r\n", [Header, .. rows]) + "\r\n", Encoding.UTF8, "text/csv"));
}
