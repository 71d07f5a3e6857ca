using MentorBot.Core.Matching;

namespace MentorBot.Core.Tests.Matching;

public sealed class MatchingOptionsTests
{
    public static TheoryData<string, Action<MatchingOptions>> Invalid => new()
    {
        { "gap 0", o => o.MinimumSkillGap = 0 },
        { "gap 5", o => o.MinimumSkillGap = 5 },
        { "no candidates", o => o.MaxCandidates = 0 },
        { "no cohort edges", o => o.CohortCandidatesPerRequest = 0 },
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
}
