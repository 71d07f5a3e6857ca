using MentorBot.Bot.Storage.AzureTable;

namespace MentorBot.Storage.Tests;

public sealed class TableConnectionTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtAzuriteWithDevAccount()
    {
        var connection = TableConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.Endpoint);
        Assert.Equal(TableCredentialKind.SharedKey, connection.Kind);
        Assert.Equal("devstoreaccount1", connection.AccountName);
    }

    [Fact]
    public void Parse_DevelopmentStorageProxy_KeepsSchemeAndHostButUsesTablePort()
    {
        var connection = TableConnection.Parse("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite.local:9999");

        Assert.Equal(new Uri("http://azurite.local:10002/devstoreaccount1"), connection.Endpoint);
    }

    [Fact]
    public void Parse_AccountKeyAndSuffix_BuildsEndpointWithDefaultHttps()
    {
        var connection = TableConnection.Parse($"AccountName=contoso;AccountKey={Key};EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://contoso.table.core.windows.net"), connection.Endpoint);
        Assert.Equal("contoso", connection.AccountName);
    }

    [Fact]
    public void Parse_PortalStyleStringWithProtocol_UsesGivenProtocolAndIgnoresKeyCase()
    {
        var connection = TableConnection.Parse($"defaultendpointsprotocol=http;accountname=contoso;ACCOUNTKEY={Key};endpointsuffix=core.chinacloudapi.cn;");

        Assert.Equal(new Uri("http://contoso.table.core.chinacloudapi.cn"), connection.Endpoint);
    }

    [Fact]
    public void Parse_ExplicitTableEndpoint_WinsOverSuffix()
    {
        var connection = TableConnection.Parse($"AccountName=devstoreaccount1;AccountKey={Key};TableEndpoint=http://127.0.0.1:12345/devstoreaccount1;EndpointSuffix=ignored");

        Assert.Equal(new Uri("http://127.0.0.1:12345/devstoreaccount1"), connection.Endpoint);
    }

    [Fact]
    public void Parse_SasShape_KeepsTokenWithoutQuestionMark()
    {
        var connection = TableConnection.Parse("TableEndpoint=https://contoso.table.core.windows.net;SharedAccessSignature=?sv=2019-02-02&sig=x");

        Assert.Equal(TableCredentialKind.SharedAccessSignature, connection.Kind);
        Assert.Equal("sv=2019-02-02&sig=x", connection.Sas);
    }

    [Fact]
    public void ToString_SasConnection_ShowsEndpointButNoSecret()
    {
        var connection = TableConnection.Parse("TableEndpoint=https://contoso.table.core.windows.net;SharedAccessSignature=sv=2019-02-02&sig=secret");

        var text = connection.ToString();

        Assert.Contains("contoso.table.core.windows.net", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=contoso;AccountKey=" + Key)]
    [InlineData("AccountName=contoso;EndpointSuffix=core.windows.net")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=" + Key + ";EndpointSuffix=x")]
    [InlineData("AccountName=contoso;AccountKey=not base64!;EndpointSuffix=core.windows.net")]
    [InlineData("TableEndpoint=not-a-uri;SharedAccessSignature=sig=x")]
    [InlineData("just text")]
    public void Parse_IncompleteOrMalformed_ThrowsFormatExceptionWithoutEchoingKey(string connectionString)
    {
        var ex = Assert.Throws<FormatException>(() => TableConnection.Parse(connectionString));

        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
    }
}
