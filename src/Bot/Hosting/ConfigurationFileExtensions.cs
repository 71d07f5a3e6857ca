using Microsoft.Extensions.Configuration.Json;

namespace MentorBot.Bot.Hosting;

public static class ConfigurationFileExtensions
{
    private const string FileName = "appsettings.json";

    /// <summary>
    /// Reads the repository-root <c>appsettings.json</c> that the build copies next to the binaries. The content root
    /// is the project folder under <c>dotnet run</c> and WebApplicationFactory, where no such file lives; the source is
    /// inserted where the content-root file sits, so environment variables and the command line still override it.
    /// </summary>
    public static IConfigurationBuilder AddAppSettingsBesideBinaries(this IConfigurationBuilder configuration)
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        var sources = configuration.Sources;
        var contentRootFile = sources
            .Select((source, index) => (source, index))
            .LastOrDefault(s => s.source is JsonConfigurationSource { Path: FileName });
        var position = contentRootFile.source is null ? 0 : contentRootFile.index + 1;

        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        sources.Insert(position, source);
        return configuration;
    }
}
