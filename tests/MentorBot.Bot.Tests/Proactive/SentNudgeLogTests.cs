using MentorBot.Bot.Proactive;
using MentorBot.Core.Nudges;

namespace MentorBot.Bot.Tests.Proactive;

public sealed class SentNudgeLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Delivered_ThenRecorded_Forgotten()
    {
        var log = new SentNudgeLog();
        log.Delivered(new NudgeKey("k"), Start);

        var known = log.TryGetDelivered(new NudgeKey("k"), out var at);
        log.Recorded(new NudgeKey("k"));

        Assert.Equal((true, Start), (known, at));
        Assert.False(log.TryGetDelivered(new NudgeKey("k"), out _));
    }

    [Fact]
    public void Delivered_LongOutageManyNeverRecorded_OldEntriesPruned()
    {
        var log = new SentNudgeLog();
        for (var i = 0; i < 10_000; i++)
        {
            log.Delivered(new NudgeKey($"old-{i}"), Start);
        }

        log.Delivered(new NudgeKey("new-1"), Start.AddDays(2));
        log.Delivered(new NudgeKey("new-2"), Start.AddDays(2));

        Assert.True(log.Count <= 2, $"{log.Count} entries kept");
        Assert.True(log.TryGetDelivered(new NudgeKey("new-2"), out _));
    }
}
