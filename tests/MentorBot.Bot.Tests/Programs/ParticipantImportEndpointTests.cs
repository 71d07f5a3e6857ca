using System.Net;
using System.Text;
using System.Text.Json;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;
using static MentorBot.Bot.Tests.Programs.SeededProgram;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// <c>POST /programs/{id}/participants/import</c>: the host runs Core's all-or-nothing check (decision 0101). The
/// host under test accepts at most 4 KB (<c>Programs:MaxImportBytes</c>). Each test imports into its own program.
/// </summary>
public sealed class ParticipantImportEndpointTests(ProgramHost host) : IClassFixture<ProgramHost>
{
    private const string Header = "name,email,aad_object_id,department,manager,career_level,time_zone,skills_offered,skills_wanted,role,capacity,languages";
    private const string AdaId = "11111111-1111-1111-1111-111111111111";
    private const string BenId = "22222222-2222-2222-2222-222222222222";
    private const string Ada = "Ada Lovelace,ada@contoso.com," + AdaId + ",Sales,,12,Europe/London,,\"power-bi:1>3; short-form-video:0>2\",learn,1,en";
    private const string Ben = "Ben Okafor,ben@contoso.com," + BenId + ",Marketing,ada@contoso.com,2,W. Europe Standard Time,\"Power BI:4; short-form-video:3\",,teach,2,\"en; de\"";

    [Fact]
    public async Task GoodFile_DryRun_ReportsEveryoneAndSavesNothing()
    {
        var program = await NewProgramAsync();
        using var client = host.ClientAs(Owner);

        var response = await PostAsync(client, program, Csv(Ada, Ben), dryRun: true);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(json.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, json.GetProperty("participants").GetInt32());
        Assert.Equal(2, json.GetProperty("newlyInvited").GetInt32());
        Assert.Empty(await Enrolments.ListAsync(program, CancellationToken.None));
        Assert.Null(await Profiles.GetAsync(Fresh(program, AdaId), CancellationToken.None));
    }

    [Fact]
    public async Task GoodFile_Imported_InvitesEveryoneAndKeepsAnExistingConsent()
    {
        var program = await NewProgramAsync();
        var benUser = Fresh(program, BenId);
        await Enrolments.InsertAsync(Enrolment.SelfEnrol(program, benUser, Now.AddDays(-1)), CancellationToken.None);
        using var client = host.ClientAs(Owner);

        var response = await PostAsync(client, program, Csv(Ada, Ben), dryRun: false);
        var enrolled = (await Enrolments.ListAsync(program, CancellationToken.None)).ToDictionary(e => e.Value.Person, e => e.Value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EnrolmentState.Invited, enrolled[Fresh(program, AdaId)].State);
        Assert.Equal(EnrolmentOrigin.Imported, enrolled[Fresh(program, AdaId)].Origin);
        Assert.Equal(EnrolmentState.Consented, enrolled[benUser].State);
        Assert.Equal("Ada Lovelace", (await Profiles.GetAsync(Fresh(program, AdaId), CancellationToken.None))!.Value.DisplayName);
    }

    [Theory]
    [InlineData("Cleo Diaz,not-an-email,33333333-3333-3333-3333-333333333333,Finance,,3,Europe/Paris,,,learn,1,en", "BadEmail", "email")]
    [InlineData("Cleo Diaz,cleo@contoso.com,33333333-3333-3333-3333-333333333333,Finance,,3,Mars/Olympus,,,learn,1,en", "UnknownTimeZone", "time_zone")]
    [InlineData("Cleo Diaz,cleo@contoso.com,33333333-3333-3333-3333-333333333333,Finance,,3,Europe/Paris,underwater-basketry:3,,teach,1,en", "UnknownSkill", "skills_offered")]
    [InlineData("Cleo Diaz,cleo@contoso.com,33333333-3333-3333-3333-333333333333,Finance,,3,Europe/Paris,power-bi:9,,teach,1,en", "LevelOutOfRange", "skills_offered")]
    [InlineData(",cleo@contoso.com,33333333-3333-3333-3333-333333333333,Finance,,3,Europe/Paris,,,learn,1,en", "MissingField", "name")]
    [InlineData("Cleo Diaz,cleo@contoso.com," + AdaId + ",Finance,,3,Europe/Paris,,,learn,1,en", "DuplicateAadObjectId", "aad_object_id")]
    [InlineData("Cleo Diaz,cleo@contoso.com,33333333-3333-3333-3333-333333333333,Finance,nobody@contoso.com,3,Europe/Paris,,,learn,1,en", "ManagerNotFound", "manager")]
    [InlineData("Cleo Diaz,cleo@contoso.com,33333333-3333-3333-3333-333333333333,Finance,,3,Europe/Paris,,,sometimes,1,en", "InvalidValue", "role")]
    public async Task BadRow_Refused400_ListsItsLineAndReason_AndImportsNobody(string badRow, string kind, string column)
    {
        var program = await NewProgramAsync();
        using var client = host.ClientAs(Owner);

        var response = await PostAsync(client, program, Csv(Ada, badRow, Ben), dryRun: false);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = Assert.Single(json.GetProperty("problems").EnumerateArray());
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Equal(kind, problem.GetProperty("kind").GetString());
        Assert.Equal(column, problem.GetProperty("column").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("message").GetString()));
        Assert.Empty(await Enrolments.ListAsync(program, CancellationToken.None));
        Assert.Null(await Profiles.GetAsync(Fresh(program, AdaId), CancellationToken.None));
    }

    [Fact]
    public async Task SeveralBadRows_EachIsListedWithItsOwnLine()
    {
        var program = await NewProgramAsync();
        using var client = host.ClientAs(Owner);
        var badEmail = "Cleo Diaz,nope,33333333-3333-3333-3333-333333333333,Finance,,3,Europe/Paris,,,learn,1,en";
        var badZone = "Dan Wu,dan@contoso.com,44444444-4444-4444-4444-444444444444,Finance,,3,Atlantis/Deep,,,learn,1,en";

        var response = await PostAsync(client, program, Csv(Ada, badEmail, Ben, badZone), dryRun: true);
        var problems = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("kind").GetString())).ToList();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([(3, "BadEmail"), (5, "UnknownTimeZone")], problems);
    }

    [Fact]
    public async Task FileAboveTheLimit_Refused413()
    {
        var program = await NewProgramAsync();
        using var client = host.ClientAs(Owner);
        var rows = Enumerable.Range(0, 60).Select(i => $"Person {i},p{i}@contoso.com,{Guid.NewGuid()},Sales,,3,Europe/Paris,,,learn,1,en");

        var response = await PostAsync(client, program, Csv([.. rows]), dryRun: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task NotCsv_Refused415()
    {
        var program = await NewProgramAsync();
        using var client = host.ClientAs(Owner);

        var response = await client.PostAsync($"/programs/{program.Value}/participants/import", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private IEnrolmentStore Enrolments => host.Services.GetRequiredService<IEnrolmentStore>();

    private IProfileStore Profiles => host.Services.GetRequiredService<IProfileStore>();

    private async Task<ProgramId> NewProgramAsync()
    {
        var id = new ProgramId("p-import-" + Guid.NewGuid().ToString("N")[..8]);
        await host.Services.GetRequiredService<IProgramStore>().InsertAsync(Program(id, "Import " + id.Value, Owner), CancellationToken.None);
        return id;
    }

    private static string Csv(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    // Tests share one host, so each program's file gets its own people: the constant ids become ids unique to the program.
    private static UserId Fresh(ProgramId program, string id) =>
        new(id[..24] + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(program.Value + id)))[..12].ToLowerInvariant());

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, ProgramId program, string csv, bool dryRun) =>
        client.PostAsync(
            $"/programs/{program.Value}/participants/import?dryRun={(dryRun ? "true" : "false")}",
            new StringContent(
                csv.Replace(AdaId, Fresh(program, AdaId).AadObjectId, StringComparison.Ordinal)
                    .Replace(BenId, Fresh(program, BenId).AadObjectId, StringComparison.Ordinal)
                    .Replace("@contoso.com", "@" + program.Value + ".contoso.com", StringComparison.Ordinal),
                Encoding.UTF8,
                "text/csv"));
}
