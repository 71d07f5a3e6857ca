using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tests.TestSupport;
using InMemoryNudgeOutbox = MentorBot.Testing.InMemoryNudgeOutbox;

namespace MentorBot.Core.Tests.Nudges;

/// <summary>The outbox contract, pinned against the in-memory fake so storage adapters can copy these cases.</summary>
public sealed class NudgeOutboxTests
{
    private static readonly DateTimeOffset Now = People.Utc(2026, 3, 9, 12);
    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(2);
    private readonly InMemoryNudgeOutbox _outbox = new();

    [Fact]
    public async Task EnqueueIfAbsent_SameKeyTwice_SecondIsAlreadyPresentAndFirstWins()
    {
        var first = await _outbox.EnqueueIfAbsentAsync(Item("k", Now), CancellationToken.None);
        var second = await _outbox.EnqueueIfAbsentAsync(Item("k", Now.AddHours(1)), CancellationToken.None);

        Assert.Equal((EnqueueOutcome.Added, EnqueueOutcome.AlreadyPresent), (first, second));
        Assert.Equal(Now, Assert.Single(_outbox.Items).DueAt);
    }

    [Fact]
    public async Task LeaseDue_TwoWorkers_EachItemLeasedOnceUntilLeaseExpires()
    {
        await _outbox.EnqueueIfAbsentAsync(Item("a", Now), CancellationToken.None);
        await _outbox.EnqueueIfAbsentAsync(Item("b", Now.AddMinutes(1)), CancellationToken.None);
        await _outbox.EnqueueIfAbsentAsync(Item("later", Now.AddHours(1)), CancellationToken.None);

        var worker1 = await _outbox.LeaseDueAsync(Now.AddMinutes(1), "w1", LeaseFor, 10, CancellationToken.None);
        var worker2 = await _outbox.LeaseDueAsync(Now.AddMinutes(1), "w2", LeaseFor, 10, CancellationToken.None);
        var afterExpiry = await _outbox.LeaseDueAsync(Now.AddMinutes(4), "w2", LeaseFor, 10, CancellationToken.None);

        Assert.Equal(["a", "b"], worker1.Select(l => l.Item.Key.Value));
        Assert.Empty(worker2);
        Assert.Equal(["a", "b"], afterExpiry.Select(l => l.Item.Key.Value));
    }

    [Fact]
    public async Task MarkSent_AfterAnotherWorkerTookOverTheLease_LeaseLostAndNothingRecorded()
    {
        await _outbox.EnqueueIfAbsentAsync(Item("a", Now), CancellationToken.None);
        var slow = (await _outbox.LeaseDueAsync(Now, "w1", LeaseFor, 10, CancellationToken.None))[0];
        var fast = (await _outbox.LeaseDueAsync(Now.AddMinutes(3), "w2", LeaseFor, 10, CancellationToken.None))[0];

        var late = await _outbox.MarkSentAsync(slow, Now.AddMinutes(3), CancellationToken.None);
        var onTime = await _outbox.MarkSentAsync(fast, Now.AddMinutes(3), CancellationToken.None);

        Assert.Equal((LeaseOutcome.LeaseLost, LeaseOutcome.Done), (late, onTime));
        Assert.Equal((NudgeStatus.Sent, 1), (_outbox.Items[0].Status, _outbox.Items[0].Attempts));
    }

    [Fact]
    public async Task MarkFailed_WithBackoff_NotLeasedAgainBeforeNextAttempt()
    {
        await _outbox.EnqueueIfAbsentAsync(Item("a", Now), CancellationToken.None);
        var lease = (await _outbox.LeaseDueAsync(Now, "w1", LeaseFor, 10, CancellationToken.None))[0];
        var retry = NudgeRetryPolicy.AfterFailure(1, Now, retryAfter: TimeSpan.FromSeconds(3));

        await _outbox.MarkFailedAsync(lease, retry.At!.Value, "429 Too Many Requests", CancellationToken.None);

        Assert.Empty(await _outbox.LeaseDueAsync(Now.AddSeconds(59), "w1", LeaseFor, 10, CancellationToken.None));
        Assert.Single(await _outbox.LeaseDueAsync(Now.AddMinutes(1), "w1", LeaseFor, 10, CancellationToken.None));
        Assert.Equal((1, "429 Too Many Requests"), (_outbox.Items[0].Attempts, _outbox.Items[0].LastFailure));
    }

    [Fact]
    public async Task DeadLetter_NeverLeasedAgain()
    {
        await _outbox.EnqueueIfAbsentAsync(Item("a", Now), CancellationToken.None);
        var lease = (await _outbox.LeaseDueAsync(Now, "w1", LeaseFor, 10, CancellationToken.None))[0];

        await _outbox.DeadLetterAsync(lease, "recipient uninstalled the app", CancellationToken.None);

        Assert.Empty(await _outbox.LeaseDueAsync(Now.AddDays(1), "w1", LeaseFor, 10, CancellationToken.None));
        Assert.Equal(NudgeStatus.Dead, _outbox.Items[0].Status);
    }

    [Theory]
    [InlineData(1, null, 60)]
    [InlineData(2, null, 300)]
    [InlineData(5, null, 14400)]
    [InlineData(1, 120, 120)]
    [InlineData(3, 5, 900)]
    public void RetryPolicy_AfterFailure_BackoffStepOrRetryAfterWhicheverIsLonger(int attempts, int? retryAfterSeconds, int expectedSeconds)
    {
        var retryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;

        var decision = NudgeRetryPolicy.AfterFailure(attempts, Now, retryAfter);

        Assert.Equal(Now.AddSeconds(expectedSeconds), decision.At);
    }

    [Fact]
    public void RetryPolicy_AttemptsExhausted_DeadLetter()
    {
        Assert.True(NudgeRetryPolicy.AfterFailure(NudgeRetryPolicy.MaxAttempts, Now).DeadLetter);
    }

    private static NudgeOutboxItem Item(string key, DateTimeOffset due) =>
        new(new NudgeKey(key), new UserId("nia"), NudgeKind.AgendaPrep, due, new NudgePayload(new MentorshipId("m-1")));
}
