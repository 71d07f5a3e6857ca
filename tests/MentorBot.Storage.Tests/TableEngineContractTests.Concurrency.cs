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

        var results = await Task.WhenAll(Enumerable.Range(0, writers)
            .Select(_ => Task.Run(() => CounterLoop.RunAsync(table, "c", "counter", increments, None))));
        var final = (await table.GetAsync("c", "counter", None))![CounterLoop.Property].AsInt32();

        Assert.Equal(writers * increments, final);
        Assert.Equal(final, results.Sum(r => r.Successes));
        Assert.True(results.Sum(r => r.Conflicts) > 0, "the writers never raced, so the test proved nothing");
    }
}
