namespace Mobilitet.Workflows.Agreements;

/// <summary>
/// Gives agreements stored before an index of the read model existed, or indexed under an earlier key layout (the
/// agreement list, the ended index the retention job reads), their index rows. Safe to run again and while workflows run.
/// </summary>
public interface IAgreementIndexMigration
{
    /// <returns>How many agreements it indexed.</returns>
    Task<int> ReindexOutdatedAsync(CancellationToken cancellationToken);
}
