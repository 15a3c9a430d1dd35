using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Caseload;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>The caseload job's batches with the engine's client (the local host's from DI; the Functions app's from a binding).</summary>
public sealed class ClientCaseloadImportRunner(CaseloadImports imports, DurableTaskClient client) : ICaseloadImportRunner
{
    public Task<bool> ImportNextAsync(string importId, CancellationToken cancellationToken) =>
        imports.ImportNextAsync(client, importId, cancellationToken);
}
