using MentorBot.Bot.Calendar;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Programs;
using MentorBot.Bot.Storage.CheckIns;
using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Requests;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MentorBot.Core.Nudges;

namespace MentorBot.Bot.Hosting;

/// <summary>Composition, not a flow: it builds storage adapters, so it lives with the host (Flows never touch storage).</summary>
public static class InMemoryStoreFallbacks
{
    /// <summary>
    /// In-memory requests and mentorships for whatever the storage registration did not provide (tests, a local run
    /// before the table stores exist). Call after <c>AddMentorBotStorage</c> so real stores win.
    /// </summary>
    public static IServiceCollection AddInMemoryStoreFallbacks(this IServiceCollection services)
    {
        services.TryAddSingleton<InMemoryMentoringStores>();
        services.TryAddSingleton<IRequestStore>(sp => sp.GetRequiredService<InMemoryMentoringStores>().Requests);
        services.TryAddSingleton<IMentorshipStore>(sp => sp.GetRequiredService<InMemoryMentoringStores>().Mentorships);
        services.TryAddSingleton<ICheckInStore>(sp =>
        {
            var engine = new InMemoryTableEngine("checkins", sp.GetRequiredService<TimeProvider>());
            engine.GetTable(TableCheckInStore.TableName).CreateIfNotExistsAsync(CancellationToken.None).GetAwaiter().GetResult();
            return new TableCheckInStore(engine);
        });
        services.TryAddSingleton<ICalendar, IcsOnlyCalendar>();
        services.AddProgramStoreFallbacks();
        services.TryAddSingleton<INudgePreferencesStore>(sp =>
        {
            var engine = new InMemoryTableEngine("preferences", sp.GetRequiredService<TimeProvider>());
            engine.GetTable(TableNudgePreferencesStore.TableName).CreateIfNotExistsAsync(CancellationToken.None).GetAwaiter().GetResult();
            return new TableNudgePreferencesStore(engine);
        });
        return services;
    }
}
