using System.Reflection;
using System.Xml.Linq;
using MentorBot.Core.Profiles;

namespace MentorBot.Core.Tests.Architecture;

/// <summary>Core is the domain: it must stay free of web, HTTP, protocol and storage dependencies.</summary>
public sealed class CoreDependencyTests
{
    private static readonly string[] ForbiddenAssemblyPrefixes =
    [
        "Microsoft.AspNetCore",
        "System.Net.Http",
        "System.Net.Sockets",
        "Azure.",
        "Microsoft.Data.Sqlite",
        "SQLitePCL",
        "Microsoft.IdentityModel",
        "Microsoft.Identity.Client",
        "Microsoft.Graph",
        "Polly",
        "MentorBot.Bot",
    ];

    private static readonly string[] AllowedPackages =
    [
        "NodaTime",
        "CsvHelper",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.Options",
    ];

    [Fact]
    public void CoreAssembly_References_NoWebHttpProtocolOrStorageAssembly()
    {
        var references = typeof(Profile).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "");

        var forbidden = references
            .Where(name => ForbiddenAssemblyPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(forbidden);
    }

    [Fact]
    public void CoreProject_PackageReferences_AreOnTheAllowList()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Core", "MentorBot.Core.csproj"));

        var packages = project.Descendants("PackageReference").Select(p => (string?)p.Attribute("Include") ?? "").ToList();
        var projects = project.Descendants("ProjectReference").ToList();
        var framework = project.Root?.Attribute("Sdk")?.Value;

        Assert.All(packages, p => Assert.Contains(p, AllowedPackages));
        Assert.Empty(projects);
        Assert.Equal("Microsoft.NET.Sdk", framework);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MentorBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("MentorBot.sln not found above the test assembly.");
    }
}
