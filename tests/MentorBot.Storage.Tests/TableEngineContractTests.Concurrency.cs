using MentorBot.Bot.Storage;
using MentorBot.Storage.Writer;

namespace MentorBot.Storage.Tests;

public abstract partial class TableEngineContractTests
{
    [Fact]
    public async Task ParallelWriters_ReadModifyConditionalWrite_EveryLostUpdateIsAConflict()
    {
        var table = await NewTableAsync();
        await table.InsertAsync(new TableEntity("c", "counter") { [CounterLoop.Property] = 0 }, None);
        const int writers = 8;
        const int increments = 12;
        // Every writer's first attempt waits until all have read version 0, so at least writers - 1 must conflict.
        var allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = 0;
        Task LineUp(int attempt)
        {
            if (attempt > 0)
            {
                return Task.CompletedTask;
            }

            if (Interlocked.Increment(ref readers) == writers)
            {
                allRead.SetResult();
            }

            return allRead.Task;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, writers)
            .Select(_ => Task.Run(() => CounterLoop.RunAsync(table, "c", "counter", increments, None, LineUp))));
        var final = (await table.GetAsync("c", "counter", None))![CounterLoop.Property].AsInt32();

        Assert.Equal(writers * increments, final);
        Assert.Equal(final, results.Sum(r => r.Successes));
        Assert.True(results.Sum(r => r.Conflicts) >= writers - 1, "the lined-up first writes must conflict");
    }
}
