using Microsoft.DurableTask;

namespace Mobilitet.Workflows.Caseload;

/// <summary>One batch of a caseload import: input the import id, output whether lines remain.</summary>
public sealed class ImportCaseloadRows(ICaseloadImportRunner runner) : TaskActivity<string, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        return runner.ImportNextAsync(input, CancellationToken.None);
    }
}
