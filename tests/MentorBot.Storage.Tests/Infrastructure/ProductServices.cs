using MentorBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace MentorBot.Storage.Tests.Infrastructure;

/// <summary>
/// The product's composition (decision 0300) as a plain service collection over a test's table engine: anonymous,
/// Development, with the given settings and overrides. Callers replace what they observe, then build with
/// <see cref="MentorBotHost.ProviderOptions"/>. The bot's host tests link this file too, so both compose the product
/// the same way.
/// </summary>
internal static class ProductServices
{
    /// <param name="contentRoot">The content root (the SQLite folder when no engine is given); the test binaries' folder by default.</param>
    public static ServiceCollection Compose(
        MentorBotOverrides overrides, Dictionary<string, string?>? settings = null, string? contentRoot = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = string.Empty })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        var environment = new HostingEnvironment
        {
            EnvironmentName = Environments.Development,
            ApplicationName = "MentorBot",
            ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
            ContentRootFileProvider = new NullFileProvider(),
        };
        services.AddSingleton<IHostEnvironment>(environment);
        services.AddMentorBotProduct(configuration, environment, overrides);
        return services;
    }
}
