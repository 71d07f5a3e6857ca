using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Reporting;
using static MentorBot.Core.Tests.Programs.SeededActivity;

namespace MentorBot.Core.Tests.Programs;

public sealed class ProgramCsvExportTests
{
    private static string Write(Action<TextWriter> export)
    {
        using var writer = new StringWriter();
        export(writer);
        return writer.ToString();
    }

    [Fact]
    public void WritePairings_OnePerLineInStartOrder()
    {
        var csv = Write(w => ProgramCsvExport.WritePairings(w, Build().Pairings.Take(2).Reverse()));

        Assert.Equal(
            "pairing,senior,senior_id,junior,junior_id,skill,started,state\r\n" +
            "m-1,Senior 1,senior-1,Junior 1,junior-1,power-bi,2026-03-02T09:00:00Z,active\r\n" +
            "m-2,Senior 2,senior-2,Junior 2,junior-2,power-bi,2026-03-02T09:00:00Z,active\r\n",
            csv);
    }

    [Fact]
    public void WritePairings_NameThatLooksLikeAFormula_IsEscaped()
    {
        var pairing = Pairing(1, PowerBi, At(3, 2, 9), PairingState.Active) with { SeniorName = "=HYPERLINK(\"http://x\")" };

        var csv = Write(w => ProgramCsvExport.WritePairings(w, [pairing]));

        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteCheckIns_PlannedUpToNowAndHeldPerPairing()
    {
        var csv = Write(w => ProgramCsvExport.WriteCheckIns(w, Build(), Now));

        Assert.Equal(
            "pairing,senior,junior,skill,planned,held\r\n" +
            "m-1,Senior 1,Junior 1,power-bi,3,2\r\n" +
            "m-2,Senior 2,Junior 2,power-bi,2,1\r\n" +
            "m-3,Senior 3,Junior 3,tiktok,2,1\r\n" +
            "m-4,Senior 4,Junior 4,tiktok,1,1\r\n" +
            "m-5,Senior 5,Junior 5,excel,1,1\r\n" +
            "m-6,Senior 6,Junior 6,excel,0,0\r\n",
            csv);
    }

    [Fact]
    public void WriteFeedback_PerSkillAndProgram_SuppressesSmallGroups()
    {
        var csv = Write(w => ProgramCsvExport.WriteFeedback(w, Build(), Now));

        // power-bi: S1 (×3), J1, S2, J2 = 4 raters; tiktok: S3, J3, S4, J4 = 4 raters; all: 8 raters, 36 / 10.
        Assert.Equal(
            "program,skill,ratings,average_rating\r\n" +
            "p-1,power-bi,suppressed,suppressed\r\n" +
            "p-1,tiktok,suppressed,suppressed\r\n" +
            "p-1,(all skills),10,3.60\r\n",
            csv);
    }

    [Theory]
    [InlineData(4, "p-1,tiktok,suppressed,suppressed")]
    [InlineData(5, "p-1,tiktok,6,3.50")]
    public void WriteFeedback_FourPeopleSuppressed_FiveShown(int raters, string expectedRow)
    {
        // One extra rating from the first rater: six ratings, but only `raters` distinct people.
        var feedback = Enumerable.Range(1, raters).Select(n => Rating(S(n), TikTok, n % 2 == 0 ? 4 : 3, At(3, 10, 9)))
            .Append(Rating(S(1), TikTok, raters == 4 ? 3 : 4, At(3, 11, 9)))
            .ToList();
        if (raters == 4)
        {
            feedback.Add(Rating(S(2), TikTok, 4, At(3, 12, 9)));
        }

        var activity = new ProgramActivity(new ProgramId("p-1"), [], [], feedback, [], []);

        var lines = Write(w => ProgramCsvExport.WriteFeedback(w, activity, Now)).Split("\r\n");

        Assert.Equal(expectedRow, lines[1]);
    }
}
