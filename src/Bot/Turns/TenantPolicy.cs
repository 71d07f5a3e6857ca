using MentorBot.Bot.Protocol;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MentorBot.Bot.Hosting;

namespace MentorBot.Bot.Turns;

/// <summary>
/// Which tenants this host serves and which tenant old rows belong to (decisions 0231, 0232), from <c>Bot:AllowedTenants</c>,
/// <c>Bot:TenantMode</c>, <c>Bot:DefaultTenantId</c>, <c>MicrosoftAppType</c> and <c>MicrosoftAppTenantId</c>.
/// </summary>
public sealed class TenantPolicy(IOptions<BotOptions> bot, IOptions<BotFrameworkOptions> framework)
{
    private readonly HashSet<TenantId> _allowed = [.. bot.Value.AllowedTenants.Select(TenantId.From).OfType<TenantId>()];

    /// <summary>
    /// Local development with no tenant settings at all: nothing about an anonymous activity is verified, so every
    /// turn is served as <see cref="TenantId.LocalDevelopment"/> (or <c>Bot:DefaultTenantId</c>), whatever it claims.
    /// </summary>
    public bool SingleLocalTenant =>
        framework.Value.IsAnonymous && _allowed.Count == 0 && bot.Value.TenantMode == TenantMode.Allowed;

    public DefaultTenant DefaultTenant { get; } = new(Default(bot.Value, framework.Value));

    /// <summary>The tenant to serve <paramref name="activityTenant"/> as, or null when this host does not serve it.</summary>
    public TenantId? Serve(string? activityTenant)
    {
        if (SingleLocalTenant)
        {
            return DefaultTenant.Id;
        }

        var claimed = TenantId.From(activityTenant) ?? (framework.Value.IsAnonymous ? DefaultTenant.Id : null);
        if (claimed is not { } tenant)
        {
            return null;
        }

        if (_allowed.Count > 0)
        {
            return _allowed.Contains(tenant) ? tenant : null;
        }

        if (bot.Value.TenantMode == TenantMode.Isolated)
        {
            return tenant;
        }

        // A SingleTenant or managed-identity registration serves its own directory by default.
        return TenantId.From(framework.Value.MicrosoftAppTenantId) == tenant ? tenant : null;
    }

    /// <summary>The one sentence that stops the host from starting, or null when the tenant settings make sense.</summary>
    public static string? Problem(BotOptions bot, BotFrameworkOptions framework)
    {
        if (bot.AllowedTenants.Any(string.IsNullOrWhiteSpace))
        {
            return "Bot:AllowedTenants holds an empty entry; list Entra tenant ids only.";
        }

        if (!framework.IsAnonymous
            && framework.MicrosoftAppType == MicrosoftAppType.MultiTenant
            && bot.AllowedTenants.Count == 0
            && bot.TenantMode != TenantMode.Isolated)
        {
            return "MicrosoftAppType is MultiTenant but Bot:AllowedTenants is empty: list the tenant ids to serve in Bot:AllowedTenants, "
                + "or set Bot:TenantMode=Isolated to serve every tenant with each one seeing only its own data.";
        }

        return null;
    }

    private static TenantId? Default(BotOptions bot, BotFrameworkOptions framework) =>
        TenantId.From(bot.DefaultTenantId)
        ?? TenantId.From(framework.MicrosoftAppTenantId)
        ?? (bot.AllowedTenants.Count == 1 ? TenantId.From(bot.AllowedTenants[0]) : null)
        ?? (framework.IsAnonymous ? TenantId.LocalDevelopment : null);
}

/// <summary>Refuses to start on tenant settings that would serve every tenant by accident (decision 0232).</summary>
internal sealed class TenantOptionsValidator(IOptions<BotFrameworkOptions> framework) : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options) =>
        TenantPolicy.Problem(options, framework.Value) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}

public static class TenantServiceCollectionExtensions
{
    /// <summary>The tenant policy, its start-up check, and the default tenant the stores give rows from before tenants.</summary>
    public static IServiceCollection AddTenants(this IServiceCollection services)
    {
        services.TryAddSingleton<TenantPolicy>();
        services.TryAddSingleton(sp => sp.GetRequiredService<TenantPolicy>().DefaultTenant);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotOptions>, TenantOptionsValidator>());
        return services;
    }
}
