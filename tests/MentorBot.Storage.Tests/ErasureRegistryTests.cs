using System.Reflection;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Core.Privacy;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MentorBot.Storage.Tests;

/// <summary>
/// "A new store cannot be forgotten": every store adapter either erases a person's data and is reached by forget-me,
/// or says why it holds none (decision 0290).
/// </summary>
public sealed class ErasureRegistryTests
{
    [Fact]
    public void StoreAdapters_EveryTableBackedClass_ErasesOrSaysWhyItHoldsNoPersonalData()
    {
        var adapters = StoreAdapterTypes().ToList();

        var silent = adapters
            .Where(t => !typeof(IPersonalDataStore).IsAssignableFrom(t) && t.GetCustomAttribute<HoldsNoPersonalDataAttribute>() is null)
            .Select(t => t.FullName)
            .ToList();

        Assert.Contains(adapters, t => t.Name == "TableProfileStore");
        Assert.True(silent.Count == 0, "Store adapters that neither erase nor say why they hold no personal data: " + string.Join(", ", silent));
    }

    [Fact]
    public void PersonalDataPorts_EveryImplementationInTheBot_CanErase()
    {
        var ports = new[] { typeof(Core.Profiles.IProfileStore), typeof(Bot.Proactive.IConversationReferenceStore) }
            .Concat(RegisteredPortsOfTheProduct())
            .Distinct()
            .ToList();

        var unerasable = typeof(ITableEngine).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && ports.Any(p => p.IsAssignableFrom(t)))
            .Where(t => !typeof(IPersonalDataStore).IsAssignableFrom(t) && t.GetCustomAttribute<HoldsNoPersonalDataAttribute>() is null)
            .Select(t => t.FullName)
            .ToList();

        Assert.True(unerasable.Count == 0, "Implementations of personal-data ports that cannot erase: " + string.Join(", ", unerasable));
    }

    [Fact]
    public async Task ProductComposition_EveryRegisteredStoreAdapter_IsReachedByForgetMe()
    {
        await using var rig = await ErasureRig.StartAsync(new InMemoryTableEngine("registry", TimeProvider.System));
        var registry = rig.Get<PersonalDataStores>();

        var registeredAdapters = rig.Descriptors
            .Where(d => d.ServiceType.Namespace?.StartsWith("MentorBot", StringComparison.Ordinal) == true && !d.ServiceType.IsGenericTypeDefinition && d.ServiceKey is null)
            .Select(d => d.ServiceType)
            .Distinct()
            .Select(rig.Services.GetService)
            .Where(instance => instance is not null && IsStoreAdapter(instance.GetType()) && instance.GetType().GetCustomAttribute<HoldsNoPersonalDataAttribute>() is null)
            .Distinct()
            .ToList();
        var missed = registeredAdapters.Where(a => !registry.Erasable.Any(e => ReferenceEquals(e, a))).Select(a => a!.GetType().Name).ToList();

        Assert.Empty(registry.Unerasable);
        Assert.True(registeredAdapters.Count >= 10, $"Only {registeredAdapters.Count} store adapters found in the composition.");
        Assert.True(missed.Count == 0, "Registered store adapters forget-me does not reach: " + string.Join(", ", missed));
    }

    private static IEnumerable<Type> RegisteredPortsOfTheProduct()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddPersonalDataPort<Core.Profiles.IProfileStore>();
        Core.CoreServiceCollectionExtensions.AddMentorBotCore(services);
        Bot.Hosting.MentorBotServiceCollectionExtensions.AddMentorBot(services, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        return services.Where(d => d.ImplementationInstance is PersonalDataPort).Select(d => ((PersonalDataPort)d.ImplementationInstance!).Port);
    }

    private static IEnumerable<Type> StoreAdapterTypes() =>
        typeof(ITableEngine).Assembly.GetTypes().Where(IsStoreAdapter);

    // A class that keeps rows through the table engine, other than the engine's own plumbing (start-up, health).
    private static bool IsStoreAdapter(Type type) =>
        type is { IsClass: true, IsAbstract: false }
        && !typeof(IHostedService).IsAssignableFrom(type)
        && !typeof(IHealthCheck).IsAssignableFrom(type)
        && type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(ITableEngine)));
}
