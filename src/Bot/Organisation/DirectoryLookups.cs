using System.Threading.Channels;
using MentorBot.Bot.Calendar;
using MentorBot.Core.Organisation;
using MentorBot.Core.Persistence;
using MentorBot.Core.Profiles;
using MentorBot.Core.Tenants;
using Microsoft.Extensions.Options;

namespace MentorBot.Bot.Organisation;

/// <summary>
/// People to look up in the directory now rather than at the next sync round (decision 0401): someone whose profile
/// was just made or whose roster facts were just refreshed. The turn only enqueues (no Graph call on the turn's path);
/// <see cref="DirectoryLookupWorker"/> reads the directory right after. The queue is in memory: a crash loses at most
/// what it held, and the next sync round looks up everyone with a profile and no directory entry anyway.
/// </summary>
public sealed class DirectoryLookups(IDirectory directory, IOptions<GraphOptions> graph, DefaultTenant defaultTenant)
{
    /// <summary>More people than this waiting at once (an install storm) are left to the sync round.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<UserId> _people = Channel.CreateBounded<UserId>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly TenantId? _graphTenant = defaultTenant.InCore(TenantId.From(graph.Value.TenantId));

    /// <summary>Whether a person of <paramref name="tenant"/> can be looked up at all: a directory is configured and it is theirs.</summary>
    public bool Serves(TenantId? tenant) => directory.IsConfigured && tenant == _graphTenant;

    /// <summary>Asks for a lookup of <paramref name="person"/>; false when there is no directory for their tenant or the queue is full.</summary>
    public bool Enqueue(UserId person, TenantId? tenant) => Serves(tenant) && _people.Writer.TryWrite(person);

    internal TenantId? GraphTenant => _graphTenant;

    internal ChannelReader<UserId> Reader => _people.Reader;
}

/// <summary>
/// Reads each person <see cref="DirectoryLookups"/> holds from the directory (their manager and the line above,
/// department, mailbox time zone), one at a time, so the reporting-line rule holds for their first ask rather than
/// after the next sync round. A directory or storage failure is one log line naming no one; the person stays for the round.
/// </summary>
public sealed partial class DirectoryLookupWorker(
    DirectoryLookups queue,
    DirectorySync sync,
    IDirectoryStore store,
    ILogger<DirectoryLookupWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var person in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await LookUpAsync(person, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Looks one person up unless the directory was already read for them; true when their profile changed.</summary>
    public async Task<bool> LookUpAsync(UserId person, CancellationToken cancellationToken)
    {
        var tenant = queue.GraphTenant;
        try
        {
            if (await store.GetAsync(tenant, person, cancellationToken) is { NotInDirectory: false })
            {
                return false;
            }

            var changed = await sync.LookUpAsync(tenant, person, cancellationToken);
            Log.LookedUp(logger, changed);
            return changed;
        }
        catch (DirectoryUnavailableException e)
        {
            Log.Failed(logger, e.Failure.ToString());
        }
        catch (Exception e) when (e is StorageUnavailableException or ConcurrencyConflictException)
        {
            Log.Failed(logger, e.GetType().Name);
        }

        return false;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Looked a new person up in the directory; profile changed: {Changed}")]
        public static partial void LookedUp(ILogger logger, bool changed);

        [LoggerMessage(2, LogLevel.Warning, "A new person could not be looked up in the directory ({Failure}); the next sync round tries again")]
        public static partial void Failed(ILogger logger, string failure);
    }
}
