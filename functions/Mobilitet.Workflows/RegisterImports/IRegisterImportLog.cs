namespace Mobilitet.Workflows.RegisterImports;

/// <summary>One record per import (<see cref="RegisterImport"/>): what makes importing the same file twice change nothing.</summary>
public interface IRegisterImportLog
{
    /// <summary>Records the import unless it is recorded already; returns the record as stored (an earlier attempt's if there was one).</summary>
    Task<RegisterImport> StartAsync(RegisterImport import, CancellationToken cancellationToken);

    /// <summary>Stores the completed record (status and counts).</summary>
    Task CompleteAsync(RegisterImport import, CancellationToken cancellationToken);

    Task<RegisterImport?> FindAsync(string importId, CancellationToken cancellationToken);

    /// <summary>The completed imports, newest first (by <see cref="RegisterImport.UploadedAt"/>), at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<RegisterImport>> ListRecentAsync(int max, CancellationToken cancellationToken);
}
