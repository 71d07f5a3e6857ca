using System.Globalization;
using Azure.Core;
using MentorBot.Core;
using MentorBot.Bot.Calendar;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Storage;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Invitations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MentorBot.Storage.Writer;

/// <summary>
/// <c>writer invite &lt;data-folder&gt; &lt;graph-base-url&gt; &lt;program&gt; &lt;owner&gt; &lt;installs-per-second&gt;</c>: the product's
/// composition on a SQLite folder with Graph pointed at a loopback stub, inviting one program's imported people. The
/// invitation crash test kills it part-way and runs it again.
/// </summary>
internal static class InviteRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 6)
        {
            await Console.Error.WriteLineAsync("usage: writer invite <data-folder> <graph-base-url> <program> <owner> <installs-per-second>");
            return 2;
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = string.Empty,
            ["Storage:DataFolder"] = args[1],
            ["Graph:TenantId"] = "00000000-0000-0000-0000-000000000001",
            ["Graph:ClientId"] = "00000000-0000-0000-0000-000000000002",
            ["Graph:ClientSecret"] = "not-a-real-secret",
            ["Graph:BaseUrl"] = args[2],
            ["Graph:InstallForUsers"] = "true",
            ["Graph:TeamsAppCatalogId"] = "0f2b7c3e-catalog-app",
            ["Invitations:InstallsPerSecond"] = args[5],
        });
        builder.AddMentorBotProduct();
        builder.Services.Replace(ServiceDescriptor.Singleton<IAccessTokenProvider>(new GraphAccessTokenProvider(new StaticCredential(), new Uri(args[2]))));
        builder.Logging.ClearProviders();
        using var host = builder.Build();
        await host.Services.GetServices<IHostedService>().OfType<StorageInitializer>().Single().StartAsync(CancellationToken.None);

        var outcome = await host.Services.GetRequiredService<InvitationService>().InviteAsync(new ProgramId(args[3]), new UserId(args[4]), CancellationToken.None);
        if (outcome is not InviteOutcome.Done done)
        {
            await Console.Error.WriteLineAsync($"invite: {outcome}");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {done.Installed} {done.AlreadyDone} {done.Pending} {done.Failed}"));
        return 0;
    }

    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("graph-test-token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
