using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Skills;

public static class SkillCatalogServiceCollectionExtensions
{
    /// <summary>
    /// Tenants' catalogs over the built-in one (decision 0450): the per-tenant cache, the owners' editor and an
    /// in-process layer store the host's storage replaces. The host binds <see cref="SkillCatalogOptions"/>.
    /// </summary>
    public static IServiceCollection AddSkillCatalogs(this IServiceCollection services)
    {
        services.AddOptions<SkillCatalogOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SkillCatalogOptions>, SkillCatalogOptionsValidator>());
        services.TryAddSingleton<ISkillCatalogStore, InProcessSkillCatalogStore>();
        services.TryAddSingleton<TenantSkillCatalogs>();
        services.TryAddSingleton<SkillCatalogEditor>();
        return services;
    }
}
