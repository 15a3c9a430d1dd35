namespace Mobilitet.Workflows.Caseload;

/// <summary>Imports the next lines of a caseload import (the engine's client and the agreement command, behind a port).</summary>
public interface ICaseloadImportRunner
{
    /// <returns>True while lines remain.</returns>
    Task<bool> ImportNextAsync(string importId, CancellationToken cancellationToken);
}
