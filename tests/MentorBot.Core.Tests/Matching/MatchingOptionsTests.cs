using MentorBot.Core.Matching;

namespace MentorBot.Core.Tests.Matching;

public sealed class MatchingOptionsTests
{
    public static TheoryData<string, Action<MatchingOptions>> Invalid => new()
    {
        { "gap 0", o => o.MinimumSkillGap = 0 },
        { "gap 5", o => o.MinimumSkillGap = 5 },
        { "no candidates", o => o.MaxCandidates = 0 },
        { "negative cohort edges", o => o.CohortCandidatesPerRequest = -1 },
        { "cohort edges int.MaxValue", o => o.CohortCandidatesPerRequest = int.MaxValue },
        { "cohort edges int.MaxValue - 1", o => o.CohortCandidatesPerRequest = int.MaxValue - 1 },
        { "candidates int.MaxValue", o => o.MaxCandidates = int.MaxValue },
        { "pricing batch 0", o => o.CohortPricingBatch = 0 },
        { "exclusion details huge", o => o.MaxExclusionDetails = int.MaxValue },
        { "negative cooldown", o => o.RepeatCooldown = TimeSpan.FromDays(-1) },
        { "full hours 0", o => o.FullSharedHoursPerWeek = 0 },
        { "negative weight", o => o.Weights.Reciprocity = -1 },
        { "NaN weight", o => o.Weights.SharedHours = double.NaN },
        { "gap weight 0", o => o.Weights.SkillGap = 0 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadValue_Fails(string because, Action<MatchingOptions> breakIt)
    {
        var options = new MatchingOptions();
        breakIt(options);

        var result = new MatchingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, because);
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new MatchingOptionsValidator().Validate(null, new MatchingOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_CohortCandidatesZero_IsTheExplicitNoLimit()
    {
        var result = new MatchingOptionsValidator().Validate(null, new MatchingOptions { CohortCandidatesPerRequest = 0 });

        Assert.True(result.Succeeded);
    }
}
