using MentorBot.Bot.Storage;
using MentorBot.Core.Persistence;

namespace MentorBot.Storage.Writer;

internal sealed record CounterResult(int Successes, int Conflicts);

/// <summary>
/// Read, add one, write back only if nobody wrote in between; on a conflict re-read and try again. If the engine
/// ever let a stale write through, the stored count would end below the number of successful writes.
/// </summary>
internal static class CounterLoop
{
    public const string Property = "Count";

    /// <param name="beforeWrite">Called with the attempt number between read and write; lets a test line writers up.</param>
    public static async Task<CounterResult> RunAsync(
        IEntityTable table, string partitionKey, string rowKey, int increments, CancellationToken cancellationToken, Func<int, Task>? beforeWrite = null)
    {
        var successes = 0;
        var conflicts = 0;
        var attempt = 0;
        while (successes < increments)
        {
            var current = await table.GetAsync(partitionKey, rowKey, cancellationToken)
                ?? throw new InvalidOperationException("The counter entity is missing.");
            var next = new TableEntity(partitionKey, rowKey) { [Property] = current[Property].AsInt32() + 1 };

            // Give other writers a chance to interleave between our read and our write.
            if (beforeWrite is null)
            {
                await Task.Yield();
            }
            else
            {
                await beforeWrite(attempt);
            }

            attempt++;
            try
            {
                await table.ReplaceAsync(next, current.ETag!.Value, cancellationToken);
                successes++;
            }
            catch (ConcurrencyConflictException)
            {
                conflicts++;
            }
        }

        return new CounterResult(successes, conflicts);
    }
}
