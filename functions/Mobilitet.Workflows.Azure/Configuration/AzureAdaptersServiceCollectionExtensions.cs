using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Azure.Blobs;
using Mobilitet.Workflows.Azure.Email;
using Mobilitet.Workflows.Azure.Protection;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Documents;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Tasks;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Azure.Configuration;

public static class AzureAdaptersServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage adapters as singletons: <see cref="TableServiceClient"/>,
    /// <see cref="BlobServiceClient"/>, every storage port of the workflow and <see cref="IStorageInitializer"/>,
    /// configured from section "Storage" (<see cref="StorageOptions"/>, validated at start). Personal data is encrypted at
    /// rest with ASP.NET Core Data Protection (<see cref="IPersonalDataProtector"/>), whose key ring is kept in Blob storage
    /// (<see cref="BlobXmlRepository"/>); the host adds the application name and the key-wrapping certificate.
    /// </summary>
    public static IServiceCollection AddAzureStorageAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        AddStorageClients(services);
        services.AddSingleton<IStorageInitializer, StorageInitializer>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<TableAgreementRepository>();
        services.AddSingleton<IAgreementRepository>(static provider => provider.GetRequiredService<TableAgreementRepository>());
        services.AddSingleton<IAgreementIndexMigration>(static provider => provider.GetRequiredService<TableAgreementRepository>());
        services.AddSingleton<IAgreementList, TableAgreementList>();
        services.AddSingleton<ITaskBoard, TableTaskBoard>();
        services.AddSingleton<ITimeline, TableTimeline>();
        services.AddSingleton<IMeasurementRepository, TableMeasurementRepository>();
        services.AddSingleton<IIndicatorStore, TableIndicatorStore>();
        services.AddSingleton<WellBeing.ICheckInStore, TableCheckInStore>();
        services.AddSingleton<IEscalationRepository, TableEscalationRepository>();
        services.AddSingleton<Decisions.IDecisionLog, TableDecisionLog>();
        services.AddSingleton<DecisionLinks.IDecisionLinkLedger, TableDecisionLinkLedger>();
        services.AddSingleton<Digests.IDigestLog, TableDigestLog>();
        services.AddSingleton<Operations.IOperatorLocks, TableOperatorLocks>();
        services.AddSingleton<Audit.IAuditLog, TableAuditLog>();
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>()
            .Configure<BlobXmlRepository>((options, repository) => options.XmlRepository = repository);
        services.AddSingleton<IPersonalDataProtector, DataProtectionPersonalDataProtector>();
        services.AddSingleton<TablePersonalDataVault>();
        services.AddSingleton<IPersonalDataVault>(static provider => provider.GetRequiredService<TablePersonalDataVault>());
        services.AddSingleton<IVaultInventory>(static provider => provider.GetRequiredService<TablePersonalDataVault>());
        AddClearTextMigration<TablePersonalDataVault>(services);
        services.AddSingleton<IPersonKeyIndex, TablePersonKeyIndex>();
        services.AddSingleton<IRegisterRowStore, TableRegisterRowStore>();
        services.AddSingleton<IRegisterImportLog, TableRegisterImportLog>();
        services.AddSingleton<IExtractArchive, BlobExtractArchive>();
        services.AddSingleton<IExtractDropBox, BlobExtractDropBox>();
        services.AddSingleton<TableCaseloadImportStore>();
        services.AddSingleton<Caseload.ICaseloadImportStore>(static provider => provider.GetRequiredService<TableCaseloadImportStore>());
        AddClearTextMigration<TableCaseloadImportStore>(services);
        services.AddSingleton<Caseload.ICaseloadReferenceMap, TableCaseloadReferenceMap>();
        services.AddSingleton<INotificationLog, TableNotificationLog>();
        services.AddSingleton<IFailedNotifications, TableFailedNotifications>();
        services.AddSingleton<BlobDocumentStore>();
        services.AddSingleton<IDocumentStore>(static provider => provider.GetRequiredService<BlobDocumentStore>());
        AddClearTextMigration<BlobDocumentStore>(services);

        // The outbox table may hold emails from a time without SendGrid, so it is migrated whichever sender is used.
        services.TryAddSingleton<TableOutbox>();
        AddClearTextMigration<TableOutbox>(services);
        services.AddSingleton<BlobXmlRepository>();
        return services;
    }

    /// <summary>
    /// Registers <see cref="SendGridEmailSender"/> as the <see cref="IEmailSender"/> when
    /// "SendGrid:ApiKey" is set, and binds <see cref="SendGridOptions"/> and <see cref="NotificationOptions"/>.
    /// </summary>
    /// <returns>True if SendGrid was registered; false if no key is configured (register another sender then).</returns>
    public static bool AddSendGridEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(SendGridOptions.Section);
        if (string.IsNullOrWhiteSpace(section[nameof(SendGridOptions.ApiKey)]))
        {
            return false;
        }

        services.AddOptions<SendGridOptions>().Bind(section);
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SendGridEmailSender.HttpClientName);
        services.AddSingleton<IEmailSender, SendGridEmailSender>();
        return true;
    }

    /// <summary>
    /// Registers the table outbox as the <see cref="IEmailSender"/> (and <see cref="IOutbox"/>): emails
    /// are kept, not sent. For hosts without a SendGrid key.
    /// </summary>
    public static IServiceCollection AddOutboxEmail(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TableOutbox>();
        services.AddSingleton<IOutbox>(static provider => provider.GetRequiredService<TableOutbox>());
        services.AddSingleton<IEmailSender>(static provider => provider.GetRequiredService<TableOutbox>());
        return services;
    }

    private static void AddClearTextMigration<TStore>(IServiceCollection services)
        where TStore : class, IClearPersonalDataMigration =>
        services.AddSingleton<IClearPersonalDataMigration>(static provider => provider.GetRequiredService<TStore>());

    /// <summary>
    /// The storage clients through Microsoft.Extensions.Azure (one place for their options, credential and the Azure SDK's
    /// log forwarding): a connection string if one is configured (Azurite, development; tables through an account SAS made
    /// from its key, <see cref="SasTableClients"/>), else the account's endpoints with the (user-assigned) managed identity. Both are singletons, resolvable as <see cref="TableServiceClient"/> and
    /// <see cref="BlobServiceClient"/>.
    /// </summary>
    private static void AddStorageClients(IServiceCollection services)
    {
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(static provider => Credential(StorageOptionsOf(provider)));
            clients.AddClient<TableServiceClient, TableClientOptions>(static (clientOptions, credential, provider) =>
                StorageOptionsOf(provider) is var storage && string.IsNullOrWhiteSpace(storage.ConnectionString)
                    ? new TableServiceClient(Endpoint(storage, "table"), credential, clientOptions)
                    : SasTableClients.FromConnectionString(storage.ConnectionString, clientOptions));
            clients.AddClient<BlobServiceClient, BlobClientOptions>(static (clientOptions, credential, provider) =>
                StorageOptionsOf(provider) is var storage && string.IsNullOrWhiteSpace(storage.ConnectionString)
                    ? new BlobServiceClient(Endpoint(storage, "blob"), credential, clientOptions)
                    : new BlobServiceClient(storage.ConnectionString, clientOptions));
        });

        // The Azure SDK's own request logs (forwarded to ILogger by AddAzureClients) only from warnings on: at information
        // they are two lines per storage request. A configured Logging:LogLevel:Azure.* is more specific and still wins.
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.Warning));
    }

    private static StorageOptions StorageOptionsOf(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<StorageOptions>>().Value;

    private static Uri Endpoint(StorageOptions options, string service) =>
        new($"https://{options.AccountName}.{service}.core.windows.net");

    // Only used without a connection string (Microsoft.Extensions.Azure asks for it when it builds a client).
    private static TokenCredential Credential(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));

    private sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
            options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}
