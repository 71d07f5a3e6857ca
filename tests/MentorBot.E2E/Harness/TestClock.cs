using System.Net;
using System.Net.Http.Json;

namespace MentorBot.E2E.Harness;

/// <summary>
/// Moves the bot's <see cref="TimeProvider"/> forward, so a scenario can reach "tomorrow 9:00, a check-in nudge is due"
/// in milliseconds. The bot serves the endpoint only in the <c>Testing</c> environment (decision 0091); it answers
/// once the due work (nudges, expiries) for the new time has been handed to the connector, so a scenario can then
/// wait for the resulting bubbles exactly as for a reply.
/// </summary>
public sealed class TestClock(Uri botAddress)
{
    public const string Path = "_testing/clock/advance";

    /// <returns>The bot's new current time.</returns>
    public async Task<DateTimeOffset> AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = botAddress, Timeout = E2ESettings.ReplyTimeout };
        using var response = await http.PostAsJsonAsync(new Uri(Path, UriKind.Relative), new AdvanceClock(by), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new HarnessException($"The bot has no {Path} endpoint: it is served only in the Testing environment, once the Testing clock exists (decision 0091).");
        }

        response.EnsureSuccessStatusCode();
        var now = await response.Content.ReadFromJsonAsync<ClockNow>(cancellationToken);
        return now?.Now ?? throw new HarnessException($"{Path} answered without the new time.");
    }

    private sealed record AdvanceClock(TimeSpan By);

    private sealed record ClockNow(DateTimeOffset Now);
}
