using MentorBot.Core.Matching.Cohort;
using MentorBot.Core.Skills;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Matching;

public static class MatchingServiceCollectionExtensions
{
    /// <summary>
    /// Skill catalog (the built-in one unless a <see cref="SkillCatalog"/> is registered first), resolver, ranker
    /// and the exact cohort matcher. The host binds the options:
    /// <c>services.AddOptions&lt;MatchingOptions&gt;().BindConfiguration(MatchingOptions.SectionName).ValidateOnStart()</c>.
    /// </summary>
    public static IServiceCollection AddMentorBotMatching(this IServiceCollection services)
    {
        services.AddOptions<MatchingOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MatchingOptions>, MatchingOptionsValidator>());
        services.TryAddSingleton(SkillCatalog.Default);
        services.TryAddSingleton(sp => new SkillResolver(sp.GetRequiredService<SkillCatalog>()));
        services.AddSkillCatalogs();
        services.TryAddSingleton(sp => new CandidateRanker(sp.GetRequiredService<IOptions<MatchingOptions>>().Value, sp.GetRequiredService<SkillCatalog>()));
        services.TryAddSingleton<ICohortMatcher>(sp => new ExactCohortMatcher(sp.GetRequiredService<CandidateRanker>()));
        return services;
    }
}
