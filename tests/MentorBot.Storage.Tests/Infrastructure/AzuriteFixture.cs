namespace MentorBot.Storage.Tests.Infrastructure;

/// <summary>One Azurite per test class.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    internal AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite is not running.");

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
