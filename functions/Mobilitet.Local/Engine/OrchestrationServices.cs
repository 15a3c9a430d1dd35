using Azure.Data.Tables;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Local.Engine;

/// <summary>Creates the orchestration service (the Durable Task engine's storage) the sidecar runs on.</summary>
public static class OrchestrationServices
{
    /// <returns>A service that is both <see cref="IOrchestrationService"/> and <see cref="IOrchestrationServiceClient"/>.</returns>
    public static async Task<IOrchestrationService> CreateAsync(EngineOptions options, string? storageConnectionString, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == EngineProvider.InMemory)
        {
            return new InMemoryOrchestrationService(loggerFactory);
        }

        if (string.IsNullOrWhiteSpace(storageConnectionString))
        {
            throw new InvalidOperationException("The AzureStorage engine needs Storage:ConnectionString.");
        }

        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            // Tables through an account SAS, as the app's own (SasTableClients): signing each request with the key costs a
            // finalized HMAC per request in Azure.Data.Tables. Blobs and queues sign without one.
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(storageConnectionString),
                StorageServiceClientProvider.ForQueue(storageConnectionString),
                new SasTableClientProvider(storageConnectionString)),
            TaskHubName = options.TaskHub,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            LoggerFactory = loggerFactory,

            // A start with dedupe statuses whose id is taken must fail, as on the in-memory engine
            // (and the client says so); by default the provider returns the id and starts nothing.
            ThrowExceptionOnInvalidDedupeStatus = true,
        });

        // The provider's queues, tables and containers must exist before it starts.
        await service.CreateIfNotExistsAsync();
        return service;
    }

    private sealed class SasTableClientProvider(string connectionString) : IStorageServiceClientProvider<TableServiceClient, TableClientOptions>
    {
        public TableClientOptions CreateOptions() => new();

        public TableServiceClient CreateClient(TableClientOptions options) => SasTableClients.FromConnectionString(connectionString, options);
    }
}
