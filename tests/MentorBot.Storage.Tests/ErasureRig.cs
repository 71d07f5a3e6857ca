using MentorBot.Bot.Hosting;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Storage;
using MentorBot.Core.CheckIns;
using MentorBot.Storage.Tests.Infrastructure;
using MentorBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MentorBot.Core.Outbox;

namespace MentorBot.Storage.Tests;

/// <summary>
/// The product's composition (<see cref="MentorBotHost"/>, as <c>Program.cs</c> calls it) on a given table engine, with a recording calendar and a
/// notifier that reaches nobody, and every registered table created.
/// </summary>
internal sealed class ErasureRig : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ErasureRig(ServiceProvider services, IReadOnlyList<ServiceDescriptor> descriptors, RecordingCalendar calendar, ManualTimeProvider clock)
    {
        _services = services;
        Descriptors = descriptors;
        Calendar = calendar;
        Clock = clock;
    }

    public IServiceProvider Services => _services;

    /// <summary>What the composition registered, for tests that reflect over it.</summary>
    public IReadOnlyList<ServiceDescriptor> Descriptors { get; }

    public RecordingCalendar Calendar { get; }

    public ManualTimeProvider Clock { get; }

    public static async Task<ErasureRig> StartAsync(ITableEngine engine, Dictionary<string, string?>? settings = null)
    {
        var calendar = new RecordingCalendar();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var services = ProductServices.Compose(new MentorBotOverrides { StorageEngine = engine, Clock = clock }, settings);
        services.Replace(ServiceDescriptor.Singleton<ICalendar>(calendar));
        services.Replace(ServiceDescriptor.Singleton<IRequestMessageDelivery, NobodyDelivery>());
        var rig = new ErasureRig(services.BuildServiceProvider(MentorBotHost.ProviderOptions), [.. services], calendar, clock);
        foreach (var table in rig.Services.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await engine.GetTable(table).CreateIfNotExistsAsync(CancellationToken.None);
        }

        return rig;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Every row of every table the product registers, through the engine.</summary>
    public async Task<IReadOnlyList<(string Table, TableEntity Row)>> ScanEverythingAsync()
    {
        var engine = Get<ITableEngine>();
        var rows = new List<(string, TableEntity)>();
        foreach (var table in Services.GetServices<StorageTableRegistration>().Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            rows.AddRange((await engine.GetTable(table).ScanAllAsync(CancellationToken.None)).Select(r => (table, r)));
        }

        return rows;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    /// <summary>Records which calendar events were cancelled; creating and moving succeed without a calendar.</summary>
    internal sealed class RecordingCalendar : ICalendar
    {
        public List<string> Cancelled { get; } = [];

        public Task<CalendarOutcome> CreateAsync(CheckInDetails details, CancellationToken cancellationToken) =>
            Task.FromResult<CalendarOutcome>(new CalendarOutcome.NotConfigured());

        public Task<CalendarOutcome> UpdateAsync(CheckInDetails details, CancellationToken cancellationToken) =>
            Task.FromResult<CalendarOutcome>(new CalendarOutcome.NotConfigured());

        public Task<CalendarOutcome> CancelAsync(CheckInDetails details, CancellationToken cancellationToken)
        {
            lock (Cancelled)
            {
                Cancelled.Add(details.CheckIn.Meeting?.CalendarEventId ?? "(none)");
            }

            return Task.FromResult<CalendarOutcome>(new CalendarOutcome.Cancelled());
        }
    }

    /// <summary>Request messages stay in the outbox (decision 0306): erasure must find them there.</summary>
    private sealed class NobodyDelivery : IRequestMessageDelivery
    {
        public Task DeliverAsync(IReadOnlyList<RequestMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
