using MentorBot.Bot.Calendar;
using MentorBot.Bot.Storage;
using MentorBot.Core.CheckIns;
using MentorBot.Storage.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MentorBot.Core;

namespace MentorBot.Storage.Tests;

/// <summary>
/// Signed .ics links use the Data Protection key ring, which lives in the bot's storage (decision 0255): a link made
/// before a restart still verifies after it, and one made on instance A verifies on instance B over the same store.
/// </summary>
public sealed class DataProtectionKeySharingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly CheckInId CheckIn = new("m1-ci-2");

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("mentorbot-keys-").FullName;

    public void Dispose() => Directory.Delete(_dataFolder, recursive: true);

    [Fact]
    public async Task InviteLink_MadeBeforeARestart_StillVerifiesAfterIt_Sqlite()
    {
        var settings = Sqlite();
        string signature;
        await using (var before = Host(settings))
        {
            signature = Sign(before);
        }

        await using var after = Host(settings);

        Assert.True(Verify(after, signature));
    }

    [Fact]
    public async Task InviteLink_MadeOnInstanceA_VerifiesOnInstanceB_Sqlite()
    {
        var settings = Sqlite();
        await using var a = Host(settings);
        await using var b = Host(settings);

        var signature = Sign(a);

        Assert.True(Verify(b, signature));
    }

    [Fact]
    public async Task InviteLink_MadeOnInstanceA_VerifiesOnInstanceBAndAfterRestart_Azurite()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.Server.ConnectionString,
            ["Storage:TablePrefix"] = "k" + Guid.NewGuid().ToString("N")[..8],
        };
        string signature;
        await using (var a = Host(settings))
        {
            signature = Sign(a);
            await using var b = Host(settings);
            Assert.True(Verify(b, signature));
        }

        await using var restarted = Host(settings);

        Assert.True(Verify(restarted, signature));
    }

    [Fact]
    public async Task InviteLink_FromAnotherStore_DoesNotVerify()
    {
        await using var a = Host(Sqlite());
        var elsewhere = Directory.CreateTempSubdirectory("mentorbot-keys-other-").FullName;
        try
        {
            await using var b = Host(new Dictionary<string, string?> { ["Storage:DataFolder"] = elsewhere });

            Assert.False(Verify(b, Sign(a)));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    private Dictionary<string, string?> Sqlite() => new() { ["Storage:DataFolder"] = _dataFolder };

    private static string Sign(WebApplicationFactory<StorageOptions> host)
    {
        var link = host.Services.GetRequiredService<CheckInInviteLinks>().Create(CheckIn).ToString();
        return Uri.UnescapeDataString(link[(link.IndexOf("sig=", StringComparison.Ordinal) + 4)..]);
    }

    private static bool Verify(WebApplicationFactory<StorageOptions> host, string signature) =>
        host.Services.GetRequiredService<CheckInInviteLinks>().IsValid(CheckIn.Value, signature);

    private static WebApplicationFactory<StorageOptions> Host(Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(settings)
        {
            ["MicrosoftAppId"] = string.Empty,
            ["Nudges:Enabled"] = "false",
        };
        var factory = new WebApplicationFactory<StorageOptions>().WithWebHostBuilder(builder =>
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(all)));
        factory.CreateClient().Dispose();
        return factory;
    }
}
