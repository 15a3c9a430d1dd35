using Mobilitet.Workflows.RegisterImports;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Import records in memory; starting keeps the first record, like the table's insert.</summary>
public sealed class InMemoryRegisterImportLog : IRegisterImportLog
{
    private readonly Dictionary<string, RegisterImport> imports = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public IReadOnlyList<RegisterImport> All
    {
        get
        {
            lock (gate)
            {
                return [.. imports.Values];
            }
        }
    }

    public Task<RegisterImport> StartAsync(RegisterImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        lock (gate)
        {
            return Task.FromResult(imports.TryAdd(import.ImportId, import) ? import : imports[import.ImportId]);
        }
    }

    public Task CompleteAsync(RegisterImport import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        lock (gate)
        {
            imports[import.ImportId] = import;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RegisterImport>> ListRecentAsync(int max, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<RegisterImport>>(
                [.. imports.Values.Where(import => import.Status == RegisterImportStatus.Completed).OrderByDescending(import => import.UploadedAt).Take(max)]);
        }
    }

    public Task<RegisterImport?> FindAsync(string importId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(imports.GetValueOrDefault(importId));
        }
    }
}
