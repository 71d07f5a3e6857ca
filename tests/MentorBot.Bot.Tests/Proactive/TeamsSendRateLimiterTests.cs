using MentorBot.Bot.Proactive;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Tests.Proactive;

public sealed class TeamsSendRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryReserve_TwoThousandSendsToOneConversation_EveryTeamsWindowRespected()
    {
        var limiter = new TeamsSendRateLimiter(Options.Create(new NudgeOptions()));

        var times = Enumerable.Range(0, 2000).Select(_ => Reserve(limiter, "t", "a:one", Start)).ToArray();

        Assert.True(MostIn(times, TimeSpan.FromSeconds(1)) <= 7);
        Assert.True(MostIn(times, TimeSpan.FromSeconds(2)) <= 8);
        Assert.True(MostIn(times, TimeSpan.FromSeconds(30)) <= 60);
        Assert.True(MostIn(times, TimeSpan.FromHours(1)) <= 1800);
        Assert.Equal(5, times.Count(t => t == Start));
    }

    [Fact]
    public void TryReserve_ManyConversationsInOneTenant_TenantRateRespected()
    {
        var limiter = new TeamsSendRateLimiter(Options.Create(new NudgeOptions { TenantSendsPerSecond = 25 }));

        var times = Enumerable.Range(0, 500).Select(i => Reserve(limiter, "t", $"a:{i}", Start)).ToArray();

        Assert.True(MostIn(times, TimeSpan.FromSeconds(1)) <= 31);
        Assert.Equal(Start.AddSeconds(495 / 25.0), times[^1]);
    }

    [Fact]
    public void TryReserve_OtherTenant_NotSlowedByABusyOne()
    {
        var limiter = new TeamsSendRateLimiter(Options.Create(new NudgeOptions()));
        for (var i = 0; i < 200; i++)
        {
            Reserve(limiter, "busy", $"a:{i}", Start);
        }

        var other = Reserve(limiter, "quiet", "a:x", Start);

        Assert.Equal(Start, other);
    }

    [Fact]
    public void TryReserve_WaitLongerThanAllowed_ReservesNothing()
    {
        var limiter = new TeamsSendRateLimiter(Options.Create(new NudgeOptions()));
        for (var i = 0; i < 5; i++)
        {
            Reserve(limiter, "t", "a:one", Start);
        }

        var refused = limiter.TryReserve("t", "a:one", Start, TimeSpan.FromMilliseconds(500), out var wouldBe);
        var accepted = limiter.TryReserve("t", "a:one", Start, TimeSpan.FromSeconds(1), out var reserved);

        Assert.False(refused);
        Assert.Equal(Start.AddSeconds(1), wouldBe);
        Assert.True(accepted);
        Assert.Equal(Start.AddSeconds(1), reserved);
    }

    [Fact]
    public void Throttled_ByTeams_NothingMoreToThatConversationBeforeRetryAfter()
    {
        var limiter = new TeamsSendRateLimiter(Options.Create(new NudgeOptions()));

        limiter.Throttled("a:one", Start.AddSeconds(30));
        var next = Reserve(limiter, "t", "a:one", Start);
        Assert.True(limiter.TryReserveConversation("a:two", Start, TimeSpan.Zero, out var elsewhere));

        Assert.Equal(Start.AddSeconds(30), next);
        Assert.Equal(Start, elsewhere);
    }

    [Fact]
    public void TryReserve_IdleConversations_ForgottenAsTheTableGrows()
    {
        var limiter = new TeamsSendRateLimiter(Options.Create(new NudgeOptions { TenantSendsPerSecond = 45 }));
        for (var i = 0; i < 5000; i++)
        {
            Reserve(limiter, $"t{i}", $"a:{i}", Start.AddSeconds(i * 10));
        }

        Assert.True(limiter.TrackedConversations < 2048, $"{limiter.TrackedConversations} conversations still tracked");
    }

    private static DateTimeOffset Reserve(TeamsSendRateLimiter limiter, string tenant, string conversation, DateTimeOffset now)
    {
        Assert.True(limiter.TryReserve(tenant, conversation, now, TimeSpan.MaxValue, out var at));
        return at;
    }

    private static int MostIn(DateTimeOffset[] sorted, TimeSpan window)
    {
        var most = 0;
        var first = 0;
        for (var last = 0; last < sorted.Length; last++)
        {
            while (sorted[last] - sorted[first] > window)
            {
                first++;
            }

            most = Math.Max(most, last - first + 1);
        }

        return most;
    }
}
