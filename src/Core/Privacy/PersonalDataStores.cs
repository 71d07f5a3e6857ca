using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Core.Privacy;

/// <summary>A store port (<c>IProfileStore</c>, <c>IConversationReferenceStore</c>…) whose implementation holds people's data.</summary>
public sealed record PersonalDataPort(Type Port);

/// <summary>
/// The erasure registry: every port registered with <see cref="PersonalDataServiceCollectionExtensions.AddPersonalDataPort{TPort}"/>
/// (resolved from whatever implementation the host chose) plus stores registered directly as
/// <see cref="IPersonalDataStore"/>. An implementation that cannot erase shows up in <see cref="Unerasable"/>; the
/// composition test requires that list to be empty for the product.
/// </summary>
public sealed class PersonalDataStores(IServiceProvider services, IEnumerable<PersonalDataPort> ports, IEnumerable<IPersonalDataStore> direct)
{
    private readonly Lazy<(IReadOnlyList<IPersonalDataStore> Erasable, IReadOnlyList<Type> Unerasable)> _resolved =
        new(() => Resolve(services, ports, direct));

    /// <summary>Each erasable store once (one adapter may serve two ports), in registration order.</summary>
    public IReadOnlyList<IPersonalDataStore> Erasable => _resolved.Value.Erasable;

    /// <summary>Ports whose implementation in this host holds people's data but cannot erase it.</summary>
    public IReadOnlyList<Type> Unerasable => _resolved.Value.Unerasable;

    private static (IReadOnlyList<IPersonalDataStore>, IReadOnlyList<Type>) Resolve(
        IServiceProvider services, IEnumerable<PersonalDataPort> ports, IEnumerable<IPersonalDataStore> direct)
    {
        var erasable = new List<IPersonalDataStore>();
        var unerasable = new List<Type>();
        foreach (var port in ports.Select(p => p.Port).Distinct())
        {
            // A port this host does not use (no nudges in a test host) holds nothing here.
            switch (services.GetService(port))
            {
                case null:
                    break;
                case IPersonalDataStore store:
                    AddOnce(erasable, store);
                    break;
                default:
                    unerasable.Add(port);
                    break;
            }
        }

        foreach (var store in direct)
        {
            AddOnce(erasable, store);
        }

        return (erasable, unerasable);
    }

    private static void AddOnce(List<IPersonalDataStore> stores, IPersonalDataStore store)
    {
        if (!stores.Any(s => ReferenceEquals(s, store)))
        {
            stores.Add(store);
        }
    }
}

public static class PersonalDataServiceCollectionExtensions
{
    /// <summary>Registers a store port for erasure: whatever implements it must implement <see cref="IPersonalDataStore"/>.</summary>
    public static IServiceCollection AddPersonalDataPort<TPort>(this IServiceCollection services)
        where TPort : class
    {
        if (!services.Any(d => d.ServiceType == typeof(PersonalDataPort) && d.ImplementationInstance is PersonalDataPort { Port: var port } && port == typeof(TPort)))
        {
            services.AddSingleton(new PersonalDataPort(typeof(TPort)));
        }

        services.TryAddSingleton<PersonalDataStores>();
        return services;
    }
}
