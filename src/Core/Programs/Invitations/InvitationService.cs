using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Programs.Reporting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentorBot.Core.Programs.Invitations;

/// <summary>Invitation pacing (section <c>Invitations</c>).</summary>
public sealed class InvitationOptions
{
    public const string SectionName = "Invitations";

    /// <summary>Installs per second; Graph allows 30 per app per tenant for installedApps.</summary>
    public double InstallsPerSecond { get; set; } = 20;

    /// <summary>The Teams app (manifest) id, for the link owners share when MentorBot cannot install itself.</summary>
    public string? TeamsAppId { get; set; }
}

/// <summary>What inviting came to.</summary>
public abstract record InviteOutcome
{
    private InviteOutcome()
    {
    }

    /// <param name="Pending">Left for the next run (throttled past the wait, Graph down).</param>
    /// <param name="ShareLink">Set when MentorBot cannot install itself: the owner shares it.</param>
    public sealed record Done(int Installed, int AlreadyDone, int Pending, int Failed, string? ShareLink) : InviteOutcome;

    /// <summary>The rows are written; <paramref name="Pending"/> people are left to install (in the background).</summary>
    public sealed record Prepared(int Pending, int AlreadyDone, string? ShareLink) : InviteOutcome;

    public sealed record NotFound : InviteOutcome;

    public sealed record NotAllowed : InviteOutcome;
}

/// <summary>The dashboard's invitation numbers, each suppressed under <see cref="Metric.MinimumPeople"/> people.</summary>
public sealed record InvitationSummary(Metric<int> Invited, Metric<int> Joined, Metric<int> Declined);

/// <summary>
/// An owner invites the people their import put on the program's list (decision 0373). Each person gets one
/// <see cref="Invitation"/> row per program before anything is sent, so the run is idempotent and resumable: a second
/// run (or one after a crash) only works through the rows still pending. Installs are paced below Graph's limit; the
/// installer honours Retry-After. With no install permission every row is marked "link shared" and the owner gets the link.
/// </summary>
public sealed partial class InvitationService(
    IProgramStore programs,
    IEnrolmentStore enrolments,
    IInvitationStore invitations,
    IAppInstaller installer,
    IOptions<InvitationOptions> options,
    TimeProvider time,
    ILogger<InvitationService> logger)
{
    /// <summary>Prepares and runs the whole invitation at once (a benchmark, a test, a small cohort).</summary>
    public async Task<InviteOutcome> InviteAsync(ProgramId programId, UserId owner, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(programId, owner, cancellationToken);
        return prepared is InviteOutcome.Prepared ? await RunPendingAsync(programId, cancellationToken) : prepared;
    }

    /// <summary>
    /// Checks the owner and writes one pending row for every imported person still invited who has none yet; the
    /// installs are <see cref="RunPendingAsync"/>'s work, so the owner's request returns at once.
    /// </summary>
    public async Task<InviteOutcome> PrepareAsync(ProgramId programId, UserId owner, CancellationToken cancellationToken)
    {
        if (await programs.GetAsync(programId, cancellationToken) is not { } stored)
        {
            return new InviteOutcome.NotFound();
        }

        var program = stored.Value;
        if (!ProgramAccess.CanManage(owner, program))
        {
            return new InviteOutcome.NotAllowed();
        }

        var now = time.GetUtcNow();
        var invited = (await enrolments.ListAsync(programId, cancellationToken))
            .Select(e => e.Value)
            .Where(e => e.State == EnrolmentState.Invited && e.Origin == EnrolmentOrigin.Imported)
            .Select(e => new Invitation(programId, e.Person, InvitationState.Pending, 0, now) { Tenant = program.Tenant })
            .ToList();
        if (invited.Count > 0)
        {
            await invitations.AddMissingAsync(invited, cancellationToken);
        }

        var rows = await invitations.ListAsync(programId, cancellationToken);
        return new InviteOutcome.Prepared(
            rows.Count(r => r.Value.State == InvitationState.Pending),
            rows.Count(r => r.Value.State is InvitationState.Installed or InvitationState.LinkShared),
            installer.CanInstall ? null : installer.ShareLink);
    }

    /// <summary>Works through the program's pending rows (after a crash, or when the last run was throttled).</summary>
    public async Task<InviteOutcome.Done> RunPendingAsync(ProgramId programId, CancellationToken cancellationToken)
    {
        var rows = await invitations.ListAsync(programId, cancellationToken);
        int installed = 0, already = rows.Count(r => r.Value.State is InvitationState.Installed or InvitationState.LinkShared), pending = 0, failed = 0;
        var spacing = TimeSpan.FromSeconds(1 / Math.Max(options.Value.InstallsPerSecond, 0.1));
        var nextAt = time.GetTimestamp();
        foreach (var row in rows.Where(r => r.Value.State == InvitationState.Pending))
        {
            if (!installer.CanInstall)
            {
                await SaveAsync(row, row.Value with { State = InvitationState.LinkShared, UpdatedAt = time.GetUtcNow() }, cancellationToken);
                already++;
                continue;
            }

            // Paced: one install per spacing, whatever the last one cost.
            var wait = time.GetElapsedTime(time.GetTimestamp(), nextAt);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            nextAt = time.GetTimestamp() + (long)(spacing.TotalSeconds * time.TimestampFrequency);
            var result = await installer.InstallAsync(row.Value.Person, cancellationToken);
            var attempts = row.Value.Attempts + 1;
            var state = result switch
            {
                InstallResult.Installed or InstallResult.AlreadyInstalled => InvitationState.Installed,
                _ when attempts >= Invitation.MaxAttempts => InvitationState.Failed,
                _ => InvitationState.Pending,
            };
            await SaveAsync(row, row.Value with { State = state, Attempts = attempts, UpdatedAt = time.GetUtcNow() }, cancellationToken);
            switch (state)
            {
                case InvitationState.Installed when result == InstallResult.Installed:
                    installed++;
                    break;
                case InvitationState.Installed:
                    already++;
                    break;
                case InvitationState.Failed:
                    failed++;
                    break;
                default:
                    pending++;
                    break;
            }
        }

        Log.Invited(logger, installed, already, pending, failed);
        return new InviteOutcome.Done(installed, already, pending, failed, installer.CanInstall ? null : installer.ShareLink);
    }

    /// <summary>Whether a run left rows pending (a crash, throttling past the wait).</summary>
    public async Task<bool> HasPendingAsync(ProgramId programId, CancellationToken cancellationToken) =>
        (await invitations.ListAsync(programId, cancellationToken)).Any(r => r.Value.State == InvitationState.Pending);

    /// <summary>Invited (installed or link shared), joined (said yes since) and declined, per program.</summary>
    public async Task<InvitationSummary> SummarizeAsync(ProgramId programId, CancellationToken cancellationToken)
    {
        var rows = (await invitations.ListAsync(programId, cancellationToken))
            .Where(r => r.Value.State is InvitationState.Installed or InvitationState.LinkShared)
            .Select(r => r.Value.Person)
            .ToHashSet();
        var states = (await enrolments.ListAsync(programId, cancellationToken))
            .Where(e => rows.Contains(e.Value.Person))
            .Select(e => e.Value.State)
            .ToList();
        var joined = states.Count(s => s is EnrolmentState.Consented or EnrolmentState.Withdrawn);
        var declined = states.Count(s => s == EnrolmentState.Declined);
        return new InvitationSummary(Metric.Of(rows.Count, rows.Count), Metric.Of(joined, joined), Metric.Of(declined, declined));
    }

    private async Task SaveAsync(Versioned<Invitation> row, Invitation changed, CancellationToken cancellationToken)
    {
        try
        {
            await invitations.ReplaceAsync(changed, row.ETag, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Another run (another instance, the owner pressing twice) settled this row first: its result stands.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Program invitations: {Installed} installed, {Already} already done, {Pending} left for the next run, {Failed} given up")]
        public static partial void Invited(ILogger logger, int installed, int already, int pending, int failed);
    }
}
