using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MentorBot.Bot.Calendar;
using MentorBot.Bot.Hosting;
using MentorBot.Bot.Organisation;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Core.Organisation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Tests.Calendar;

/// <summary>Decision 0402: Graph with a certificate instead of a secret (file or thumbprint); a wrong one is one sentence.</summary>
public sealed class GraphCertificateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mentorbot-cert-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void PemWithKey_Loads_AndTheDirectoryIsOnWithoutASecret()
    {
        var path = WriteCertificate(pem: true, password: null);
        var graph = Options(path);

        Assert.True(graph.HasCredential);
        Assert.Null(GraphCertificates.Problem(graph));
        using var loaded = GraphCertificates.Load(graph);
        Assert.True(loaded.HasPrivateKey);

        // The product's composition makes the Graph directory (the credential is built, never asked for a token here).
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = string.Empty,
            ["Graph:TenantId"] = graph.TenantId,
            ["Graph:ClientId"] = graph.ClientId,
            ["Graph:ClientCertificatePath"] = path,
            ["Graph:SyncDirectory"] = "true",
        });
        builder.AddMentorBotProduct(new MentorBotOverrides { StorageEngine = new InMemoryTableEngine("cert", TimeProvider.System), Clock = TimeProvider.System });
        using var host = builder.Build();
        Assert.IsType<GraphDirectory>(host.Services.GetRequiredService<IDirectory>());
        Assert.Empty(host.Services.GetRequiredService<IOptionsMonitor<GraphOptions>>().CurrentValue.ClientSecret ?? string.Empty);
    }

    [Fact]
    public void PfxWithPassword_Loads_WrongPasswordIsOneSentenceNamingTheSetting()
    {
        var path = WriteCertificate(pem: false, password: "pfx-password");

        Assert.Null(GraphCertificates.Problem(Options(path, "pfx-password")));
        var problem = GraphCertificates.Problem(Options(path, "wrong"));

        Assert.NotNull(problem);
        Assert.StartsWith("Graph:ClientCertificatePath cannot be read", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateWithoutPrivateKey_IsRefused()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=MentorBot test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(_folder, "public-only.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());

        Assert.StartsWith("Graph:ClientCertificatePath cannot be read", GraphCertificates.Problem(Options(path)), StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateAndSecretBoth_AreOneMistake()
    {
        var graph = Options(WriteCertificate(pem: true, password: null));
        graph.ClientSecret = "s";

        Assert.Contains("keep one credential", GraphCertificates.Problem(graph), StringComparison.Ordinal);
    }

    private static GraphOptions Options(string path, string? password = null) => new()
    {
        TenantId = "00000000-0000-0000-0000-0000000000f1",
        ClientId = "00000000-0000-0000-0000-0000000000a1",
        ClientCertificatePath = path,
        ClientCertificatePassword = password,
        SyncDirectory = true,
    };

    private string WriteCertificate(bool pem, string? password)
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=MentorBot test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(_folder, pem ? "graph.pem" : "graph.pfx");
        if (pem)
        {
            File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        }
        else
        {
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        }

        return path;
    }
}
