using MentorBot.Core;
using MentorBot.Bot.Calendar;
using MentorBot.Core.Organisation;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Invitations;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Workers;

/// <summary>
/// With <c>Graph:SyncDirectory</c>, runs a directory delta round for the Graph tenant every
/// <see cref="GraphOptions.DirectorySyncInterval"/> (the first at start), holding a lease in storage so only one
/// instance syncs (decision 0371). It also finishes program invitations a crash left pending. A failed round (no
/// token, Graph down) is logged and retried at the next interval; the bot works on without the directory meanwhile.
/// </summary>
public sealed partial class DirectorySyncWorker(
    DirectorySync sync,
    IDirectory directory,
    IDirectoryStore store,
    InvitationService invitations,
    IProgramStore programs,
    IOptions<GraphOptions> graph,
    DefaultTenant defaultTenant,
    TimeProvider time,
    ILogger<DirectorySyncWorker> logger) : BackgroundService
{
    public const string SyncLease = "directory-sync";
    public const string InvitationLease = "invitations";

    private readonly string _holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeInvitationsAsync(stoppingToken);
        if (!directory.IsConfigured)
        {
            return;
        }

        var interval = graph.Value.DirectorySyncInterval;
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await WaitAsync(interval, stoppingToken));
    }

    /// <summary>One round if this instance holds (or takes) the lease; false when another instance holds it.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            if (!await store.TryAcquireLeaseAsync(SyncLease, _holder, now, now + graph.Value.DirectorySyncInterval, cancellationToken))
            {
                return false;
            }

            await sync.SyncAsync(defaultTenant.InCore(TenantId.From(graph.Value.TenantId)), cancellationToken);
            return true;
        }
        catch (DirectoryUnavailableException e)
        {
            Log.SyncFailed(logger, e.Failure, e.Message);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.SyncCrashed(logger, e);
            return false;
        }
    }

    /// <summary>Invitations a crash (or throttling) left pending, program by program, under their own lease.</summary>
    public async Task ResumeInvitationsAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Read first: a start with nothing left to do writes nothing (no lease row either).
            var pending = new List<ProgramId>();
            foreach (var program in await programs.ListAsync(cancellationToken))
            {
                if (await invitations.HasPendingAsync(program.Value.Id, cancellationToken))
                {
                    pending.Add(program.Value.Id);
                }
            }

            var now = time.GetUtcNow();
            if (pending.Count == 0 || !await store.TryAcquireLeaseAsync(InvitationLease, _holder, now, now + TimeSpan.FromMinutes(30), cancellationToken))
            {
                return;
            }

            foreach (var program in pending)
            {
                await invitations.RunPendingAsync(program, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ResumeFailed(logger, e);
        }
    }

    private async Task<bool> WaitAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(interval, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Directory sync failed ({Failure}): {Reason} Trying again at the next interval; MentorBot works on with what it knows")]
        public static partial void SyncFailed(ILogger logger, DirectoryFailure failure, string reason);

        [LoggerMessage(2, LogLevel.Error, "Directory sync failed; trying again at the next interval")]
        public static partial void SyncCrashed(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Error, "Resuming program invitations failed; the owner can start them again from the dashboard")]
        public static partial void ResumeFailed(ILogger logger, Exception exception);
    }
}
