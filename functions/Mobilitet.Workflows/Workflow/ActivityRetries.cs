using Microsoft.DurableTask;

namespace Mobilitet.Workflows.Workflow;

/// <summary>
/// Every activity call retries: activities touch storage and email, and a storage hiccup must not
/// fail an agreement that runs for three years. Activities are idempotent, so a retry is safe.
/// </summary>
public static class ActivityRetries
{
    public static TaskOptions Options { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(1)));
}
