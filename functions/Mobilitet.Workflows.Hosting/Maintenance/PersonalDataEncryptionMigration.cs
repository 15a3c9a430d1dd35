using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// The one-time migration to encryption at rest: every store of personal data encrypts what it still holds in clear
/// text (written before encryption). Both hosts run it at start (the local host's first maintenance tick, the Functions
/// timer's RunOnStartup); once a run has gone through every store, new writes are encrypted anyway, so later ticks of
/// the same process do nothing. A run that fails is tried again at the next tick; running it twice is harmless.
/// </summary>
public sealed partial class PersonalDataEncryptionMigration(
    IEnumerable<IClearPersonalDataMigration> stores,
    ILogger<PersonalDataEncryptionMigration> logger) : IMaintenanceJob
{
    private volatile bool done;

    /// <returns>How many rows and blobs were encrypted.</returns>
    public async Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (done)
        {
            return 0;
        }

        var encrypted = 0;
        foreach (var store in stores)
        {
            encrypted += await store.EncryptClearTextAsync(cancellationToken);
        }

        done = true;
        if (encrypted > 0)
        {
            LogEncrypted(encrypted);
        }

        return encrypted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} rows and blobs of personal data stored in clear text")]
    private partial void LogEncrypted(int count);
}
