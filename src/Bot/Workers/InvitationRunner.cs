using System.Collections.Concurrent;
using MentorBot.Core;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Invitations;

namespace MentorBot.Bot.Workers;

/// <summary>
/// Runs a program's pending invitations in the background after an owner asked (decision 0373): one run per program at
/// a time, stopped with the host. A run the host did not finish (a crash, a deploy) is resumed by
/// <see cref="DirectorySyncWorker"/> at the next start, from the durable rows.
/// </summary>
public sealed partial class InvitationRunner(InvitationService invitations, ILogger<InvitationRunner> logger) : IDisposable
{
    private readonly ConcurrentDictionary<ProgramId, Task> _running = new();

    // Cancelled when the container disposes the runner (host shutdown); a run stopped there resumes at the next start.
    private readonly CancellationTokenSource _stopping = new();

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>Starts a run unless one is going for the program; returns at once.</summary>
    public void Start(ProgramId program)
    {
        _running.AddOrUpdate(
            program,
            p => Task.Run(() => RunAsync(p)),
            (p, current) => current.IsCompleted ? Task.Run(() => RunAsync(p)) : current);
    }

    /// <summary>The current run of the program (completed when none): tests and the benchmark wait on it.</summary>
    public Task RunningFor(ProgramId program) => _running.TryGetValue(program, out var task) ? task : Task.CompletedTask;

    private async Task RunAsync(ProgramId program)
    {
        try
        {
            await invitations.RunPendingAsync(program, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Log.Failed(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A program's invitations stopped part-way; the pending ones resume at the next start or when the owner invites again")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
