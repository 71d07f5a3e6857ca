using Azure.Core;
using Azure.Identity;
using MentorBot.Bot.Protocol.Dialogs.Persistence;
using MentorBot.Bot.Proactive;
using MentorBot.Bot.Storage.AzureTable;
using MentorBot.Bot.Storage.Organisation;
using MentorBot.Core.Organisation;
using MentorBot.Core.Programs.Invitations;
using MentorBot.Bot.Storage.CheckIns;
using MentorBot.Bot.Storage.DataProtection;
using MentorBot.Bot.Storage.Conversations;
using MentorBot.Bot.Storage.Mentoring;
using MentorBot.Bot.Storage.Nudges;
using MentorBot.Bot.Storage.Programs;
using MentorBot.Core.CheckIns;
using MentorBot.Core.Mentorships;
using MentorBot.Core.Nudges;
using MentorBot.Core.Programs;
using MentorBot.Core.Programs.Rounds;
using MentorBot.Core.Requests;
using MentorBot.Bot.Storage.Profiles;
using MentorBot.Bot.Storage.Sqlite;
using MentorBot.Core.Profiles;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MentorBot.Bot.Storage.Privacy;
using MentorBot.Core.Privacy;

using MentorBot.Bot.Storage.Sessions;
using MentorBot.Core.Sessions;

namespace MentorBot.Bot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the table engine (SQLite unless Azure Table is configured), the Core store ports on top of it,
    /// and a start-up step that creates the tables and logs the chosen backend.
    /// </summary>
    public static IServiceCollection AddMentorBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.ConnectionString) && configuration.GetConnectionString("Storage") is { Length: > 0 } fromConnectionStrings)
                {
                    options.ConnectionString = fromConnectionStrings;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(CreateEngine);

        services.AddSingleton(new StorageTableRegistration(TableProfileStore.TableName));
        services.TryAddSingleton<IProfileStore, TableProfileStore>();
        services.AddSingleton(new StorageTableRegistration(TableMatchingChangeMarker.TableName));
        services.Replace(ServiceDescriptor.Singleton<IMatchingChangeMarker, TableMatchingChangeMarker>());

        // The host registers in-memory defaults for these; storage replaces them so state survives restarts and is
        // shared by every bot instance on one storage account.
        services.AddSingleton(new StorageTableRegistration(TableNudgePreferencesStore.TableName));
        services.Replace(ServiceDescriptor.Singleton<INudgePreferencesStore, TableNudgePreferencesStore>());
        services.AddSingleton(new StorageTableRegistration(TableCheckInStore.TableName));
        services.TryAddSingleton<TableCheckInStore>();
        services.Replace(ServiceDescriptor.Singleton<ICheckInStore>(sp => sp.GetRequiredService<TableCheckInStore>()));
        services.AddSingleton(new StorageTableRegistration(TableConversationReferenceStore.TableName));
        services.Replace(ServiceDescriptor.Singleton<IConversationReferenceStore, TableConversationReferenceStore>());
        services.AddSingleton(new StorageTableRegistration(TableMentoringStore.TableName));
        services.TryAddSingleton<TableMentoringStore>();
        services.Replace(ServiceDescriptor.Singleton<IRequestStore>(sp => sp.GetRequiredService<TableMentoringStore>()));
        services.Replace(ServiceDescriptor.Singleton<IMentorshipStore>(sp => sp.GetRequiredService<TableMentoringStore>()));
        services.AddSingleton(new StorageTableRegistration(TableGroupSessionStore.TableName));
        services.TryAddSingleton<TableGroupSessionStore>();
        services.Replace(ServiceDescriptor.Singleton<IGroupSessionStore>(sp => sp.GetRequiredService<TableGroupSessionStore>()));
        services.TryAddSingleton<TableMessageOutbox>();
        services.Replace(ServiceDescriptor.Singleton<IRequestMessageOutbox>(sp => sp.GetRequiredService<TableMessageOutbox>()));
        services.AddSingleton(new StorageTableRegistration(TableDialogStateStore.TableName));
        services.Replace(ServiceDescriptor.Singleton<IDialogStateStore, TableDialogStateStore>());
        services.AddSingleton(new StorageTableRegistration(TableNudgeOutbox.TableName));
        services.Replace(ServiceDescriptor.Singleton<INudgeOutbox, TableNudgeOutbox>());
        services.AddSingleton(new StorageTableRegistration(TablePostedCardStore.TableName));
        services.Replace(ServiceDescriptor.Singleton<IPostedCardStore, TablePostedCardStore>());

        services.AddSingleton(new StorageTableRegistration(TableProgramStore.TableName));
        services.Replace(ServiceDescriptor.Singleton<IProgramStore, TableProgramStore>());
        services.AddSingleton(new StorageTableRegistration(TableEnrolmentStore.TableName));
        services.Replace(ServiceDescriptor.Singleton<IEnrolmentStore, TableEnrolmentStore>());
        services.AddSingleton(new StorageTableRegistration(TableConcernStore.TableName));
        services.Replace(ServiceDescriptor.Singleton<IConcernStore, TableConcernStore>());
        services.Replace(ServiceDescriptor.Singleton<IRoundStore, TableRoundStore>());
        services.AddSingleton(new StorageTableRegistration(TableDirectoryStore.TableName));
        services.Replace(ServiceDescriptor.Singleton<IDirectoryStore, TableDirectoryStore>());
        services.AddSingleton(new StorageTableRegistration(TableInvitationStore.TableName));
        services.Replace(ServiceDescriptor.Singleton<IInvitationStore, TableInvitationStore>());
        services.AddSingleton(new StorageTableRegistration(Skills.TableSkillCatalogStore.TableName));
        services.Replace(ServiceDescriptor.Singleton<Core.Skills.ISkillCatalogStore, Skills.TableSkillCatalogStore>());
        services.AddPersonalDataPort<Core.Skills.ISkillCatalogStore>();
        services.AddSingleton(new StorageTableRegistration(TableSuppressionList.TableName));
        TableSuppressionList.AddOptions(services);
        services.Replace(ServiceDescriptor.Singleton<ISuppressionList, TableSuppressionList>());

        // Data Protection keys (signed .ics links) live beside the data, so they survive restarts and every instance
        // on this storage shares them (decision 0255).
        services.AddSingleton(new StorageTableRegistration(TableXmlRepository.TableName));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new TableXmlRepository(sp.GetRequiredService<ITableEngine>())));

        services.AddHostedService<StorageInitializer>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    private static ITableEngine CreateEngine(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        if (options.Backend == StorageBackend.Sqlite)
        {
            var contentRoot = services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
            var folder = Path.Combine(contentRoot, options.DataFolder);
            return new SqliteTableEngine(Path.Combine(folder, "mentorbot.db"), options.TablePrefix, options.SqliteBusyTimeout, timeProvider);
        }

        var connection = options.TableEndpoint is { } endpoint
            ? TableConnection.ForEntra(endpoint)
            : TableConnection.Parse(options.ConnectionString!);
        // A TokenCredential registered by the host (tests, a specific managed identity) wins over the default chain.
        var credential = connection.Kind == TableCredentialKind.Entra
            ? services.GetService<TokenCredential>() ?? new DefaultAzureCredential()
            : null;
        return new AzureTableEngine(connection, options.TablePrefix, CreateClientOptions(options), timeProvider, credential);
    }

    internal static TableClientOptions CreateClientOptions(StorageOptions options)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.MaxDelay = options.MaxRetryDelay;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        // Request/response logging through Azure's event source would include URLs with keys in SAS mode.
        clientOptions.Diagnostics.IsLoggingEnabled = false;
        clientOptions.Diagnostics.IsTelemetryEnabled = false;
        return clientOptions;
    }
}

/// <summary>A logical table some store owns; created at start-up.</summary>
internal sealed record StorageTableRegistration(string Name);
