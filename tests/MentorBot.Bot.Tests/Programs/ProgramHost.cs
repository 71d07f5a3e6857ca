using System.Net.Http.Headers;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Requests;
using MentorBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MentorBot.Bot.Tests.Programs;

/// <summary>
/// The real host (Program.cs) in anonymous local mode with in-memory tables, a clock stopped at
/// <see cref="SeededProgram.Now"/> and <see cref="SeededProgram"/> saved through the store ports.
/// </summary>
public sealed class ProgramHost : IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;

    public IServiceProvider Services => _factory.Services;

    public ManualTimeProvider Clock { get; } = new(SeededProgram.Now);

    public static WebApplicationFactory<Program> Create(Dictionary<string, string?> settings, TimeProvider clock) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            builder.ConfigureTestServices(services =>
            {
                services.Replace(ServiceDescriptor.Singleton<ITableEngine>(sp => new InMemoryTableEngine("progtest", TimeProvider.System)));
                services.Replace(ServiceDescriptor.Singleton(clock));
            });
        });

    public async Task InitializeAsync()
    {
        _factory = Create(new() { ["MicrosoftAppId"] = "", ["Programs:MaxImportBytes"] = "4096" }, Clock);
        await SeededProgram.SeedAsync(
            Services.GetRequiredService<IProgramStore>(),
            Services.GetRequiredService<IEnrolmentStore>(),
            Services.GetRequiredService<IProfileStore>(),
            Services.GetRequiredService<IRequestStore>(),
            Services.GetRequiredService<ICheckInStore>());
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    /// <summary>A client that names its viewer the local-development way (<c>X-MentorBot-As</c>), or nobody.</summary>
    public HttpClient ClientAs(UserId? viewer)
    {
        var client = _factory.CreateClient();
        if (viewer is { } v)
        {
            client.DefaultRequestHeaders.Add("X-MentorBot-As", v.AadObjectId);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public WebApplicationFactory<Program> Factory => _factory;
}
