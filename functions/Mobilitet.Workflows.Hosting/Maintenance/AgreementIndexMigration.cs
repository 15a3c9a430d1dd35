using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// Indexes agreements stored under an earlier layout of the read model's indexes (<see cref="IAgreementIndexMigration"/>),
/// so that after a deploy that changed a layout no agreement is missing from a list or from retention. Both hosts run it
/// at start (the local host also before it serves requests, the Functions timer with RunOnStartup); it reads the whole
/// agreements table, so later ticks of the same process do nothing: every write after the deploy indexes in the new layout.
/// A run that fails is tried again at the next tick.
/// </summary>
public sealed class AgreementIndexMigration(IAgreementIndexMigration agreements) : IMaintenanceJob
{
    private volatile bool done;

    public Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    /// <summary>The migration, once per process (the local host runs it before it serves requests, and its first tick then does nothing).</summary>
    /// <returns>How many agreements were indexed.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (done)
        {
            return 0;
        }

        var indexed = await agreements.ReindexOutdatedAsync(cancellationToken);
        done = true;
        return indexed;
    }
}
