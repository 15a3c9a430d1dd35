using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Agreements;

namespace Mobilitet.Workflows.Hosting.Maintenance;

/// <summary>
/// No agreement is lost to a crash: the API stores an agreement before it starts its orchestration,
/// so a process that dies between the two leaves an agreement that waits for consent with no
/// workflow behind it. This job finds such agreements and starts them. Run on a timer by both hosts.
/// </summary>
public sealed partial class UnstartedAgreementRepair(
    IAgreementRepository agreements,
    TimeProvider time,
    ILogger<UnstartedAgreementRepair> logger) : IMaintenanceJob
{
    /// <summary>Agreements younger than this are left alone: their creation may still be under way.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    /// <returns>How many agreements were started.</returns>
    public async Task<int> RunAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var started = 0;
        var settled = time.GetUtcNow() - Grace;
        foreach (var agreement in await agreements.ListAsync(null, AgreementStatus.AwaitingConsent, cancellationToken))
        {
            if (agreement.CreatedAt > settled
                || await client.GetInstanceAsync(agreement.AgreementId, cancellationToken) is not null)
            {
                continue;
            }

            try
            {
                await AgreementStarter.StartAsync(client, agreement, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (await client.GetInstanceAsync(agreement.AgreementId, cancellationToken) is not null)
                {
                    continue; // another instance of the job (a scaled-out Functions app) started it first
                }

                throw;
            }

            LogStarted(agreement.AgreementId);
            started++;
        }

        return started;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agreement {AgreementId} had no orchestration (its creation was interrupted); started it")]
    private partial void LogStarted(string agreementId);
}
