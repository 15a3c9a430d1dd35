namespace Mobilitet.Workflows.Audit;

/// <summary>The audit log: entries are only ever added; nothing in the system changes or deletes one.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The entries of one (UTC) day, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(DateOnly day, CancellationToken cancellationToken);
}
