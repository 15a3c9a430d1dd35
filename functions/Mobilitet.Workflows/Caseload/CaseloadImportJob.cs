using Microsoft.DurableTask;

namespace Mobilitet.Workflows.Caseload;

/// <summary>
/// Runs a caseload import in the background, batch by batch (<see cref="ImportCaseloadRows"/>), until no line is left;
/// instance id = import id. Its input and output are the import id and a flag: the lines stay in storage. Every
/// <see cref="BatchesPerGeneration"/> batches it continues as new, so its history stays small whatever the file's size.
/// A batch that fails is retried; each line is imported idempotently, so a retry never creates an agreement twice.
/// </summary>
public sealed class CaseloadImportJob : TaskOrchestrator<string, bool>
{
    public const int BatchesPerGeneration = 50;

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    public override async Task<bool> RunAsync(TaskOrchestrationContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(input);
        for (var batch = 0; batch < BatchesPerGeneration; batch++)
        {
            if (!await context.CallActivityAsync<bool>(nameof(ImportCaseloadRows), input, Retry))
            {
                return true;
            }
        }

        context.ContinueAsNew(input);
        return false;
    }
}
