using System.Text;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Import;
using MentorBot.Core.Skills;

namespace MentorBot.Core.Tests.Programs;

public sealed class ParticipantCsvImportTests
{
    private static readonly ProgramId Program = new("p-1");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private const string Header = "name,email,aad_object_id,department,manager,career_level,time_zone,skills_offered,skills_wanted,role,capacity,languages";
    private const string AdaId = "11111111-1111-1111-1111-111111111111";
    private const string BenId = "22222222-2222-2222-2222-222222222222";
    private const string CleoId = "33333333-3333-3333-3333-333333333333";
    private const string Ada = "Ada Lovelace,ada@contoso.com," + AdaId + ",Sales,,12,Europe/London,,\"power-bi:1>3; tiktok:0>2\",learn,1,en";
    private const string Ben = "Ben Okafor,ben@contoso.com," + BenId + ",Marketing,ada@contoso.com,2,W. Europe Standard Time,\"Power BI:4; tiktok:3\",,teach,2,\"en; de\"";
    private const string Cleo = "Cleo Diaz,cleo@contoso.com," + CleoId + ",Finance," + AdaId + ",3,America/New_York,excel:4,power-bi:2>4,both,,en";

    private static ParticipantCsvImport Importer(ImportLimits? limits = null) =>
        new(new FakeSkillLookup(), limits ?? ImportLimits.Default);

    private static ImportOutcome DryRun(string csv, KnownPeople? known = null, ImportLimits? limits = null) =>
        Importer(limits).DryRun(Encoding.UTF8.GetBytes(csv), Program, known ?? KnownPeople.None, Now);

    private static string File(params string[] lines) => string.Join("\n", lines) + "\n";

    private static IReadOnlyList<ImportedParticipant> Ready(ImportOutcome outcome) =>
        Assert.IsType<ImportOutcome.Ready>(outcome).Participants;

    private static IReadOnlyList<ImportProblem> Rejected(ImportOutcome outcome) =>
        Assert.IsType<ImportOutcome.Rejected>(outcome).Problems;

    [Fact]
    public void DryRun_GoodFile_ReturnsEveryoneAsInvitedProfiles()
    {
        var participants = Ready(DryRun(File(Header, Ada, Ben, Cleo)));

        Assert.Equal([2, 3, 4], participants.Select(p => p.Line));
        Assert.All(participants, p => Assert.Equal(Enrolment.Invite(Program, p.Profile.Id, Now), p.Enrolment));
        Assert.All(participants, p => Assert.False(p.Enrolment.MayBeMatched));
        var ben = participants[1].Profile;
        Assert.Equal(new UserId(BenId), ben.Id);
        Assert.Equal("Ben Okafor", ben.DisplayName);
        Assert.Equal("Europe/Berlin", ben.TimeZoneId);
        Assert.Equal(new UserId(AdaId), ben.ManagerId);
        Assert.Equal(ProgramRole.Teach, ben.Role);
        Assert.Equal(2, ben.Capacity);
        Assert.Equal(["en", "de"], ben.Languages);
        Assert.Equal([new OfferedSkill(new SkillId("power-bi"), SkillLevel.Expert), new OfferedSkill(new SkillId("tiktok"), SkillLevel.Practitioner)], ben.Offers);
        var ada = participants[0].Profile;
        Assert.Equal(new CareerLevel(12), ada.Level);
        Assert.Equal([new WantedSkill(new SkillId("power-bi"), SkillLevel.Aware, SkillLevel.Practitioner), new WantedSkill(new SkillId("tiktok"), SkillLevel.None, SkillLevel.Working)], ada.Wants);
        Assert.Null(ada.ManagerId);
        var cleo = participants[2].Profile;
        Assert.Equal(new UserId(AdaId), cleo.ManagerId);
        Assert.Equal(1, cleo.Capacity);
    }

    [Theory]
    [InlineData("Dan,,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,,learn,1,en", ImportProblemKind.MissingField, "email")]
    [InlineData(",dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,,learn,1,en", ImportProblemKind.MissingField, "name")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,,,,learn,1,en", ImportProblemKind.MissingField, "time_zone")]
    [InlineData("Dan,dan.contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,,learn,1,en", ImportProblemKind.BadEmail, "email")]
    [InlineData("Dan,dan@contoso,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,,learn,1,en", ImportProblemKind.BadEmail, "email")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Mars/Olympus_Mons,,,learn,1,en", ImportProblemKind.UnknownTimeZone, "time_zone")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,knitting:3,,teach,1,en", ImportProblemKind.UnknownSkill, "skills_offered")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,knitting:1>2,learn,1,en", ImportProblemKind.UnknownSkill, "skills_wanted")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,power-bi:5,,teach,1,en", ImportProblemKind.LevelOutOfRange, "skills_offered")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,power-bi:0,,teach,1,en", ImportProblemKind.LevelOutOfRange, "skills_offered")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,tiktok:3>2,learn,1,en", ImportProblemKind.LevelOutOfRange, "skills_wanted")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,tiktok:1>9,learn,1,en", ImportProblemKind.LevelOutOfRange, "skills_wanted")]
    [InlineData("Dan,dan@contoso.com," + AdaId + ",Sales,,3,Europe/Paris,,,learn,1,en", ImportProblemKind.DuplicateAadObjectId, "aad_object_id")]
    [InlineData("Dan,ADA@Contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,,learn,1,en", ImportProblemKind.DuplicateEmail, "email")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,boss@contoso.com,3,Europe/Paris,,,learn,1,en", ImportProblemKind.ManagerNotFound, "manager")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,99999999-9999-9999-9999-999999999999,3,Europe/Paris,,,learn,1,en", ImportProblemKind.ManagerNotFound, "manager")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,,learn,1", ImportProblemKind.MalformedLine, null)]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,,learn,1,en,extra", ImportProblemKind.MalformedLine, null)]
    [InlineData("Dan \"The Man\" Park,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,,learn,1,en", ImportProblemKind.MalformedLine, null)]
    [InlineData("Dan,dan@contoso.com,not-a-guid,Sales,,3,Europe/Paris,,,learn,1,en", ImportProblemKind.InvalidValue, "aad_object_id")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,,boss,1,en", ImportProblemKind.InvalidValue, "role")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,,learn,0,en", ImportProblemKind.InvalidValue, "capacity")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,senior,Europe/Paris,,,learn,1,en", ImportProblemKind.InvalidValue, "career_level")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,power-bi,,teach,1,en", ImportProblemKind.InvalidValue, "skills_offered")]
    [InlineData("Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,dan@contoso.com,3,Europe/Paris,,,learn,1,en", ImportProblemKind.InvalidValue, "manager")]
    public void DryRun_BadRow_ReportsItsLineAndReasonAndImportsNobody(string badRow, ImportProblemKind kind, string? column)
    {
        var outcome = DryRun(File(Header, Ada, badRow, Ben));

        var problem = Assert.Single(Rejected(outcome));
        Assert.Equal((3, kind, column), (problem.Line, problem.Kind, problem.Column));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Fact]
    public void DryRun_UnknownSkillWithSuggestion_SaysWhatWasMeant()
    {
        var bad = "Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,powerbi:3,,teach,1,en";

        var problem = Assert.Single(Rejected(DryRun(File(Header, bad))));

        Assert.Equal(ImportProblemKind.UnknownSkill, problem.Kind);
        Assert.Equal("Unknown skill \"powerbi\". Did you mean power-bi?", problem.Message);
    }

    [Fact]
    public void DryRun_ManagerKnownToMentorBot_IsAccepted()
    {
        var managerId = new UserId("99999999-9999-9999-9999-999999999999");
        var known = new KnownPeople([(managerId, "boss@contoso.com")]);
        var byId = "Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,99999999-9999-9999-9999-999999999999,3,Europe/Paris,,,learn,1,en";
        var byEmail = "Eve,eve@contoso.com,55555555-5555-5555-5555-555555555555,Sales,BOSS@contoso.com,3,Europe/Paris,,,learn,1,en";

        var participants = Ready(DryRun(File(Header, byId, byEmail), known));

        Assert.All(participants, p => Assert.Equal(managerId, p.Profile.ManagerId));
    }

    [Fact]
    public void DryRun_ManagerFurtherDownTheFile_IsFound()
    {
        var reportsToCleo = "Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,cleo@contoso.com,3,Europe/Paris,,,learn,1,en";

        var participants = Ready(DryRun(File(Header, reportsToCleo, Cleo.Replace(AdaId, "", StringComparison.Ordinal))));

        Assert.Equal(new UserId(CleoId), participants[0].Profile.ManagerId);
    }

    [Fact]
    public void DryRun_ManyBadRows_ReportsEveryOneInLineOrder()
    {
        var noEmail = "Dan,,44444444-4444-4444-4444-444444444444,Sales,,3,Europe/Paris,,,learn,1,en";
        var badZoneAndSkill = "Eve,eve@contoso.com,55555555-5555-5555-5555-555555555555,Sales,,3,Nowhere/Town,knitting:2,,teach,1,en";
        var duplicateOfBen = "Ben Again,ben2@contoso.com," + BenId + ",Sales,,3,Europe/Paris,,,learn,1,en";

        var problems = Rejected(DryRun(File(Header, Ada, noEmail, Ben, badZoneAndSkill, duplicateOfBen, Cleo)));

        Assert.Equal(
            [(3, ImportProblemKind.MissingField), (5, ImportProblemKind.UnknownTimeZone), (5, ImportProblemKind.UnknownSkill), (6, ImportProblemKind.DuplicateAadObjectId)],
            problems.Select(p => (p.Line, p.Kind)));
    }

    [Fact]
    public void DryRun_QuotedFieldsWithCommasAndLineBreaks_KeepPhysicalLineNumbers()
    {
        // Every row here spans several physical lines; a problem is reported on the line its row starts on.
        var adaWithNotes = "Ada Lovelace,ada@contoso.com," + AdaId + ",\"Sales, EMEA\nand\nAPAC\",,12,Europe/London,,,learn,1,en"; // 2–4
        var bad = "Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,\"Ops,\nNordics\",,3,Atlantis/Deep,,,learn,1,en"; // 5–6
        var benWithCrLf = Ben.Replace("Marketing", "\"Marketing\r\nand comms\"", StringComparison.Ordinal); // 7–8
        var alsoBad = "Eve,eve@contoso.com,55555555-5555-5555-5555-555555555555,Sales,,3,Europe/Paris,,,learn,1,\"en,\nfr\",oops"; // 9–10
        var lastBad = "Fay,fay@contoso.com,66666666-6666-6666-6666-666666666666,Sales,,3,Europe/Paris,,,boss,1,en"; // 11

        var problems = Rejected(DryRun(File(Header, adaWithNotes, bad, benWithCrLf, alsoBad, lastBad)));

        Assert.Equal(
            [(5, ImportProblemKind.UnknownTimeZone), (9, ImportProblemKind.MalformedLine), (11, ImportProblemKind.InvalidValue)],
            problems.Select(p => (p.Line, p.Kind)));
    }

    [Fact]
    public void DryRun_QuotedMultiLineValue_IsKeptWhole()
    {
        var adaWithNotes = "Ada Lovelace,ada@contoso.com," + AdaId + ",\"Sales, EMEA\nand APAC\",,12,Europe/London,,,learn,1,en";

        var participant = Assert.Single(Ready(DryRun(File(Header, adaWithNotes))));

        Assert.Equal("Sales, EMEA\nand APAC", participant.Profile.Department);
    }

    [Fact]
    public void DryRun_UnclosedQuote_ReportsTheLineItStartsOn()
    {
        var unclosed = "Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,\"Sales,,3,Europe/Paris,,,learn,1,en";

        var problems = Rejected(DryRun(File(Header, Ada, unclosed, Ben)));

        var problem = Assert.Single(problems);
        Assert.Equal((3, ImportProblemKind.MalformedLine), (problem.Line, problem.Kind));
    }

    [Theory]
    [InlineData(",", false)]
    [InlineData(",", true)]
    [InlineData(";", false)]
    [InlineData(";", true)]
    public void DryRun_CommaOrSemicolonWithOrWithoutBom_ImportsTheSamePeople(string delimiter, bool bom)
    {
        var text = File(Header, Ada, Ben, Cleo);
        if (delimiter == ";")
        {
            // Excel in a comma-decimal locale: semicolons between cells, commas only inside quoted values.
            text = File(
                Header.Replace(',', ';'),
                "Ada Lovelace;ada@contoso.com;" + AdaId + ";\"Sales, EMEA\";;12;Europe/London;;\"power-bi:1>3; tiktok:0>2\";learn;1;en",
                "Ben Okafor;ben@contoso.com;" + BenId + ";Marketing;ada@contoso.com;2;W. Europe Standard Time;\"Power BI:4; tiktok:3\";;teach;2;en, de",
                "Cleo Diaz;cleo@contoso.com;" + CleoId + ";Finance;" + AdaId + ";3;America/New_York;excel:4;power-bi:2>4;both;;en");
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom)
        {
            bytes = [.. Encoding.UTF8.Preamble, .. bytes];
        }

        var participants = Ready(Importer().DryRun(bytes, Program, KnownPeople.None, Now));

        Assert.Equal([AdaId, BenId, CleoId], participants.Select(p => p.Profile.Id.AadObjectId));
        Assert.Equal("Ada Lovelace", participants[0].Profile.DisplayName);
        Assert.Equal(2, participants[1].Profile.Offers.Count);
        Assert.Equal(["en", "de"], participants[1].Profile.Languages);
    }

    [Fact]
    public void DryRun_ExcelSepHintLine_SetsDelimiterAndCountsAsLineOne()
    {
        var bad = "Dan;dan@contoso.com;44444444-4444-4444-4444-444444444444;Sales;;3;Atlantis/Deep;;;learn;1;en";

        var problem = Assert.Single(Rejected(DryRun(File("sep=;", Header.Replace(',', ';'), bad))));

        Assert.Equal((3, ImportProblemKind.UnknownTimeZone), (problem.Line, problem.Kind));
    }

    [Fact]
    public void DryRun_TemplateHeader_IsAccepted()
    {
        var participants = Ready(DryRun(File(ParticipantCsvImport.TemplateHeader, Ada)));

        Assert.Single(participants);
    }

    [Fact]
    public void DryRun_ManagerWhoseOwnRowIsBroken_IsReportedOnlyOnTheirRow()
    {
        var managerWithBadId = "Max,max@contoso.com,not-a-guid,Sales,,9,Europe/Paris,,,learn,1,en";
        var reportsToMax = "Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,max@contoso.com,3,Europe/Paris,,,learn,1,en";

        var problem = Assert.Single(Rejected(DryRun(File(Header, managerWithBadId, reportsToMax))));

        Assert.Equal((2, ImportProblemKind.InvalidValue, "aad_object_id"), (problem.Line, problem.Kind, problem.Column));
    }

    [Fact]
    public void DryRun_HeaderWithSynonymsAndCrLf_IsRecognised()
    {
        var header = "Display Name,E-mail Address,Object ID,Dept,Manager Email,Level,Time Zone,Offers,Wants,Role,Capacity,Language";

        var participants = Ready(DryRun(string.Join("\r\n", header, Ada, Ben) + "\r\n"));

        Assert.Equal(2, participants.Count);
    }

    [Fact]
    public void DryRun_OptionalColumnsLeftOut_UsesDefaults()
    {
        var participant = Assert.Single(Ready(DryRun(File(
            "name,email,aad_object_id,career_level,time_zone,role",
            "Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,3,Europe/Paris,learn"))));

        Assert.Equal((1, 0, 0), (participant.Profile.Capacity, participant.Profile.Offers.Count, participant.Profile.Languages.Count));
    }

    [Fact]
    public void DryRun_WrongHeader_ReportsUnknownAndMissingColumnsOnLineOne()
    {
        var header = "name,emial,aad_object_id,career_level,time_zone,role";

        var problems = Rejected(DryRun(File(header, "Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,3,Europe/Paris,learn")));

        Assert.All(problems, p => Assert.Equal((1, ImportProblemKind.WrongHeader), (p.Line, p.Kind)));
        Assert.Collection(
            problems,
            p => Assert.StartsWith("Unknown column \"emial\"", p.Message, StringComparison.Ordinal),
            p => Assert.Equal("Missing column \"email\".", p.Message));
    }

    [Fact]
    public void DryRun_NotUtf8_IsRefusedAsAWhole()
    {
        var latin1 = Encoding.Latin1.GetBytes(File(Header, Ada.Replace("Ada Lovelace", "Zoë Müller", StringComparison.Ordinal)));

        var problem = Assert.Single(Rejected(Importer().DryRun(latin1, Program, KnownPeople.None, Now)));

        Assert.Equal((0, ImportProblemKind.NotUtf8), (problem.Line, problem.Kind));
    }

    [Fact]
    public void DryRun_NonAsciiUtf8_IsKept()
    {
        var participant = Assert.Single(Ready(DryRun(File(Header, Ada.Replace("Ada Lovelace", "Zoë Müller-Łukasiewicz", StringComparison.Ordinal)))));

        Assert.Equal("Zoë Müller-Łukasiewicz", participant.Profile.DisplayName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void DryRun_EmptyFile_IsRefused(string text)
    {
        var problem = Assert.Single(Rejected(DryRun(text)));

        Assert.Equal(ImportProblemKind.EmptyFile, problem.Kind);
    }

    [Fact]
    public void DryRun_HeaderOnly_ImportsNobody()
    {
        var participants = Ready(DryRun(File(Header)));

        Assert.Empty(participants);
    }

    [Fact]
    public void DryRun_BlankLinesBetweenRows_AreSkippedButCounted()
    {
        var bad = "Dan,dan@contoso.com,44444444-4444-4444-4444-444444444444,Sales,,3,Atlantis/Deep,,,learn,1,en";

        var problem = Assert.Single(Rejected(DryRun(File(Header, "", Ada, ",,,,,,,,,,,", bad))));

        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public void DryRun_MoreRowsThanAllowed_IsRefusedWithClearReason()
    {
        var limits = ImportLimits.Default with { MaxRows = 2 };

        var problem = Assert.Single(Rejected(DryRun(File(Header, Ada, Ben, Cleo), limits: limits)));

        Assert.Equal((4, ImportProblemKind.TooManyRows), (problem.Line, problem.Kind));
        Assert.Contains("more than 2 people", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DryRun_FileOverSizeLimit_IsRefusedBeforeParsing()
    {
        var limits = ImportLimits.Default with { MaxBytes = 200 };

        var problem = Assert.Single(Rejected(DryRun(File(Header, Ada), limits: limits)));

        Assert.Equal((0, ImportProblemKind.FileTooLarge), (problem.Line, problem.Kind));
        Assert.Equal("The file is larger than 0.2 KB. Split it into smaller files.", problem.Message);
    }

    [Fact]
    public async Task DryRunAsync_StreamOverDefaultLimit_StopsReadingAndRefuses()
    {
        using var huge = new MemoryStream(new byte[(5 * 1024 * 1024) + 1]);

        var outcome = await Importer().DryRunAsync(huge, Program, KnownPeople.None, Now, CancellationToken.None);

        var problem = Assert.Single(Rejected(outcome));
        Assert.Equal(ImportProblemKind.FileTooLarge, problem.Kind);
        Assert.Contains("5 MB", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRunAsync_GoodStream_ImportsEveryone()
    {
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes(File(Header, Ada, Ben, Cleo)));

        var outcome = await Importer().DryRunAsync(csv, Program, KnownPeople.None, Now, CancellationToken.None);

        Assert.Equal(3, Ready(outcome).Count);
    }

    [Fact]
    public void DryRun_TenThousandRows_IsAcceptedWithinLimits()
    {
        var rows = Enumerable.Range(1, 10_000).Select(i =>
            $"Person {i},p{i}@contoso.com,{new Guid(i, 0, 0, new byte[8]):D},Sales,,3,Europe/Paris,tiktok:3,,teach,1,en");

        var participants = Ready(DryRun(File([Header, .. rows])));

        Assert.Equal(10_000, participants.Count);
        Assert.Equal(10_001, participants[^1].Line);
    }
}
