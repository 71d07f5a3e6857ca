using System.Diagnostics;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using MentorBot.Bot.Storage;
using MentorBot.Bot.Storage.AzureTable;
using MentorBot.Core.Persistence;
using MentorBot.Storage.Tests.Infrastructure;

namespace MentorBot.Storage.Tests;

public sealed class AzureTableResilienceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Get_NothingListeningOnPort_ThrowsStorageUnavailableAfterBoundedRetries()
    {
        var engine = AzuriteContractTests.CreateEngine(AzuriteServer.ConnectionStringFor(AzuriteServer.FreePort()), "down", maxRetries: 2);
        var stopwatch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(() => engine.GetTable("things").GetAsync("p", "r", None));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Contains("unreachable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insert_StorageComesBack_SucceedsOnTheSameEngine()
    {
        var port = AzuriteServer.FreePort();
        var engine = AzuriteContractTests.CreateEngine(AzuriteServer.ConnectionStringFor(port), "back", maxRetries: 1);
        var table = engine.GetTable("things");
        await Assert.ThrowsAsync<StorageUnavailableException>(() => table.CreateIfNotExistsAsync(None));

        await using var azurite = await AzuriteServer.StartAsync(port);
        await table.CreateIfNotExistsAsync(None);
        await table.InsertAsync(new TableEntity("p", "r") { ["A"] = 1 }, None);

        Assert.Equal(1, (await table.GetAsync("p", "r", None))!["A"].AsInt32());
    }

    [Fact]
    public async Task Get_ServerKeepsAnswering503_ThrowsStorageUnavailableWithRetryAfter()
    {
        var handler = new StubHandler(_ => Respond(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 1));
        var engine = StubEngine(handler, TableConnection.Parse(AzuriteServer.ConnectionStringFor(10002)), maxRetries: 2);

        var ex = await Assert.ThrowsAsync<StorageUnavailableException>(() => engine.GetTable("things").GetAsync("p", "r", None));

        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Get_Transient500ThenSuccess_ReturnsEntity()
    {
        var handler = new StubHandler(n => n == 0
            ? Respond(HttpStatusCode.InternalServerError)
            : Respond(HttpStatusCode.OK, """{"PartitionKey":"p","RowKey":"r","A":5}""", etag: "W/\"datetime'x'\""));
        var engine = StubEngine(handler, TableConnection.Parse(AzuriteServer.ConnectionStringFor(10002)), maxRetries: 2);

        var entity = await engine.GetTable("things").GetAsync("p", "r", None);

        Assert.Equal(5, entity!["A"].AsInt32());
        Assert.Equal(new ETag("W/\"datetime'x'\""), entity.ETag);
    }

    [Fact]
    public async Task Get_EntraMode_SendsBearerTokenForStorageScopeAndNoSharedKey()
    {
        var handler = new StubHandler(_ => Respond(HttpStatusCode.NotFound, """{"odata.error":{"code":"ResourceNotFound"}}"""));
        var credential = new StaticTokenCredential("token-123");
        var engine = StubEngine(handler, TableConnection.ForEntra(new Uri("https://acct.table.core.windows.net")), maxRetries: 0, credential);

        var entity = await engine.GetTable("things").GetAsync("p", "O'Brien", None);

        Assert.Null(entity);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer token-123", request.Authorization);
        Assert.Equal([AzureTableEngine.StorageScope], credential.Scopes);
        Assert.Equal("2019-02-02", request.Version);
        Assert.Equal("/mentorbotthings(PartitionKey='p',RowKey='O%27%27Brien')", request.PathAndQuery);
    }

    [Fact]
    public async Task Get_SasMode_AppendsSignatureToQueryAndSendsNoAuthorization()
    {
        var handler = new StubHandler(_ => Respond(HttpStatusCode.NotFound, """{"odata.error":{"code":"ResourceNotFound"}}"""));
        var connection = TableConnection.Parse("TableEndpoint=https://acct.table.core.windows.net/;SharedAccessSignature=sv=2019-02-02&sig=abc%2Bdef");
        var engine = StubEngine(handler, connection, maxRetries: 0);

        await engine.GetTable("things").GetAsync("p", "r", None);

        var request = Assert.Single(handler.Requests);
        Assert.Null(request.Authorization);
        Assert.EndsWith("?sv=2019-02-02&sig=abc%2Bdef", request.PathAndQuery, StringComparison.Ordinal);
    }

    private static AzureTableEngine StubEngine(StubHandler handler, TableConnection connection, int maxRetries, TokenCredential? credential = null)
    {
        var options = StorageServiceCollectionExtensions.CreateClientOptions(new StorageOptions
        {
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        });
        options.Transport = new HttpClientTransport(new HttpClient(handler));
        return new AzureTableEngine(connection, "mentorbot", options, TimeProvider.System, credential);
    }

    private static HttpResponseMessage Respond(HttpStatusCode status, string? json = null, string? etag = null, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json ?? string.Empty) };
        if (etag is not null)
        {
            response.Headers.TryAddWithoutValidation("ETag", etag);
        }

        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }

    private sealed record SeenRequest(string PathAndQuery, string? Authorization, string? Version);

    private sealed class StubHandler(Func<int, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(new SeenRequest(
                    request.RequestUri!.PathAndQuery,
                    request.Headers.TryGetValues("Authorization", out var auth) ? auth.Single() : null,
                    request.Headers.TryGetValues("x-ms-version", out var version) ? version.Single() : null));
                return Task.FromResult(respond(Requests.Count - 1));
            }
        }
    }

    private sealed class StaticTokenCredential(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
