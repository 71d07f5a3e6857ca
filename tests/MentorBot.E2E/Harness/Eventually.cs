using System.Diagnostics;

namespace MentorBot.E2E.Harness;

/// <summary>For what a page shows after something happened elsewhere (a card updated in place by the bot).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string failure, TimeSpan? timeout = null)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > (timeout ?? E2ESettings.ReplyTimeout))
            {
                Assert.Fail(failure);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
