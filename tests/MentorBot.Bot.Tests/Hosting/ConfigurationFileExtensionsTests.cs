using MentorBot.Bot.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MentorBot.Bot.Tests.Hosting;

public sealed class ConfigurationFileExtensionsTests
{
    [Fact]
    public void AddAppSettingsBesideBinaries_RootFileCopiedToOutput_IsRead()
    {
        var configuration = new ConfigurationManager();

        configuration.AddAppSettingsBesideBinaries();

        Assert.Equal("http://localhost:3978", configuration["Urls"]);
    }

    [Fact]
    public void AddAppSettingsBesideBinaries_LaterSources_StillOverrideTheFile()
    {
        var configuration = new ConfigurationManager();
        configuration.AddJsonFile("appsettings.json", optional: true);
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:5000" });

        configuration.AddAppSettingsBesideBinaries();

        Assert.Equal("http://127.0.0.1:5000", configuration["Urls"]);
        Assert.Equal("MultiTenant", configuration["MicrosoftAppType"]);
    }

    [Fact]
    public void Host_UnderWebApplicationFactory_FindsTheRootAppSettings()
    {
        using var factory = new WebApplicationFactory<Program>();

        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal("http://localhost:3978", configuration["Urls"]);
    }
}
