using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MentorBot.Bot.Calendar;

/// <summary>
/// The app registration's certificate for Graph (decision 0402): from a PEM or .pfx file, or by thumbprint from the
/// CurrentUser or LocalMachine "My" store. <see cref="Problem"/> says in one sentence which setting is wrong, so a
/// missing or unreadable certificate stops the start (and fails <c>--check</c>) instead of failing the first Graph call.
/// </summary>
public static class GraphCertificates
{
    /// <summary>The certificate the options name, with its private key. Throws <see cref="CryptographicException"/> when it cannot be had.</summary>
    public static X509Certificate2 Load(GraphOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ClientCertificatePath))
        {
            var path = options.ClientCertificatePath.Trim();
            var certificate = IsPem(path)
                ? X509Certificate2.CreateFromPemFile(path)
                : X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(options.ClientCertificatePassword) ? null : options.ClientCertificatePassword);
            return certificate.HasPrivateKey
                ? certificate
                : throw new CryptographicException("The certificate has no private key.");
        }

        var thumbprint = (options.ClientCertificateThumbprint ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (CryptographicException)
            {
                continue;
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0 && found[0].HasPrivateKey)
            {
                return found[0];
            }
        }

        throw new CryptographicException("No certificate with a private key has that thumbprint.");
    }

    /// <summary>One sentence naming the setting when a named certificate cannot be used; null when none is named or it loads.</summary>
    public static string? Problem(GraphOptions options)
    {
        if (!options.HasCertificate)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(options.ClientCertificatePath) && !string.IsNullOrWhiteSpace(options.ClientCertificateThumbprint))
        {
            return "Graph:ClientCertificatePath and Graph:ClientCertificateThumbprint are both set: name the certificate one way only.";
        }

        if (!string.IsNullOrWhiteSpace(options.ClientSecret) || options.UseManagedIdentity)
        {
            return "Graph has a certificate and also Graph:ClientSecret or Graph:UseManagedIdentity: keep one credential.";
        }

        var setting = string.IsNullOrWhiteSpace(options.ClientCertificatePath) ? "Graph:ClientCertificateThumbprint" : "Graph:ClientCertificatePath";
        if (setting == "Graph:ClientCertificatePath" && !File.Exists(options.ClientCertificatePath!.Trim()))
        {
            return "Graph:ClientCertificatePath names a file that does not exist or cannot be seen by this process.";
        }

        try
        {
            using var certificate = Load(options);
            return null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return setting == "Graph:ClientCertificatePath"
                ? "Graph:ClientCertificatePath cannot be read as a certificate with its private key (PEM, or .pfx with Graph:ClientCertificatePassword when it has one)."
                : "Graph:ClientCertificateThumbprint names no certificate with a private key in the CurrentUser or LocalMachine \"My\" store.";
        }
    }

    private static bool IsPem(string path) =>
        path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
        || (File.Exists(path) && File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal));
}
