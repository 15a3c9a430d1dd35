using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Hosting.Maintenance;

namespace Mobilitet.Local.Storage;

/// <summary>
/// Creates the app's tables and containers before the host serves requests (Bicep does this in Azure), and
/// gives agreements stored before the agreement list existed, or indexed under an earlier key layout, their list index rows.
/// </summary>
public sealed class StorageStartup(IStorageInitializer storage, AgreementIndexMigration indexes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await indexes.RunOnceAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
