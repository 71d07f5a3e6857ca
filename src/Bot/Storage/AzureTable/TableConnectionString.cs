namespace MentorBot.Bot.Storage.AzureTable;

internal enum TableCredentialKind
{
    SharedKey,
    SharedAccessSignature,
    Entra,
}

/// <summary>
/// Where the table service is and how to sign for it, parsed the way Azure.Data.Tables reads connection strings
/// (development storage, account name + key with an endpoint suffix or explicit endpoint, or endpoint + SAS).
/// </summary>
internal sealed record TableConnection(Uri Endpoint, TableCredentialKind Kind, string? AccountName, byte[]? AccountKey, string? Sas)
{
    public const string DevelopmentAccountName = "devstoreaccount1";

    // Public, documented Azurite key; not a secret.
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The endpoint without any query string, safe to log.</summary>
    public string DisplayEndpoint => Endpoint.GetLeftPart(UriPartial.Path);

    /// <summary>Never the key or SAS: records print every member by default, and connections end up in logs.</summary>
    public override string ToString() => $"{DisplayEndpoint} ({Kind})";

    public static TableConnection ForEntra(Uri endpoint) => new(endpoint, TableCredentialKind.Entra, null, null, null);

    /// <summary>Parses or throws <see cref="FormatException"/> naming the problem (never echoing the key).</summary>
    public static TableConnection Parse(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"Storage connection string: '{KeyOf(part)}' is not a Key=Value setting.");
            }

            var key = part[..equals].Trim();
            if (!settings.TryAdd(key, part[(equals + 1)..].Trim()))
            {
                throw new FormatException($"Storage connection string: '{key}' appears twice.");
            }
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var host = settings.TryGetValue("DevelopmentStorageProxyUri", out var proxy)
                ? Absolute(proxy, "DevelopmentStorageProxyUri")
                : new Uri("http://127.0.0.1");
            var endpoint = new Uri($"{host.Scheme}://{host.Host}:10002/{DevelopmentAccountName}");
            return new(endpoint, TableCredentialKind.SharedKey, DevelopmentAccountName, Convert.FromBase64String(DevelopmentAccountKey), null);
        }

        settings.TryGetValue("AccountName", out var accountName);
        settings.TryGetValue("AccountKey", out var accountKey);
        settings.TryGetValue("TableEndpoint", out var tableEndpoint);
        settings.TryGetValue("EndpointSuffix", out var suffix);
        settings.TryGetValue("SharedAccessSignature", out var sas);

        if (!string.IsNullOrEmpty(accountName) && !string.IsNullOrEmpty(accountKey) && string.IsNullOrEmpty(sas))
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(accountKey);
            }
            catch (FormatException)
            {
                throw new FormatException("Storage connection string: AccountKey is not valid base64.");
            }

            Uri endpoint;
            if (!string.IsNullOrEmpty(tableEndpoint))
            {
                endpoint = Absolute(tableEndpoint, "TableEndpoint");
            }
            else if (!string.IsNullOrEmpty(suffix))
            {
                var protocol = settings.TryGetValue("DefaultEndpointsProtocol", out var p) ? p : "https";
                endpoint = Absolute($"{protocol}://{accountName}.table.{suffix}", "EndpointSuffix");
            }
            else
            {
                throw new FormatException("Storage connection string: AccountName and AccountKey need TableEndpoint or EndpointSuffix (e.g. EndpointSuffix=core.windows.net).");
            }

            return new(endpoint, TableCredentialKind.SharedKey, accountName, key, null);
        }

        if (!string.IsNullOrEmpty(sas) && !string.IsNullOrEmpty(tableEndpoint) && string.IsNullOrEmpty(accountKey))
        {
            return new(Absolute(tableEndpoint, "TableEndpoint"), TableCredentialKind.SharedAccessSignature, accountName, null, sas.TrimStart('?'));
        }

        throw new FormatException(
            "Storage connection string: expected UseDevelopmentStorage=true, AccountName+AccountKey+(TableEndpoint|EndpointSuffix), or TableEndpoint+SharedAccessSignature.");
    }

    private static Uri Absolute(string value, string setting) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new Uri(value.TrimEnd('/'))
            : throw new FormatException($"Storage connection string: {setting} is not an absolute http(s) URI.");

    private static string KeyOf(string part) => part.Length > 20 ? part[..20] + "…" : part;
}
