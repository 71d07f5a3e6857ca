using MentorBot.Bot.Storage.InMemory;
using MentorBot.Bot.Storage.Programs;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Rounds;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MentorBot.Bot.Storage.Privacy;
using MentorBot.Core.Privacy;

namespace MentorBot.Bot.Programs;

public static class ProgramsServiceCollectionExtensions
{
    /// <summary>
    /// Program owners' side: the <c>Programs</c> options, the default program seeded from configuration, dashboard
    /// sign-in, activity loading, participant import and concern actions. Program, enrolment and concern stores fall
    /// back to in-memory tables when <c>AddMentorBotStorage</c> did not register real ones (it replaces these either way).
    /// </summary>
    public static IServiceCollection AddMentorBotPrograms(this IServiceCollection services)
    {
        services.AddOptions<ProgramsOptions>().BindConfiguration(ProgramsOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProgramsOptions>, ProgramsOptionsValidator>());

        services.AddProgramStoreFallbacks();
        services.TryAddSingleton<IRoundStore>(sp => new TableRoundStore(sp.GetRequiredService<InMemoryProgramTables>().Engine));

        services.TryAddSingleton<ProgramActivityLoader>();
        services.TryAddSingleton<OutcomesLoader>();
        services.TryAddSingleton<ParticipantImportService>();
        services.TryAddSingleton<ConcernInbox>();
        services.TryAddSingleton<ConcernActions>();
        services.TryAddSingleton<ProgramEditor>();
        services.TryAddSingleton<DashboardIdentity>();
        services.TryAddSingleton<ChartJsFile>();
        services.TryAddSingleton<TeamsJsFile>();
        services.AddHostedService<DefaultProgramSeeder>();
        return services;
    }
}

public static class ProgramStoreFallbacks
{
    /// <summary>In-memory program, enrolment and concern stores, unless storage registered real ones first.</summary>
    public static IServiceCollection AddProgramStoreFallbacks(this IServiceCollection services)
    {
        services.TryAddSingleton<InMemoryProgramTables>();
        services.TryAddSingleton<IProgramStore>(sp => new TableProgramStore(sp.GetRequiredService<InMemoryProgramTables>().Engine));
        services.TryAddSingleton<IEnrolmentStore>(sp => new TableEnrolmentStore(sp.GetRequiredService<InMemoryProgramTables>().Engine));
        services.TryAddSingleton<IConcernStore>(sp => new TableConcernStore(sp.GetRequiredService<InMemoryProgramTables>().Engine));
        TableSuppressionList.AddOptions(services);
        services.TryAddSingleton<ISuppressionList>(sp =>
            new TableSuppressionList(sp.GetRequiredService<InMemoryProgramTables>().Engine, sp.GetRequiredService<IOptions<PrivacyOptions>>()));
        return services;
    }
}

/// <summary>Program tables in process memory, for tests and a storage-less local run.</summary>
internal sealed class InMemoryProgramTables
{
    public InMemoryProgramTables(TimeProvider time)
    {
        Engine = new InMemoryTableEngine("programs", time);
        foreach (var table in new[] { TableProgramStore.TableName, TableEnrolmentStore.TableName, TableConcernStore.TableName, TableSuppressionList.TableName })
        {
            Engine.GetTable(table).CreateIfNotExistsAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public InMemoryTableEngine Engine { get; }
}
