using System.Net;
using MentorBot.E2E.Harness;

namespace MentorBot.E2E.Faults;

/// <summary>
/// Azurite stops in the middle of a conversation: turns are refused clearly (503, Retry-After, problem details) and the
/// health check says so, nothing half-done is left behind, and everything works again when storage returns.
/// </summary>
[Collection(Faults.Collection)]
public sealed class StorageOutageTests
{
    [Fact]
    public async Task AzuriteStopsAndReturns_TurnsGet503WithRetryAfter_ThenServeAgainWithDataIntact()
    {
        await using var rig = await FaultRig.StartAsync(nameof(AzuriteStopsAndReturns_TurnsGet503WithRetryAfter_ThenServeAgainWithDataIntact));
        var junior = new FaultPerson("Junior Jo", 1);
        var senior = new FaultPerson("Senior Sam", 2);
        await rig.JoinAsJuniorAsync(junior);
        await rig.JoinAsSeniorAsync(senior);
        var request = await rig.AskForPowerBiAsync(senior);
        using var http = new HttpClient { BaseAddress = rig.Bot!.BaseAddress };

        await rig.StopAzuriteAsync();
        var (status, body, response) = await rig.PostAsync(rig.Message(senior, "my mentoring"));
        using (response)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without a Retry-After");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Storage is temporarily unavailable", body, StringComparison.Ordinal);
        }

        using (var health = await http.GetAsync(new Uri("healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        await rig.RestartAzuriteAsync();

        using (var health = await http.GetAsync(new Uri("healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        await rig.PostOkAsync(rig.Message(senior, "my mentoring"));
        await rig.Connector.WaitForRequestAsync(r => r.RawTarget.Contains(Uri.EscapeDataString(senior.ConversationId), StringComparison.Ordinal)
            && r.Body.Contains("Power BI", StringComparison.Ordinal) && r.Body.Contains(junior.Name, StringComparison.Ordinal));
        Assert.NotNull(await rig.Profiles.GetAsync(junior.Id, CancellationToken.None));
        var stored = (await rig.Requests.GetAsync(request.Id, CancellationToken.None))!.Value;
        Assert.Equal(request.PendingOffer, stored.PendingOffer);
    }
}
