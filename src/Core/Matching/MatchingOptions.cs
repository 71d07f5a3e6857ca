using Microsoft.Extensions.Options;

namespace MentorBot.Core.Matching;

/// <summary>How candidates are filtered and scored. Section "Matching" in appsettings.json.</summary>
public sealed class MatchingOptions
{
    public const string SectionName = "Matching";

    /// <summary>How many levels the candidate must be above the learner in the requested skill.</summary>
    public int MinimumSkillGap { get; set; } = 1;

    /// <summary>How many ranked candidates a request returns (the cohort matcher's sparse graph uses <see cref="CohortCandidatesPerRequest"/>).</summary>
    public int MaxCandidates { get; set; } = 10;

    /// <summary>
    /// Top-N candidates per request in the cohort solver's first graph (0 = no limit: every eligible pair from the
    /// start). Only speed depends on it: the certified solver adds every pair that could improve the round (decision 0260).
    /// </summary>
    public int CohortCandidatesPerRequest { get; set; } = 50;

    /// <summary>At most this many improving pairs per request join the graph per pricing pass (decision 0265).</summary>
    public int CohortPricingBatch { get; set; } = 16;

    /// <summary>How many excluded people are listed by name (all are counted by reason).</summary>
    public int MaxExclusionDetails { get; set; } = 20;

    /// <summary>A pairing that ended within this window is not repeated unless the learner asks for it.</summary>
    public TimeSpan RepeatCooldown { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Shared hours per week at which the time-zone factor is full; more does not score higher.</summary>
    public double FullSharedHoursPerWeek { get; set; } = 5;

    /// <summary>Candidates with fewer shared working hours a week are excluded; 0 keeps everyone.</summary>
    public double MinimumSharedHoursPerWeek { get; set; }

    /// <summary>Recent offers at which the "not asked too often" part of load balance is 0.</summary>
    public int RecentOffersSaturation { get; set; } = 5;

    public MatchingWeights Weights { get; set; } = new();
}

/// <summary>Weight of each score factor; a factor contributes weight × a value between 0 and 1.</summary>
public sealed class MatchingWeights
{
    public double SkillGap { get; set; } = 3.0;

    public double Reciprocity { get; set; } = 1.5;

    public double SharedHours { get; set; } = 1.5;

    public double DifferentDepartment { get; set; } = 1.0;

    public double SharedLanguage { get; set; } = 1.0;

    public double LoadBalance { get; set; } = 1.0;

    public double NewConnection { get; set; } = 0.5;

    internal double this[MatchFactor factor] => factor switch
    {
        MatchFactor.SkillGap => SkillGap,
        MatchFactor.Reciprocity => Reciprocity,
        MatchFactor.SharedHours => SharedHours,
        MatchFactor.DifferentDepartment => DifferentDepartment,
        MatchFactor.SharedLanguage => SharedLanguage,
        MatchFactor.LoadBalance => LoadBalance,
        MatchFactor.NewConnection => NewConnection,
        _ => 0,
    };
}

public sealed class MatchingOptionsValidator : IValidateOptions<MatchingOptions>
{
    /// <summary>Upper bound for list-length settings (decision 0266); the code never allocates by them either.</summary>
    public const int MaxListLength = 10_000;

    public ValidateOptionsResult Validate(string? name, MatchingOptions options)
    {
        var failures = new List<string>();
        if (options.MinimumSkillGap is < 1 or > 4)
        {
            failures.Add("Matching:MinimumSkillGap must be 1 to 4: a mentor must know more than the learner.");
        }

        if (options.MaxCandidates is < 1 or > MaxListLength)
        {
            failures.Add($"Matching:MaxCandidates must be 1 to {MaxListLength}: it is how many colleagues one request lists.");
        }

        if (options.CohortCandidatesPerRequest is < 0 or > MaxListLength)
        {
            failures.Add($"Matching:CohortCandidatesPerRequest must be 0 (no limit: every eligible pair from the start) to {MaxListLength}; rounds are exact at any value, only speed changes.");
        }

        if (options.CohortPricingBatch is < 1 or > MaxListLength)
        {
            failures.Add($"Matching:CohortPricingBatch must be 1 to {MaxListLength}.");
        }

        if (options.MaxExclusionDetails is < 0 or > MaxListLength)
        {
            failures.Add($"Matching:MaxExclusionDetails must be 0 to {MaxListLength}.");
        }

        if (options.RepeatCooldown < TimeSpan.Zero)
        {
            failures.Add("Matching:RepeatCooldown cannot be negative.");
        }

        if (options.FullSharedHoursPerWeek <= 0 || options.MinimumSharedHoursPerWeek < 0 || options.RecentOffersSaturation < 1)
        {
            failures.Add("Matching:FullSharedHoursPerWeek and RecentOffersSaturation must be positive, MinimumSharedHoursPerWeek not negative.");
        }

        var weights = options.Weights;
        double[] all = [weights.SkillGap, weights.Reciprocity, weights.SharedHours, weights.DifferentDepartment, weights.SharedLanguage, weights.LoadBalance, weights.NewConnection];
        if (all.Any(w => w < 0 || double.IsNaN(w) || double.IsInfinity(w)))
        {
            failures.Add("Matching:Weights must be finite and not negative.");
        }

        if (weights.SkillGap <= 0)
        {
            failures.Add("Matching:Weights:SkillGap must be positive so every eligible pairing is worth making.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
