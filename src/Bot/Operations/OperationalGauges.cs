using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Bot.Telemetry;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Persistence;
using MentorBot.Core.Requests;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Operations;

/// <summary>
/// The gauges an operator watches: outbox depth, age of the oldest due item, active pairings and open requests
/// (decision 0274). Counting them means reading rows (Table storage has no count), so a scrape never waits for storage:
/// it reports the last snapshot and, when that is older than <see cref="TelemetryOptions.GaugeRefreshInterval"/>
/// (default 30 s), starts one refresh in the background. Nothing is read unless an exporter collects, so zero set-up stays zero. Totals over all tenants, no tags.
/// </summary>
public sealed partial class OperationalGauges : IHostedService, IDisposable
{
    // One instrument per name for the process; each host (tests run several) adds its own snapshot while it lives.
    private static readonly ConcurrentDictionary<OperationalGauges, byte> Live = new();

    private readonly IOutboxBacklog? _outbox;
    private readonly IMentorshipStore _mentorships;
    private readonly IRequestStore _requests;
    private readonly TimeProvider _time;
    private readonly ILogger<OperationalGauges> _logger;
    private readonly long _refreshTicks;
    private volatile Snapshot? _snapshot;
    private long _lastAttemptTicks = DateTimeOffset.MinValue.UtcTicks;
    private int _refreshing;

    static OperationalGauges()
    {
        MentorBotTelemetry.Meter.CreateObservableGauge(
            "mentorbot.outbox.depth", () => Observe(s => s.OutboxDepth), "{item}", "Outbox items not yet settled (due, waiting for a retry, or leased).");
        MentorBotTelemetry.Meter.CreateObservableGauge(
            "mentorbot.outbox.oldest_due_age", ObserveOldestDue, "s", "How long the longest-waiting due outbox item has been ready; 0 when nothing is due.");
        MentorBotTelemetry.Meter.CreateObservableGauge(
            "mentorbot.pairings.active", () => Observe(s => s.ActivePairings), "{pairing}", "Active mentoring pairings.");
        MentorBotTelemetry.Meter.CreateObservableGauge(
            "mentorbot.requests.open", () => Observe(s => s.OpenRequests), "{request}", "Requests still searching or offered.");
    }

    public OperationalGauges(
        INudgeOutbox outbox,
        IMentorshipStore mentorships,
        IRequestStore requests,
        TimeProvider time,
        ILogger<OperationalGauges> logger,
        IOptions<TelemetryOptions>? options = null)
    {
        _refreshTicks = (options?.Value ?? new TelemetryOptions()).GaugeRefreshInterval.Ticks;
        // A test double outbox has no backlog to measure; the table outbox has.
        _outbox = outbox as IOutboxBacklog;
        _mentorships = mentorships;
        _requests = requests;
        _time = time;
        _logger = logger;
        Live.TryAdd(this, 0);
    }

    /// <summary>Reads the counts now (a scrape does this in the background when its snapshot is stale).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        Volatile.Write(ref _lastAttemptTicks, now.UtcTicks);
        try
        {
            var backlog = _outbox is null ? null : await _outbox.MeasureBacklogAsync(now, cancellationToken);
            var active = await CountAsync(_mentorships.ListActiveAsync, cancellationToken);
            var open = await CountAsync(_requests.ListOpenAsync, cancellationToken);
            _snapshot = new Snapshot(now, backlog?.Pending, backlog?.OldestDueAt, active, open);
        }
        catch (StorageUnavailableException exception)
        {
            // No number is better than an old one that looks current.
            _snapshot = null;
            Log.RefreshFailed(_logger, exception);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => Live.TryRemove(this, out _);

    private static async Task<long> CountAsync<T>(Func<string?, CancellationToken, Task<Page<T>>> list, CancellationToken cancellationToken)
    {
        long count = 0;
        string? token = null;
        do
        {
            var page = await list(token, cancellationToken);
            count += page.Items.Count;
            token = page.ContinuationToken;
        }
        while (token is not null);
        return count;
    }

    private static IEnumerable<Measurement<long>> Observe(Func<Snapshot, long?> value)
    {
        foreach (var gauges in Live.Keys)
        {
            if (gauges.Current() is { } snapshot && value(snapshot) is { } measured)
            {
                yield return new Measurement<long>(measured);
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveOldestDue()
    {
        foreach (var gauges in Live.Keys)
        {
            if (gauges.Current() is { OutboxDepth: not null } snapshot)
            {
                // Measured at the scrape, not at the refresh: a stuck item keeps ageing between refreshes.
                var age = snapshot.OldestDueAt is { } oldest ? Math.Max(0, (gauges._time.GetUtcNow() - oldest).TotalSeconds) : 0;
                yield return new Measurement<double>(age);
            }
        }
    }

    private Snapshot? Current()
    {
        var now = _time.GetUtcNow();
        if (now.UtcTicks - Volatile.Read(ref _lastAttemptTicks) >= _refreshTicks && Interlocked.Exchange(ref _refreshing, 1) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await RefreshAsync(CancellationToken.None);
                }
                catch (Exception exception)
                {
                    // Nobody awaits this task: a bug in a count must show in the log, and the gauges go quiet.
                    _snapshot = null;
                    Log.RefreshBug(_logger, exception);
                }
                finally
                {
                    Volatile.Write(ref _refreshing, 0);
                }
            });
        }

        return _snapshot;
    }

    private sealed record Snapshot(DateTimeOffset TakenAt, long? OutboxDepth, DateTimeOffset? OldestDueAt, long ActivePairings, long OpenRequests);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Storage was unavailable while counting the operational gauges; they report nothing until it answers")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Error, "Counting the operational gauges failed unexpectedly; they report nothing until a refresh succeeds")]
        public static partial void RefreshBug(ILogger logger, Exception exception);
    }
}
