using Mobilitet.Workflows.Azure.Configuration;

namespace Mobilitet.Local.Storage;

/// <summary>Creates the app's tables and containers before the host serves requests (Bicep does this in Azure).</summary>
public sealed class StorageStartup(IStorageInitializer storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
